"""Reads of partnership, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES
from outsourcing.org.selectors import subtree_ids
from outsourcing.partnership.models import (
    ANSWERED,
    Award,
    JointProject,
    PlanActivity,
    Proposal,
    ProposalStatus,
    RealisedBenefit,
    TierChange,
)
from outsourcing.vendors.permissions import vendor_id_of


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def proposals_for(user, *, status: str = "", search: str = "", overdue_on: dt.date | None = None) -> QuerySet:
    """Company-wide readers: all; the project's department: its contracts'; a vendor user: its own."""
    found = Proposal.objects.all()
    if not _active(user):
        return found.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        found = found.filter(contract__vendor_id=own) if own else found.none()
    elif not reads_all_contracts(user):
        departments = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
        found = (found.filter(contract__project__department_id__in=subtree_ids(departments)) if departments
                 else found.none())  # fmt: skip
    if status in ProposalStatus.values:
        found = found.filter(status=status)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(title__icontains=search))
    if overdue_on is not None:
        found = found.filter(status=ProposalStatus.SUBMITTED, answer_due__lt=overdue_on)
    return (found.select_related("contract__vendor", "contract__project__department")
            .annotate(realised=Sum("benefits__saving"), shared=Sum("benefits__share_amount"))
            .order_by("-submitted_on", "-id"))  # fmt: skip


def proposal_for(user, pk: int) -> Proposal:
    return proposals_for(user).prefetch_related(
        Prefetch("benefits", queryset=RealisedBenefit.objects.select_related(
            "measured_by", "confirmed_by", "settlement_line__settlement"))).get(pk=pk)  # fmt: skip


def proposals_overdue(day: dt.date) -> QuerySet:
    """Proposals still unanswered after their deadline (the daily reminder)."""
    return Proposal.objects.filter(status=ProposalStatus.SUBMITTED, answer_due__lt=day).select_related(
        "contract__project"
    )


def benefits_to_confirm(user) -> QuerySet:
    return RealisedBenefit.objects.filter(confirmed_at__isnull=True, proposal__status=ProposalStatus.ADOPTED,
                                          proposal__in=proposals_for(user)).select_related("proposal")  # fmt: skip


def contracts_for_proposals(user) -> QuerySet:
    own = vendor_id_of(user)
    if not own:
        return Contract.objects.none()
    return (
        Contract.objects.filter(vendor_id=own, status__in=LIVE_STATUSES)
        .select_related("vendor")
        .order_by("-start_date", "-id")
    )


def _vendor_scoped(user, found: QuerySet) -> QuerySet:
    if not _active(user):
        return found.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return found.filter(vendor_id=own) if own else found.none()
    return found


def joint_projects_for(user) -> QuerySet:
    return (_vendor_scoped(user, JointProject.objects.all()).select_related("vendor", "proposal")
            .annotate(milestone_count=Count("milestones", distinct=True),
                      milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False), distinct=True))
            .order_by("-starts_on", "-id"))  # fmt: skip


def joint_project_for(user, pk: int) -> JointProject:
    return joint_projects_for(user).prefetch_related("members", "milestones").get(pk=pk)


def awards_for(user) -> QuerySet:
    """Staff see every award with its approval; a vendor sees its own approved awards."""
    found = _vendor_scoped(user, Award.objects.all())
    if _active(user) and user.is_vendor_user:
        found = found.filter(approval_state=ApprovalState.APPROVED)
    return found.select_related("vendor").order_by("-year", "-id")


def tier_changes_for(user) -> QuerySet:
    if not _active(user) or user.is_vendor_user:
        return TierChange.objects.none()
    return TierChange.objects.select_related("vendor", "created_by").order_by("-created_at", "-id")


def plan_for(user, vendor_id: int) -> QuerySet:
    return _vendor_scoped(user, PlanActivity.objects.filter(vendor_id=vendor_id)).order_by("planned_on", "id")


def activities_due(day: dt.date) -> QuerySet:
    """Plan activities due within a week and not yet recorded (the daily reminder)."""
    return PlanActivity.objects.filter(held_on__isnull=True, planned_on__lte=day + dt.timedelta(days=7)).select_related(
        "vendor"
    )


def answered(proposal: Proposal) -> bool:
    return proposal.status in ANSWERED
