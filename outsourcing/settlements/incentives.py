"""The incentive table of an SLA version (SET-3): the contract's owner keeps it — bands of the total score → percent
of the period's fee and the deduction cap — until a settlement has applied it; from then on it is fixed (a change
is a new SLA version with its own table). An SLA version without a table uses the SPEC's default."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.org.models import User
from outsourcing.performance.models import SlaVersion
from outsourcing.settlements.adjustments import PERFORMANCE, default_bands
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import AdjustmentLine, IncentiveTable


def in_use(sla: SlaVersion) -> bool:
    """A settlement's performance line already follows this version's table."""
    return AdjustmentLine.objects.filter(line_type=PERFORMANCE, settlement__evaluation__sla=sla).exists()


def bands_of(sla: SlaVersion) -> tuple[list[dict], bool]:
    """The version's bands, highest first, and whether they are the SPEC's default."""
    table = IncentiveTable.objects.filter(sla=sla).first()
    bands = table.bands if table is not None and table.bands else default_bands()
    return sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True), table is None or not table.bands


def parse_bands(text: str) -> list[dict]:
    """One band a line, e.g. “95 3” (the total score from, the percent of the fee) → bands; each number checked."""
    bands, seen = [], set()
    message = _("One band a line: the total score from (0–100) and the percent of the fee (−100 to 100), e.g. “95 3”.")
    for row in (text or "").splitlines():
        if not row.strip():
            continue
        parts = row.replace("%", " ").replace(",", " ").split()
        try:
            low, percent = (Decimal(p) for p in parts) if len(parts) == 2 else (None, None)
        except InvalidOperation:
            low = percent = None
        if low is None or not (0 <= low <= 100) or not (-100 <= percent <= 100) or low in seen:
            raise RuleViolation(ErrorCode.REQUIRED, message, field="bands")
        seen.add(low)
        bands.append({"min": str(low), "percent": str(percent)})
    if not bands or Decimal(0) not in seen:
        raise RuleViolation(ErrorCode.REQUIRED, _("The bands cover every score: one starts at 0."), field="bands")
    return sorted(bands, key=lambda b: Decimal(b["min"]), reverse=True)


@transaction.atomic
def save_table(*, actor: User, sla: SlaVersion, bands: str, deduction_cap_percent=None) -> IncentiveTable:
    """The contract's owner sets the version's table before a settlement applies it (SET-3)."""
    if not actor.has_perm("settlements.keep_incentive_table", sla):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The contract's owner keeps its incentive table."), status=403)
    SlaVersion.objects.select_for_update().get(pk=sla.pk)
    if in_use(sla):
        raise Conflict(ErrorCode.TABLE_IN_USE, _("A settlement already applied this table: change it by a new SLA "
                                                 "version."))  # fmt: skip
    parsed = parse_bands(bands)
    cap = None
    if deduction_cap_percent not in (None, ""):
        try:
            cap = Decimal(str(deduction_cap_percent))
        except InvalidOperation:
            cap = Decimal(-1)
        if not (0 <= cap <= 100) or cap.as_tuple().exponent < -2:
            raise RuleViolation(ErrorCode.BAD_MONEY, _("The cap is a percent from 0 to 100."),
                                field="deduction_cap_percent")  # fmt: skip
    table = IncentiveTable.objects.filter(sla=sla).first() or IncentiveTable(sla=sla)
    table.bands, table.deduction_cap_percent = parsed, cap
    table.stamp(actor)
    table.save()
    return table
