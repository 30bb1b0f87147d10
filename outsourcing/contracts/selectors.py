"""Reads of contracts, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import (
    LIVE_STATUSES,
    BreachNotice,
    ConfidentialityAgreement,
    Contract,
    ContractStatus,
    ContractTemplate,
    PerformanceBond,
)
from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.core.timeutil import today
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES
from outsourcing.org.selectors import subtree_ids
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.permissions import vendor_id_of


def contracts_for(user, *, status: str = "", search: str = "", vendor_id: int | None = None) -> QuerySet:
    """Company-wide readers: all; project owners and heads: their departments'; a vendor user: its own."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Contract.objects.none()
    contracts = Contract.objects.all()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        contracts = contracts.filter(vendor_id=own) if own else contracts.none()
    elif not reads_all_contracts(user):
        scoped = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
        contracts = contracts.filter(project__department_id__in=subtree_ids(scoped)) if scoped else contracts.none()
    if status:
        contracts = contracts.filter(status=status)
    if vendor_id:
        contracts = contracts.filter(vendor_id=vendor_id)
    if search:
        contracts = contracts.filter(
            Q(number__icontains=search) | Q(title__icontains=search) | Q(vendor__name__icontains=search)
        )
    return contracts.select_related("project", "vendor", "template", "award").order_by("-created_at", "-id")


def contract_for(user, pk: int) -> Contract:
    return contracts_for(user).get(pk=pk)


def awaiting_vendor(user) -> tuple[QuerySet, QuerySet]:
    """A vendor user's part: its contracts whose signature it has not confirmed, and the notices issued to it
    it has not answered."""
    own = vendor_id_of(user)
    if own is None:
        return Contract.objects.none(), BreachNotice.objects.none()
    unconfirmed = Contract.objects.filter(
        vendor_id=own, status__in=[ContractStatus.APPROVED, ContractStatus.ACTIVE], vendor_signed_at__isnull=True
    ).order_by("start_date", "pk")
    unanswered = (
        BreachNotice.objects.filter(
            contract__vendor_id=own, status=ApprovalState.APPROVED, vendor_responded_at__isnull=True
        )
        .select_related("contract")
        .order_by("created_at", "pk")
    )
    return unconfirmed, unanswered


def notices_of(contract: Contract) -> QuerySet:
    return BreachNotice.objects.filter(contract=contract).order_by("-created_at")


def templates(*, usable_only: bool = False) -> QuerySet:
    found = ContractTemplate.objects.select_related("legal_approved_by")
    return found.filter(is_active=True, legal_approved_at__isnull=False) if usable_only else found


def agreements_of(vendor_id: int) -> QuerySet:
    return ConfidentialityAgreement.objects.filter(vendor_id=vendor_id).select_related("contract")


def expiring_renewals(on: dt.date | None = None, *, owner=None) -> list[Contract]:
    """Contracts in force within their renewal-reminder window and without a decision yet (CON-6); for one
    project owner when given."""
    day = on or today()
    candidates = Contract.objects.filter(status=ContractStatus.ACTIVE, end_date__gte=day)
    if owner is not None:
        candidates = candidates.filter(project__owner=owner)
    # A dated query (issue 20): only contracts ending within the longest reminder window in force are read, not
    # every contract in force; each one's own window is checked below.
    longest = candidates.aggregate(days=Max("renewal_notice_days"))["days"]
    if longest is None:
        return []
    candidates = candidates.filter(end_date__lte=day + dt.timedelta(days=longest))
    candidates = candidates.select_related(
        "project__owner", "vendor"
    ).prefetch_related("renewal_decisions")  # fmt: skip
    return [
        c
        for c in candidates
        if (c.end_date - day).days <= c.renewal_notice_days
        and not any(  # a refused or returned decision is no decision (CON-6)
            d.created_at.date() >= c.end_date - dt.timedelta(days=c.renewal_notice_days)
            and d.status in (ApprovalState.IN_APPROVAL, ApprovalState.APPROVED)
            for d in c.renewal_decisions.all()
        )  # fmt: skip
    ]


def bonds_expiring(on: dt.date | None = None, within_days: int = 30) -> QuerySet:
    day = on or today()
    return PerformanceBond.objects.filter(
        contract__status__in=LIVE_STATUSES, expires_on__lte=day + dt.timedelta(days=within_days)
    ).select_related("contract__project__owner")


def agreements_expiring(on: dt.date | None = None, within_days: int = 30) -> QuerySet:
    day = on or today()
    return ConfidentialityAgreement.objects.filter(
        valid_until__isnull=False, valid_until__gte=day, valid_until__lte=day + dt.timedelta(days=within_days)
    ).select_related("vendor")


