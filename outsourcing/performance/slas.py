"""A contract's SLA versions (PRF-2): the project's department or HR proposes a version — the KPIs it measures
(each usable, SMART complete), their weights totalling 100 %, targets and thresholds, the grade bands, the pass
mark, the rhythm — with its reason; the version goes through approval (registered kind `sla_version`) and,
approved, is in force from its day. A revision is a new version; earlier evaluations keep pointing at theirs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import MACHINE, ApprovalState, state_for_outcome
from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.org.models import User
from outsourcing.performance import bands
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.library import require_usable
from outsourcing.performance.models import Kpi, Period, SlaItem, SlaVersion


def dispute_days() -> int:
    """Default days the vendor has to answer an evaluation (settings.PERFORMANCE_DISPUTE_DAYS, default 10)."""
    return int(getattr(settings, "PERFORMANCE_DISPUTE_DAYS", 10))


def pip_after() -> int:
    """Default failed periods in a row that open a PIP (settings.PERFORMANCE_PIP_AFTER, default 2)."""
    return int(getattr(settings, "PERFORMANCE_PIP_AFTER", 2))


@dataclass
class ItemData:
    kpi: Kpi
    weight: Decimal
    target: Decimal | None = None  # the KPI's own when None
    thresholds: list | None = None  # the KPI's own when None


@dataclass
class SlaData:
    contract: Contract
    valid_from: dt.date
    reason: str
    items: list[ItemData]
    period: str = Period.MONTHLY
    grades: list = field(default_factory=lambda: list(bands.DEFAULT_GRADES))
    pass_score: Decimal = Decimal(60)
    pip_after: int | None = None
    dispute_days: int | None = None


def parse_items(text: str) -> list[ItemData]:
    """SLA items typed one per line as `CODE weight [target]` (the page's form)."""
    items, seen = [], set()
    for line in (text or "").splitlines():
        parts = line.replace("%", " ").replace(",", " ").replace("|", " ").split()
        if not parts:
            continue
        if len(parts) not in (2, 3):
            raise RuleViolation(ErrorCode.REQUIRED, _("Write each KPI as “code weight [target]”: %(line)s")
                                % {"line": line.strip()}, field="items")  # fmt: skip
        kpi = Kpi.objects.filter(code=parts[0].upper()).first()
        if kpi is None:
            raise RuleViolation(ErrorCode.REQUIRED, _("No KPI has the code %(code)s.") % {"code": parts[0]},
                                field="items")  # fmt: skip
        if kpi.pk in seen:
            raise RuleViolation(ErrorCode.DUPLICATE, _("%(code)s is listed twice.") % {"code": kpi.code},
                                field="items")  # fmt: skip
        seen.add(kpi.pk)
        try:
            weight = Decimal(parts[1])
            target = Decimal(parts[2]) if len(parts) == 3 else None
        except InvalidOperation as exc:
            raise RuleViolation(ErrorCode.WEIGHTS, _("Write the weight and target as numbers: %(line)s")
                                % {"line": line.strip()}, field="items") from exc  # fmt: skip
        items.append(ItemData(kpi=kpi, weight=weight, target=target))
    return items


def _check(data: SlaData, actor: User) -> tuple[list[dict], list[dict]]:
    contract = data.contract
    if not actor.has_perm("performance.draft_sla", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR writes the contract's SLA."),
                            status=403)  # fmt: skip
    if contract.status not in LIVE_STATUSES:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("%(contract)s is not in force: an SLA is agreed for a "
                                                           "signed contract in force.") % {"contract": contract.number},
                            field="contract")  # fmt: skip
    if not (data.reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason for this version."), field="reason")
    if data.period not in Period.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose monthly or quarterly evaluation."), field="period")
    if data.valid_from is None or not contract.start_date <= data.valid_from <= contract.end_date:
        raise RuleViolation(ErrorCode.DATES, _("The version is in force within the contract's term (%(start)s to "
                                               "%(end)s).") % {"start": contract.start_date, "end": contract.end_date},
                            field="valid_from")  # fmt: skip
    if not data.items:
        raise RuleViolation(ErrorCode.REQUIRED, _("List the KPIs of the SLA."), field="items")
    if len({i.kpi.pk for i in data.items}) != len(data.items):
        raise RuleViolation(ErrorCode.DUPLICATE, _("A KPI is listed twice."), field="items")
    total = sum((Decimal(i.weight) for i in data.items), Decimal(0))
    if any(Decimal(i.weight) <= 0 for i in data.items) or total != 100:
        raise RuleViolation(ErrorCode.WEIGHTS, _("The weights must each be above 0 and total 100 %% (now %(total)s "
                                                 "%%).") % {"total": total}, field="items")  # fmt: skip
    items = []
    for item in data.items:
        kpi = item.kpi
        require_usable(kpi)
        target = Decimal(item.target) if item.target is not None else kpi.target
        thresholds = bands.check_bands(item.thresholds if item.thresholds is not None else kpi.thresholds,
                                       minimum=kpi.minimum, maximum=kpi.maximum, target=target,
                                       direction=kpi.direction)  # fmt: skip
        items.append({"kpi": kpi, "weight": Decimal(item.weight), "target": target, "thresholds": thresholds,
                      "formula": kpi.formula, "aggregation": kpi.aggregation})  # fmt: skip
    grades = bands.check_grades(data.grades)
    if not Decimal(0) < Decimal(data.pass_score) <= 100:
        raise RuleViolation(ErrorCode.GRADES, _("The pass mark lies between 0 and 100."), field="pass_score")
    return items, grades


@transaction.atomic
def propose_sla(*, actor: User, data: SlaData) -> SlaVersion:
    """Propose the contract's next SLA version and send it to approval."""
    items, grades = _check(data, actor)
    contract = Contract.objects.select_for_update().get(pk=data.contract.pk)
    if contract.sla_versions.filter(status=ApprovalState.IN_APPROVAL).exists():
        raise Conflict(ErrorCode.WRONG_STATUS, _("A version of this SLA is already in approval."))
    latest = contract.sla_versions.filter(status=ApprovalState.APPROVED).order_by("-valid_from").first()
    if latest is not None and data.valid_from <= latest.valid_from:
        raise RuleViolation(ErrorCode.DATES, _("A new version is in force after v%(v)s (from %(day)s).")
                            % {"v": latest.version, "day": latest.valid_from}, field="valid_from")  # fmt: skip
    number = (contract.sla_versions.aggregate(top=Max("version"))["top"] or 0) + 1
    sla = SlaVersion(
        contract=contract,
        version=number,
        valid_from=data.valid_from,
        period=data.period,
        reason=data.reason.strip(),
        grades=grades,
        pass_score=Decimal(data.pass_score),
        pip_after=data.pip_after or pip_after(),
        dispute_days=data.dispute_days or dispute_days(),
    )
    sla.stamp(actor)
    sla.save()
    SlaItem.objects.bulk_create([SlaItem(sla=sla, **item) for item in items])
    approvals.submit(document=sla, actor=actor)
    return sla


@transaction.atomic
def resubmit_sla(*, actor: User, sla: SlaVersion) -> SlaVersion:
    sla = SlaVersion.objects.select_for_update().get(pk=sla.pk)
    if sla.status != ApprovalState.RETURNED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only a returned version is submitted again."))
    MACHINE.check(sla.status, ApprovalState.IN_APPROVAL)
    sla.status = ApprovalState.IN_APPROVAL
    sla.stamp(actor)
    sla.save()
    approvals.submit(document=sla, actor=actor)
    return sla


def sla_finished(sla: SlaVersion, *, outcome: str, actor: User) -> None:
    """The approval engine's outcome (the `finished` hook of the kind `sla_version`, inside the deciding
    transaction): approved versions are in force from their day."""
    to = state_for_outcome(outcome)
    MACHINE.check(sla.status, to)
    sla.status = to
    if outcome == ApprovalState.APPROVED:
        sla.approved_at = timezone.now()
    sla.stamp(actor)
    sla.save()
    with company_language():
        send(
            [
                Notice(
                    recipient_id=sla.created_by_id,
                    title=_("%(sla)s: %(outcome)s") % {"sla": str(sla), "outcome": ApprovalState(outcome).label},
                    url=sla.get_absolute_url(),
                    dedup_key=f"sla-finished:{sla.pk}:{outcome}",
                )
            ]
        )
