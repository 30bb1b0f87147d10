"""Half-year and annual roll-ups (PRF-9, P1§11): the average of each contract's and vendor's final, evaluated
results in the half-year or year, in one grouped query. An annual average below the threshold (settings
PERFORMANCE_ANNUAL_THRESHOLD, default 60) proposes suspension or removal from the pool to HR; HR applies it
through the vendor's status machine with the reason (VEN-5) or dismisses it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice
from outsourcing.org.models import Role, RoleAssignment, User
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import FINAL_STATUSES, Evaluation, PoolProposal, PoolProposalStatus
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import VendorStatus


def threshold() -> Decimal:
    return Decimal(str(getattr(settings, "PERFORMANCE_ANNUAL_THRESHOLD", "60")))


def spans(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    return {"h1": (dt.date(year, 1, 1), dt.date(year, 6, 30)), "h2": (dt.date(year, 7, 1), dt.date(year, 12, 31)),
            "year": (dt.date(year, 1, 1), dt.date(year, 12, 31))}  # fmt: skip


def rollup(results, year: int, *, by: str = "contract") -> list[dict]:
    """Per contract (or vendor): the half-years' and the year's average of final evaluated totals."""
    key = "contract_id" if by == "contract" else "contract__vendor_id"
    rows: dict[int, dict] = {}
    final = results.filter(status__in=FINAL_STATUSES, total__isnull=False)
    for span, (start, end) in spans(year).items():
        grouped = (final.filter(period_start__gte=start, period_start__lte=end).order_by().values(key)
                   .annotate(average=Avg("total"), count=Count("id")))  # fmt: skip
        for row in grouped:
            entry = rows.setdefault(row[key], {"id": row[key]})
            entry[span] = Decimal(row["average"]).quantize(Decimal("0.01"))
            entry[f"{span}_count"] = row["count"]
    limit = threshold()
    for entry in rows.values():
        entry["below"] = entry.get("year") is not None and entry["year"] < limit
    return sorted(rows.values(), key=lambda e: e["id"])


def propose(*, year: int) -> list[Notice]:
    """The daily job, for the last full year: a vendor whose annual average is below the threshold gets one
    proposal, and HR is told."""
    notices = []
    hr = sorted(
        set(RoleAssignment.objects.filter(role=Role.HR, user__is_active=True).values_list("user_id", flat=True))
    )
    for entry in rollup(Evaluation.objects.all(), year, by="vendor"):
        if not entry["below"]:
            continue
        proposal, created = PoolProposal.objects.get_or_create(
            vendor_id=entry["id"],
            year=year,
            defaults={"average": entry["year"], "threshold": threshold(), "evaluations": entry["year_count"]},
        )
        if created:
            notices += [Notice(recipient_id=uid, title=_("%(vendor)s averaged %(average)s in %(year)s, below "
                                                         "%(limit)s: suspension or removal from the pool proposed")
                               % {"vendor": proposal.vendor.name, "average": proposal.average, "year": year,
                                  "limit": proposal.threshold}, url="/performance/rollups/",
                               dedup_key=f"pool-proposal:{proposal.pk}", level="danger") for uid in hr]  # fmt: skip
    return notices


@transaction.atomic
def decide(*, actor: User, proposal: PoolProposal, to_status: str, reason: str) -> PoolProposal:
    """HR applies the proposal through the vendor's status machine (suspended or removed) or dismisses it."""
    proposal = PoolProposal.objects.select_for_update().select_related("vendor").get(pk=proposal.pk)
    if not actor.has_perm("performance.decide_pool_proposal"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR decides on the vendor pool."), status=403)
    if proposal.status != PoolProposalStatus.OPEN:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This proposal is already decided."))
    if not (reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason."), field="reason")
    if to_status in (VendorStatus.SUSPENDED, VendorStatus.REMOVED):
        vendor_services.change_status(actor=actor, vendor=proposal.vendor, to_status=to_status, reason=_(
            "Annual performance %(year)s: average %(average)s below %(limit)s. %(reason)s")
            % {"year": proposal.year, "average": proposal.average, "limit": proposal.threshold,
               "reason": reason.strip()})  # fmt: skip
        proposal.status = PoolProposalStatus.APPLIED
    elif to_status == "dismiss":
        proposal.status = PoolProposalStatus.DISMISSED
    else:
        raise RuleViolation(ErrorCode.REQUIRED, _("Suspend, remove, or dismiss the proposal."), field="to_status")
    proposal.decision_reason = reason.strip()
    proposal.stamp(actor)
    proposal.save()
    return proposal