def renewal_history(contract: Contract) -> dict:
    """What exists so far beside a renewal decision: every app's history section (contracts.history), earlier
    decisions with the history they were taken on, the award."""
    from outsourcing.contracts.history import history_of

    return {
        "sections": history_of(contract),
        "notices": notices_of(contract),
        "amendments": contract.amendments.all(),
        "decisions": contract.renewal_decisions.select_related("created_by"),
        "award": contract.award,
    }


# The contracts app's own history sections (registered in ContractsConfig.ready()).


def amendment_rows(contract: Contract) -> list[str]:
    return [
        f"{a.number} {a.get_kind_display()} · {a.get_status_display()} · {a.created_at:%Y-%m-%d} · {a.description}"
        for a in contract.amendments.order_by("created_at", "id")
    ]


def notice_rows(contract: Contract) -> list[str]:
    rows = []
    for n in notices_of(contract).order_by("created_at", "id"):
        answered = _("answered") if n.vendor_responded_at else ""
        rows.append(f"{n.number} {n.get_kind_display()} · {n.get_status_display()} · {n.found_on} · {n.clause}"
                    + (f" · {answered}" if answered else ""))  # fmt: skip
    return rows


def suspension_rows(contract: Contract) -> list[str]:
    return [
        _("Suspended %(start)s – %(end)s: %(reason)s")
        % {"start": s.starts_on, "end": s.resumed_on or "…", "reason": s.reason}
        for s in contract.suspensions.order_by("starts_on", "id")
    ]


def vendor_section(request, vendor) -> dict | None:
    """The vendor's page (VEN-6): its contracts and confidentiality agreements; in the portal, a vendor user
    sees its own company's (contracts_for scopes it), never another's."""
    if request is None or not request.user.has_perm("contracts.list_contracts"):
        return None
    contracts = list(contracts_for(request.user, vendor_id=vendor.pk)[:50])
    agreements = list(agreements_of(vendor.pk)[:20])
    if not contracts and not agreements:
        return None
    return {"contracts": contracts, "agreements": agreements, "in_force": _in_force(agreements)}


def _in_force(agreements) -> bool:
    return in_force_among(agreements) is not None


def in_force_among(agreements, on: dt.date | None = None) -> ConfidentialityAgreement | None:
    """The agreement in force on the day among already-loaded ones (a list costs no query per row)."""
    day = on or today()
    valid = [a for a in agreements if a.valid_from <= day and (a.valid_until is None or a.valid_until >= day)]
    return max(valid, key=lambda a: a.valid_from) if valid else None


def confidentiality_in_force(vendor: Vendor, on: dt.date | None = None) -> ConfidentialityAgreement | None:
    """The vendor's agreement in force on the day, or None: no worker of that vendor may start without one.

    The workforce app asks this before approving a worker's entry (the gate is there; the record is here).
    """
    day = on or today()
    return (
        ConfidentialityAgreement.objects.filter(vendor=vendor, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("-valid_from")
        .first()
    )


def vendor_projects(request, vendor) -> dict | None:
    """The vendor's page (VEN-6): the outsourcing projects it serves or served, through its contracts (staff)."""
    if request is None or not request.user.has_perm("contracts.view_contracts"):
        return None
    projects: dict[int, dict] = {}
    for contract in contracts_for(request.user, vendor_id=vendor.pk).select_related("project__department")[:100]:
        row = projects.setdefault(contract.project_id, {"project": contract.project, "contracts": []})
        row["contracts"].append(contract)
    return {"projects": list(projects.values())} if projects else None


def termination_requests_to_review() -> QuerySet:
    """The vendors' termination requests waiting for legal (CON-10)."""
    from outsourcing.contracts.models_ending import RequestStatus, TerminationRequest

    waiting = TerminationRequest.objects.filter(status=RequestStatus.SUBMITTED)
    return waiting.select_related("contract").order_by("created_at")


def evaluations_missing_for(owner) -> QuerySet:
    """The owner's closed contracts without their post-project evaluation (CON-10)."""
    return Contract.objects.filter(status=ContractStatus.CLOSED, post_evaluation__isnull=True,
                                   project__owner=owner).order_by("closed_at")  # fmt: skip


def evaluations_of(vendor_id: int) -> QuerySet:
    from outsourcing.contracts.models import PostProjectEvaluation

    return PostProjectEvaluation.objects.filter(vendor_id=vendor_id).select_related("contract", "created_by")


def vendor_evaluations(request, vendor) -> dict | None:
    """The vendor's record (VEN-6, CON-10): the post-project evaluations of its ended contracts (staff only)."""
    if request is None or not request.user.has_perm("contracts.view_contracts"):
        return None
    evaluations = list(evaluations_of(vendor.pk)[:50])
    return {"evaluations": evaluations} if evaluations else None
