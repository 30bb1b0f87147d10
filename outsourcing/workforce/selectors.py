"""Reads of workers, access and proofs, scoped to what the user may see, at a fixed number of queries; the
staff stability figures (WRK-8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, RoleAssignment
from outsourcing.org.permissions import department_ancestor_ids
from outsourcing.org.selectors import subtree_ids
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce.filing import find_by_id_number
from outsourcing.workforce.models import (
    ACTIVE_FILING,
    AccessGrant,
    ExitRequest,
    GrantStatus,
    IssuedItem,
    MonthlyProof,
    SpecialOperationCertificate,
    Worker,
    WorkerRequest,
    WorkerStatus,
)
from outsourcing.workforce.permissions import reads_all_workers
from outsourcing.workforce.proofs import first_of_month, month_end


def _scope(user, queryset: QuerySet, *, vendor_field: str = "vendor_id", project_field: str = "project") -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return queryset.filter(**{vendor_field: own}) if own else queryset.none()
    if reads_all_workers(user):
        return queryset
    scoped = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
    if not scoped:
        return queryset.none()
    return queryset.filter(**{f"{project_field}__department_id__in": subtree_ids(scoped)})


def workers_for(
    user,
    *,
    status: str = "",
    search: str = "",
    id_number: str = "",
    vendor_id: int | None = None,
    project_id: int | None = None,
) -> QuerySet:
    """HR and company-wide readers: all; the project's department: its projects'; a vendor: its own."""
    workers = _scope(user, Worker.objects.all())
    if status == "active":
        workers = workers.filter(status__in=ACTIVE_FILING)
    elif status:
        workers = workers.filter(status=status)
    if vendor_id:
        workers = workers.filter(vendor_id=vendor_id)
    if project_id:
        workers = workers.filter(project_id=project_id)
    if search:  # what an index answers (issue 20): the exact badge number, or a name or post as it starts
        workers = workers.filter(
            Q(badge_number=search.upper()) | Q(name__startswith=search) | Q(post__startswith=search)
        )
    if id_number:
        workers = find_by_id_number(workers, id_number)
    return workers.select_related("vendor", "project", "contract").order_by("-created_at", "-id")


def worker_for(user, pk: int) -> Worker:
    return (
        workers_for(user)
        .select_related("project__department", "contract__award__event__category", "decided_by", "entry")
        .prefetch_related(
            Prefetch("grants", queryset=AccessGrant.objects.order_by("-created_at")),
            Prefetch("items", queryset=IssuedItem.objects.order_by("issued_on", "id")),
            Prefetch("requests", queryset=WorkerRequest.objects.select_related("created_by").prefetch_related("signs")),
            Prefetch("exit_requests", queryset=ExitRequest.objects.select_related("created_by", "answered_by")),
        )
        .get(pk=pk)
    )


def filing_contracts(vendor_id: int | None) -> QuerySet:
    """The vendor's contracts a worker may be filed under: approved or in force."""
    if not vendor_id:
        return Contract.objects.none()
    return (
        Contract.objects.filter(vendor_id=vendor_id, status__in=(ContractStatus.APPROVED, *LIVE_STATUSES))
        .select_related("project")
        .order_by("-start_date")
    )


def department_head_ids(department) -> list[int]:
    if department is None:
        return []
    return list(
        RoleAssignment.objects.filter(role="dept_head", user__is_active=True,
                                      department_id__in=department_ancestor_ids(department))
        .values_list("user_id", flat=True)
    )  # fmt: skip


def grants_open_after_exit(on: dt.date) -> QuerySet:
    """Access still granted for a worker who exited before `on` (the day after the exit or later)."""
    return AccessGrant.objects.filter(
        status=GrantStatus.APPROVED, worker__status=WorkerStatus.EXITED, worker__exited_on__lt=on
    ).select_related("worker__project__department")


