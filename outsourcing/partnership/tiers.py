"""The strategic tier (VEN-5, PTN-5): the rule proposes entry (years in the pool, the recent grades, no open risk a
later app reports) and exit (grades fallen below the bar, or a risk); HR submits the change and management decides
it through the approval engine. Only an approved change moves the vendor's status: there is no other door for
partnership, and the vendors app lets no one but management make the move by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import MACHINE, OPEN, ApprovalState, state_for_outcome
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.partnership.errors import ErrorCode
from outsourcing.partnership.models import TierChange, TierDirection
from outsourcing.performance.models import FINAL_STATUSES, Evaluation
from outsourcing.vendors.models import STATUS_CHANGES, Vendor, VendorStatus
from outsourcing.vendors.services import record_status

# Risk facts a later app registers (compliance: open high risks): `(vendor_ids) -> {vendor_id: description}`.
_risk_sources: list[Callable[[list[int]], dict[int, str]]] = []


def register_risk_source(source: Callable[[list[int]], dict[int, str]]) -> None:
    _risk_sources.append(source)


def rule() -> dict:
    """The rule's figures (settings.PARTNERSHIP_TIER_RULE): years in the pool, the recent evaluations counted,
    the average to enter and the average under which a strategic vendor leaves."""
    found = {"years": 2, "evaluations": 4, "entry_average": "90", "exit_average": "80"}
    found.update(getattr(settings, "PARTNERSHIP_TIER_RULE", {}))
    return found


def _recent_averages(vendor_ids: list[int], since: dt.date) -> dict[int, tuple[Decimal, int]]:
    rows = (Evaluation.objects.filter(contract__vendor_id__in=vendor_ids, status__in=FINAL_STATUSES,
                                      total__isnull=False, period_start__gte=since)
            .order_by().values("contract__vendor_id").annotate(average=Avg("total"), n=Count("id")))  # fmt: skip
    return {r["contract__vendor_id"]: (Decimal(str(r["average"])).quantize(Decimal("0.01")), r["n"]) for r in rows}


def assess(vendors: list[Vendor], day: dt.date | None = None) -> dict[int, tuple[str | None, list[str]]]:
    """For each vendor: the direction the rule proposes (or None) and the grounds, in a fixed number of queries."""
    day = day or today()
    figures = rule()
    ids = [v.pk for v in vendors]
    averages = _recent_averages(ids, day - dt.timedelta(days=366))
    risks: dict[int, list[str]] = {}
    for source in _risk_sources:
        for vendor_id, text in source(ids).items():
            risks.setdefault(vendor_id, []).append(text)
    found = {}
    for vendor in vendors:
        average, count = averages.get(vendor.pk, (None, 0))
        grounds = [_("Average of the last 12 months' evaluations: %(avg)s (%(n)s evaluations)")
                   % {"avg": average if average is not None else "—", "n": count}]  # fmt: skip
        grounds += risks.get(vendor.pk, [])
        direction = None
        if vendor.status == VendorStatus.QUALIFIED:
            years = (day - vendor.admitted_at.date()).days / 365 if vendor.admitted_at else 0
            grounds.append(_("In the pool for %(years)s years") % {"years": f"{years:.1f}"})
            if (years >= figures["years"] and count >= figures["evaluations"] and average is not None
                    and average >= Decimal(str(figures["entry_average"])) and not risks.get(vendor.pk)):  # fmt: skip
                direction = TierDirection.ENTRY
        elif vendor.status == VendorStatus.STRATEGIC and (
            risks.get(vendor.pk) or (average is not None and average < Decimal(str(figures["exit_average"])))
        ):
            direction = TierDirection.EXIT
        found[vendor.pk] = (direction, [str(g) for g in grounds])
    return found


def proposed_changes(day: dt.date | None = None) -> list[tuple[Vendor, str, list[str]]]:
    """The vendors the rule proposes to move now, without an open change already in approval."""
    open_ids = set(TierChange.objects.filter(approval_state__in=OPEN).values_list("vendor_id", flat=True))
    vendors = list(Vendor.objects.filter(status__in=[VendorStatus.QUALIFIED, VendorStatus.STRATEGIC])
                   .exclude(pk__in=open_ids).order_by("number"))  # fmt: skip
    assessed = assess(vendors, day)
    return [(v, assessed[v.pk][0], assessed[v.pk][1]) for v in vendors if assessed[v.pk][0]]


@transaction.atomic
def propose_tier_change(*, actor: User, vendor: Vendor, direction: str, reason: str) -> TierChange:
    """Submit the rule's proposal to management's decision (VEN-5, PTN-5)."""
    if not actor.has_perm("partnership.propose_tier_changes"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or management proposes a tier change."), status=403)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if direction not in TierDirection.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose entry or exit."), field="direction")
    if TierChange.objects.filter(vendor=vendor, approval_state__in=OPEN).exists():
        raise Conflict(ErrorCode.DUPLICATE, _("%(vendor)s has a tier change in approval already.")
                       % {"vendor": vendor.name})  # fmt: skip
    proposed, grounds = assess([vendor]).get(vendor.pk)
    if proposed != direction:
        raise RuleViolation(ErrorCode.TIER_RULE, _("The rule does not propose this change for %(vendor)s: %(grounds)s.")
                            % {"vendor": vendor.name, "grounds": "；".join(grounds)}, field="direction")  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason for the change."), field="reason")
    change = TierChange(number=next_number("TIER"), vendor=vendor, direction=direction, grounds=grounds,
                        reason=reason, approval_state=ApprovalState.IN_APPROVAL)  # fmt: skip
    change.stamp(actor)
    change.save()
    approvals.submit(document=change, actor=actor)
    return change


def target_of(change: TierChange) -> tuple[str, str]:
    if change.direction == TierDirection.ENTRY:
        return VendorStatus.QUALIFIED, VendorStatus.STRATEGIC
    return VendorStatus.STRATEGIC, VendorStatus.QUALIFIED


def tier_blockers(change: TierChange, *, role: str) -> list[Reason]:
    """Management may not approve a move the vendor's status no longer allows (suspended meanwhile)."""
    status = Vendor.objects.values_list("status", flat=True).get(pk=change.vendor_id)
    if status == target_of(change)[0]:
        return []
    return [Reason(ErrorCode.WRONG_STATUS, _("%(vendor)s is %(status)s now: the change no longer applies.")
                   % {"vendor": change.vendor.name, "status": VendorStatus(status).label})]  # fmt: skip


