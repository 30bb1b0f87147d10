"""The daily job of the indicators (RSK-2): run every registered indicator, open a finding for each record found
for the first time, clear the open findings no longer found, and close the risks they raised (RSK-1).

Idempotent: the findings are keyed by indicator and record, so a second run the same day finds the same set,
opens and clears nothing and leaves the day's run counts as they were. Each indicator runs in its own
transaction: one failing indicator does not undo the others' findings."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.compliance.models import RISK_STATES, FindingStatus, IndicatorFinding, IndicatorRun, Risk, RiskStatus
from outsourcing.core.indicators import Finding, Indicator, indicators

log = logging.getLogger(__name__)
COPIED = ("subject", "evidence", "url", "fix_url", "vendor_id", "contract_id", "project_id")


@dataclass(frozen=True)
class Outcome:
    indicator: str
    found: int
    opened: list[IndicatorFinding]
    cleared: list[int]


def run_all(day: dt.date) -> list[Outcome]:
    outcomes = []
    for entry in indicators():
        try:
            outcomes.append(run_one(entry, day))
        except Exception:  # one indicator's failure is logged; the others still run
            log.exception("indicator %s failed on %s", entry.code, day)
    return outcomes


@transaction.atomic
def run_one(entry: Indicator, day: dt.date) -> Outcome:
    found: dict[str, Finding] = {}
    for finding in entry.compute(day):
        found.setdefault(finding.key, finding)
    current = {f.key: f for f in IndicatorFinding.objects.select_for_update().filter(
        indicator=entry.code, status=FindingStatus.OPEN)}  # fmt: skip
    new = [IndicatorFinding(indicator=entry.code, key=key, opened_on=day, last_seen_on=day,
                            **{field: getattr(f, field) for field in COPIED})
           for key, f in found.items() if key not in current]  # fmt: skip
    IndicatorFinding.objects.bulk_create(new)
    gone = [f.pk for key, f in current.items() if key not in found]
    if gone:
        IndicatorFinding.objects.filter(pk__in=gone).update(status=FindingStatus.CLEARED, cleared_on=day)
        _close_risks(gone, day)
    changed = []
    for key, stored in current.items():
        if key in found:
            fresh = {field: getattr(found[key], field) for field in COPIED}
            if any(getattr(stored, field) != value for field, value in fresh.items()) or stored.last_seen_on < day:
                for field, value in fresh.items():
                    setattr(stored, field, value)
                stored.last_seen_on = max(stored.last_seen_on, day)
                changed.append(stored)
    IndicatorFinding.objects.bulk_update(changed, [*COPIED, "last_seen_on"], batch_size=500)
    run, created = IndicatorRun.objects.get_or_create(
        day=day, indicator=entry.code, defaults={"found": len(found), "opened": len(new), "cleared": len(gone)}
    )
    if not created and (new or gone or run.found != len(found)):
        IndicatorRun.objects.filter(pk=run.pk).update(found=len(found), opened=run.opened + len(new),
                                                      cleared=run.cleared + len(gone))  # fmt: skip
    return Outcome(entry.code, len(found), new, gone)


def _close_risks(finding_ids: list[int], day: dt.date) -> None:
    """The risks raised by cleared findings close with them (an accepted one too: its cause is gone); saved one by
    one (they are few) so the trail records each closing."""
    for risk in Risk.objects.filter(finding_id__in=finding_ids).exclude(status=RiskStatus.CLOSED):
        RISK_STATES.check(risk.status, RiskStatus.CLOSED)
        risk.status, risk.closed_on = RiskStatus.CLOSED, day
        risk.closing_note = _("The indicator that raised it cleared on %(day)s.") % {"day": day}
        risk.save(update_fields=["status", "closed_on", "closing_note", "updated_at"])