def grants_past_end(on: dt.date) -> QuerySet:
    """Access still granted after its end date while the worker is still approved or on site (WRK-5, X-2): it
    should have been closed on that day, or a new one requested."""
    return AccessGrant.objects.filter(
        status=GrantStatus.APPROVED,
        valid_until__lt=on,
        worker__status__in=(WorkerStatus.APPROVED, WorkerStatus.ON_SITE),
    ).select_related("worker__project__department")


def items_open_after_exit(on: dt.date) -> QuerySet:
    return IssuedItem.objects.filter(
        returned_on__isnull=True, worker__status=WorkerStatus.EXITED, worker__exited_on__lt=on
    ).select_related("worker__project__department")


def open_after_exit_for(user) -> QuerySet:
    """Exited workers the user may see with access or items still open (the home page's list)."""
    return (
        workers_for(user, status=WorkerStatus.EXITED)
        .filter(Q(grants__status=GrantStatus.APPROVED) | Q(items__returned_on__isnull=True, items__isnull=False))
        .distinct()
    )


def awaiting_entry_decision(user) -> QuerySet:
    return workers_for(user, status=WorkerStatus.FILED)


def open_requests_to_vendor(user) -> QuerySet:
    """Requests about the vendor user's workers that its company has not answered yet (OPS-2)."""
    own = vendor_id_of(user)
    if own is None:
        return WorkerRequest.objects.none()
    return (
        WorkerRequest.objects.filter(worker__vendor_id=own, responded_at__isnull=True)
        .select_related("worker")
        .order_by("created_at", "pk")
    )


def open_exit_requests_to_vendor(user) -> QuerySet:
    """Exit requests about the vendor user's workers that its company has not answered by an exit (OPS-2)."""
    own = vendor_id_of(user)
    if own is None:
        return ExitRequest.objects.none()
    return (
        ExitRequest.objects.filter(worker__vendor_id=own, answered_at__isnull=True)
        .select_related("worker")
        .order_by("created_at", "pk")
    )


def proofs_for(user, *, status: str = "", month: dt.date | None = None) -> QuerySet:
    proofs = _scope(user, MonthlyProof.objects.all())
    if status:
        proofs = proofs.filter(status=status)
    if month:
        proofs = proofs.filter(month=first_of_month(month))
    return proofs.select_related("vendor", "project", "checked_by").annotate(line_count=Count("lines"))


def proofs_not_sent(user, *, month: dt.date) -> list[dict]:
    """Vendor and project pairs with workers on site in the month and no proofs sent for it (two queries); with
    `user` None, every pair (the daily reminder, X-2)."""
    month = first_of_month(month)
    workers = Worker.objects.all() if user is None else workers_for(user)
    active = (
        workers.filter(entered_on__isnull=False, entered_on__lte=month_end(month))
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=month))
        .order_by().values("vendor_id", "vendor__name", "project_id", "project__number", "project__name")
        .annotate(workers=Count("id"))
    )  # fmt: skip
    sent = set(MonthlyProof.objects.filter(month=month).values_list("vendor_id", "project_id"))
    return [row for row in active if (row["vendor_id"], row["project_id"]) not in sent]


def proof_for(user, pk: int) -> MonthlyProof:
    return proofs_for(user).prefetch_related("lines__worker").get(pk=pk)


def vendor_projects(vendor_id: int | None) -> QuerySet:
    """Projects a vendor's workers have entered, for its proofs."""
    from outsourcing.demands.models import Project

    if not vendor_id:
        return Project.objects.none()
    return Project.objects.filter(workers__vendor_id=vendor_id, workers__entered_on__isnull=False).distinct()


# ---------------------------------------------------------------------------------------------------
# Staff stability (WRK-8)


@dataclass
class StabilityRow:
    vendor: str
    project: str
    month: dt.date
    opening: int
    headcount: int  # at the month's end
    joiners: int
    leavers: int

    @property
    def turnover(self) -> Decimal | None:
        """Leavers over the average headcount of the month, in percent (the usual 人员流失率)."""
        average = Decimal(self.opening + self.headcount) / 2
        if not average:
            return None
        return (Decimal(self.leavers) * 100 / average).quantize(Decimal("0.1"))


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