def tier_finished(change: TierChange, *, outcome: str, actor: User) -> None:
    """Management's decision (the `finished` hook of the kind `strategic_tier_change`): an approved change moves
    the vendor's status with the reason and its history row."""
    to = state_for_outcome(outcome)
    MACHINE.move(change, to, field="approval_state")
    change.decided_at = timezone.now()
    change.stamp(actor)
    change.save()
    if to == ApprovalState.APPROVED:
        vendor = Vendor.objects.select_for_update().get(pk=change.vendor_id)
        source, target = target_of(change)
        if (vendor.status, target) not in STATUS_CHANGES or vendor.status != source:
            raise Conflict(ErrorCode.WRONG_STATUS, _("%(vendor)s is %(status)s now: the change no longer applies.")
                           % {"vendor": vendor.name, "status": vendor.get_status_display()})  # fmt: skip
        record_status(vendor=vendor, to_status=target, actor=actor,
                      reason=_("%(number)s approved by management: %(reason)s")
                      % {"number": change.number, "reason": change.reason})  # fmt: skip
    with company_language():
        send([Notice(recipient_id=change.created_by_id, title=_("%(change)s: %(outcome)s")
                     % {"change": change.approval_title(), "outcome": ApprovalState(to).label},
                     url=change.get_absolute_url(), dedup_key=f"tier-finished:{change.pk}:{outcome}")])  # fmt: skip
