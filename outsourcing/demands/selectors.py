"""Reads of demands and projects, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from outsourcing.approvals.states import ApprovalState
from outsourcing.demands.models import Demand, Project
from outsourcing.demands.permissions import people_for, reads_everything
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES
from outsourcing.org.selectors import subtree_ids


def _visible(queryset: QuerySet, user, *, author_field: str) -> QuerySet:
    """What the user (and anyone they stand in for as an approval delegate) may see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_vendor_user:
        return queryset.none()
    people = people_for(user)
    if any(reads_everything(person) for person in people):
        return queryset
    scoped = {
        a.department_id
        for person in people
        for a in person.role_assignments_cached
        if a.role in DEPARTMENT_SCOPED_ROLES
    }
    condition = Q(**{author_field: user})
    if scoped:
        condition |= Q(department_id__in=subtree_ids(scoped))
    return queryset.filter(condition)


def demands_for(
    user,
    *,
    status: str = "",
    department_id: int | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    search: str = "",
) -> QuerySet:
    """Demands the user may see, filtered like the list page."""
    demands = _visible(Demand.objects.all(), user, author_field="requester").select_related(
        "department", "requester", "project"
    )
    if status:
        demands = demands.filter(status=status)
    if department_id:
        demands = demands.filter(department_id__in=subtree_ids({department_id}))
    if period_from:
        demands = demands.filter(period_end__gte=period_from)
    if period_to:
        demands = demands.filter(period_start__lte=period_to)
    if search:
        demands = demands.filter(Q(number__icontains=search) | Q(title__icontains=search))
    return demands.order_by("-created_at", "-id")


def demand_detail(user, pk: int) -> Demand:
    return (
        _visible(Demand.objects.all(), user, author_field="requester")
        .select_related("department", "requester", "nature_confirmed_by", "project")
        .prefetch_related("budget_lines")
        .get(pk=pk)
    )


def projects_for(user, *, status: str = "", search: str = "") -> QuerySet:
    projects = _visible(Project.objects.all(), user, author_field="owner").select_related(
        "department", "owner", "demand"
    )
    if status:
        projects = projects.filter(status=status)
    if search:
        projects = projects.filter(Q(number__icontains=search) | Q(name__icontains=search))
    return projects.order_by("-created_at", "-id")


def returned_to(user) -> QuerySet:
    """The user's own demands waiting for them to revise and resubmit."""
    return Demand.objects.filter(requester=user, status=ApprovalState.RETURNED)