def months_back(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def stability(user, *, months: list[dt.date], vendor_id: int | None = None, project_id: int | None = None):
    """Per vendor, project and month: headcount at the start and end, joiners, leavers (one query)."""
    if not months:
        return []
    start, end = months[0], month_end(months[-1])
    workers = (
        workers_for(user, vendor_id=vendor_id, project_id=project_id)
        .filter(entered_on__isnull=False, entered_on__lte=end)
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=start))
    )
    # Counted by the database, per vendor and project, four conditional counts per month (issue 20: not every
    # worker loaded into Python).
    figures = {}
    for index, month in enumerate(months):
        last, before = month_end(month), month - dt.timedelta(days=1)
        figures.update({
            f"opening_{index}": Count("pk", filter=Q(entered_on__lte=before)
                                      & (Q(exited_on__isnull=True) | Q(exited_on__gt=before))),
            f"headcount_{index}": Count("pk", filter=Q(entered_on__lte=last)
                                        & (Q(exited_on__isnull=True) | Q(exited_on__gt=last))),
            f"joiners_{index}": Count("pk", filter=Q(entered_on__gte=month, entered_on__lte=last)),
            f"leavers_{index}": Count("pk", filter=Q(exited_on__gte=month, exited_on__lte=last)),
        })  # fmt: skip
    groups = workers.order_by().values("vendor__name", "project__number").annotate(**figures)
    rows = []
    for group in sorted(groups, key=lambda g: (g["vendor__name"], g["project__number"])):
        for index, month in enumerate(months):
            rows.append(
                StabilityRow(
                    vendor=group["vendor__name"],
                    project=group["project__number"],
                    month=month,
                    opening=group[f"opening_{index}"],
                    headcount=group[f"headcount_{index}"],
                    joiners=group[f"joiners_{index}"],
                    leavers=group[f"leavers_{index}"],
                )
            )
    return rows


def vendor_section(request, vendor) -> dict | None:
    """The vendor's page: its workers by status."""
    if request is None or not request.user.has_perm("workforce.view_workers"):
        return None
    counts = dict(
        workers_for(request.user, vendor_id=vendor.pk).order_by().values_list("status").annotate(n=Count("id"))
    )
    if not counts:
        return None
    return {"counts": [(WorkerStatus(s).label, counts[s]) for s in WorkerStatus.values if s in counts],
            "vendor": vendor}  # fmt: skip


def contract_certificates_section(request, contract) -> dict | None:
    """The contract's page (CON-9): on special work, its active workers' special-operation certificates, as far
    as the viewer may see its workers (the vendor its own; two queries)."""
    if request is None or not contract.special_work or not request.user.has_perm("workforce.view_workers"):
        return None
    workers = list(
        workers_for(request.user, status="active", project_id=contract.project_id)
        .filter(contract=contract)
        .prefetch_related("certificates")
        .order_by("badge_number")
    )
    return {"contract": contract, "workers": workers, "today": today()}


def certificates_expiring(day: dt.date, within_days: int) -> QuerySet:
    """Certificates of active workers on special work that expire within `within_days` (or have expired)."""
    return SpecialOperationCertificate.objects.filter(
        worker__status__in=ACTIVE_FILING, worker__contract__special_work__gt="",
        valid_until__lte=day + dt.timedelta(days=within_days),
    ).select_related("worker__project", "worker__contract")  # fmt: skip


def certificates_renewed(certificates: list) -> set[int]:
    """Of `certificates`, those whose worker holds a later certificate of the same operation (one query)."""
    if not certificates:
        return set()
    latest: dict[tuple[int, str], dt.date] = {}
    for worker_id, operation, valid_until in SpecialOperationCertificate.objects.filter(
        worker_id__in={c.worker_id for c in certificates}
    ).values_list("worker_id", "operation", "valid_until"):
        key = (worker_id, operation)
        latest[key] = max(latest.get(key, valid_until), valid_until)
    return {c.pk for c in certificates if latest[(c.worker_id, c.operation)] > c.valid_until}
