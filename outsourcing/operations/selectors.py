"""Reads of daily operations, scoped to what the user may see, at a fixed number of queries; the acknowledgement
timeliness per contract and period that the performance app reads as a computed KPI source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate

from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.core.timeutil import SHANGHAI
from outsourcing.operations.models import (
    ActionItem,
    ActionStatus,
    InstructionStatus,
    InterfacePerson,
    KickOff,
    Meeting,
    WorkInstruction,
)
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, Role, User, UserKind
from outsourcing.org.selectors import subtree_ids
from outsourcing.vendors.permissions import vendor_id_of


def scoped(user, queryset: QuerySet, *, contract: str = "contract") -> QuerySet:
    """Company-wide readers: all; the project's department: its projects'; a vendor user: its own contracts'.
    `contract` is the path to the contract ("" when the queryset is of contracts)."""
    prefix = f"{contract}__" if contract else ""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return queryset.filter(**{f"{prefix}vendor_id": own}) if own else queryset.none()
    if reads_all_contracts(user):
        return queryset
    departments = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
    if not departments:
        return queryset.none()
    return queryset.filter(**{f"{prefix}project__department_id__in": subtree_ids(departments)})


def site_managers(vendor_id: int | None) -> QuerySet:
    """The vendor's active portal users holding the site-manager role: the only addressees of instructions."""
    if not vendor_id:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, kind=UserKind.VENDOR, vendor_account__vendor_id=vendor_id,
                            role_assignments__role=Role.VENDOR_MANAGER)
        .distinct().order_by("full_name", "pk")
    )  # fmt: skip


def live_contracts(user, *, perm: str) -> list[Contract]:
    """Contracts in force the user may act on with `perm` (instructions, kick-offs, meetings), for the forms."""
    found = scoped(user, Contract.objects.filter(status__in=LIVE_STATUSES), contract="")
    found = found.select_related("vendor", "project__department").order_by("-start_date", "-id")
    return [contract for contract in found if user.has_perm(perm, contract)]


# ---------------------------------------------------------------------------------------------------
# Work instructions (OPS-1)


def instructions_for(user, *, status: str = "", contract_id: int | None = None, search: str = "",
                     overdue: bool = False, on: dt.date | None = None) -> QuerySet:  # fmt: skip
    found = scoped(user, WorkInstruction.objects.all())
    if status in InstructionStatus.values:
        found = found.filter(status=status)
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(subject__icontains=search))
    if overdue and on is not None:
        found = found.filter(Q(status=InstructionStatus.ISSUED, acknowledge_by__lt=on)
                             | Q(status=InstructionStatus.ACKNOWLEDGED, due_date__lt=on))  # fmt: skip
    return found.select_related("contract__vendor", "contract__project", "addressee", "created_by").order_by(
        "-issued_on", "-id"
    )


def instruction_for(user, pk: int) -> WorkInstruction:
    return instructions_for(user).select_related("acknowledged_by", "completed_by").get(pk=pk)


def instructions_to_answer(user) -> QuerySet:
    """The vendor user's company's instructions waiting for acknowledgement or a completion report."""
    if not user.is_vendor_user:
        return WorkInstruction.objects.none()
    return instructions_for(user).exclude(status=InstructionStatus.COMPLETED).order_by("due_date", "pk")


def unacknowledged_after(day: dt.date) -> QuerySet:
    """Instructions still waiting for acknowledgement after their acknowledge-by day (the daily reminder)."""
    return WorkInstruction.objects.filter(status=InstructionStatus.ISSUED, acknowledge_by__lt=day,
                                          contract__status__in=LIVE_STATUSES).select_related("contract")  # fmt: skip


def incomplete_after(day: dt.date) -> QuerySet:
    return WorkInstruction.objects.filter(status=InstructionStatus.ACKNOWLEDGED, due_date__lt=day,
                                          contract__status__in=LIVE_STATUSES).select_related("contract")  # fmt: skip


@dataclass(frozen=True)
class AcknowledgementTimeliness:
    """Instructions issued to a contract's vendor in a period and how many were acknowledged by their day."""

    contract_id: int
    issued: int
    on_time: int
    late: int
    waiting: int

    @property
    def rate(self) -> Decimal | None:
        """On-time acknowledgements in percent of those due in the period; None when none was issued."""
        if not self.issued:
            return None
        return (Decimal(self.on_time) * 100 / self.issued).quantize(Decimal("0.01"))


def acknowledgement_timeliness(*, start: dt.date, end: dt.date,
                               contract_ids=None) -> dict[int, AcknowledgementTimeliness]:  # fmt: skip
    """On-time acknowledgement of instructions per contract for instructions issued from `start` to `end`
    (inclusive), in one grouped query. A contract without instructions in the period is absent (no data, not 0).
    An acknowledgement counts as on time when made by the acknowledge-by day in Asia/Shanghai; one still
    waiting past that day counts as late, one still waiting within it as waiting."""
    from outsourcing.core.timeutil import today

    found = WorkInstruction.objects.filter(issued_on__gte=start, issued_on__lte=end)
    if contract_ids is not None:
        found = found.filter(contract_id__in=list(contract_ids))
    now = today()
    rows = (
        found.annotate(acknowledged_day=TruncDate("acknowledged_at", tzinfo=SHANGHAI))
        .order_by().values("contract_id")
        .annotate(
            issued=Count("id"),
            on_time=Count("id", filter=Q(acknowledged_at__isnull=False, acknowledged_day__lte=F("acknowledge_by"))),
            waiting=Count("id", filter=Q(acknowledged_at__isnull=True, acknowledge_by__gte=now)),
        )
    )  # fmt: skip
    return {
        row["contract_id"]: AcknowledgementTimeliness(
            contract_id=row["contract_id"], issued=row["issued"], on_time=row["on_time"], waiting=row["waiting"],
            late=row["issued"] - row["on_time"] - row["waiting"],
        )  # fmt: skip
        for row in rows
    }


# ---------------------------------------------------------------------------------------------------
# Kick-off and interface persons (OPS-4)


def current_interface_persons(contract_ids) -> dict[int, list[InterfacePerson]]:
    found: dict[int, list[InterfacePerson]] = {}
    current = InterfacePerson.objects.filter(contract_id__in=list(contract_ids), until__isnull=True)
    for person in current.select_related("person").order_by("side", "since", "id"):
        found.setdefault(person.contract_id, []).append(person)
    return found


def kickoffs_for(user, *, contract_id: int | None = None, search: str = "") -> QuerySet:
    found = scoped(user, KickOff.objects.all())
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if search:
        found = found.filter(Q(contract__number__icontains=search) | Q(contract__title__icontains=search))
    return found.select_related("contract__vendor", "contract__project", "created_by").order_by("-held_on", "-id")


def kickoff_for(user, pk: int) -> KickOff:
    return kickoffs_for(user).prefetch_related(
        Prefetch("contract__interface_persons",
                 queryset=InterfacePerson.objects.select_related("person").order_by("until", "side", "since", "id"))
    ).get(pk=pk)  # fmt: skip


def contracts_without_kickoff(day: dt.date, *, after_days: int) -> QuerySet:
    """Contracts in force for more than `after_days` days on `day` with no kick-off recorded (the reminder)."""
    since = day - dt.timedelta(days=after_days)
    found = Contract.objects.filter(status=ContractStatus.ACTIVE, kickoff__isnull=True, start_date__lt=since)
    return found.select_related("project")


# ---------------------------------------------------------------------------------------------------
# Meetings and action items (OPS-3)


def meetings_for(user, *, kind: str = "", contract_id: int | None = None, search: str = "") -> QuerySet:
    found = scoped(user, Meeting.objects.all())
    if kind:
        found = found.filter(kind=kind)
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(agenda__icontains=search))
    return (
        found.select_related("contract__vendor", "contract__project")
        .annotate(open_items=Count("action_items", filter=Q(action_items__status=ActionStatus.OPEN)),
                  item_count=Count("action_items"))
        .order_by("-held_on", "-id")
    )  # fmt: skip


def meeting_for(user, pk: int) -> Meeting:
    return meetings_for(user).select_related("created_by").prefetch_related(
        "attendees",
        Prefetch("action_items", queryset=ActionItem.objects.select_related("owner", "closed_by")),
    ).get(pk=pk)  # fmt: skip


def action_items_for(user, *, status: str = "", overdue_on: dt.date | None = None,
                     owner: User | None = None) -> QuerySet:  # fmt: skip
    found = scoped(user, ActionItem.objects.all(), contract="meeting__contract")
    if status in ActionStatus.values:
        found = found.filter(status=status)
    if overdue_on is not None:
        found = found.filter(status=ActionStatus.OPEN, due_date__lt=overdue_on)
    if owner is not None:
        found = found.filter(owner=owner)
    return found.select_related("meeting__contract__vendor", "owner", "closed_by").order_by("status", "due_date",
                                                                                            "id")  # fmt: skip


def action_items_overdue(day: dt.date) -> QuerySet:
    return ActionItem.objects.filter(status=ActionStatus.OPEN, due_date__lt=day).select_related(
        "meeting__contract", "meeting__created_by"
    )


def party_people(contract: Contract) -> QuerySet:
    """Who may own an action item or be an interface person on `contract`: company staff, or the vendor's own
    active portal users."""
    return User.objects.filter(is_active=True).filter(
        Q(kind=UserKind.INTERNAL) | Q(kind=UserKind.VENDOR, vendor_account__vendor_id=contract.vendor_id)
    ).order_by("kind", "full_name", "pk")


# ---------------------------------------------------------------------------------------------------
# The contract page's section


def contract_section(request, contract) -> dict | None:
    """Interface persons, the kick-off and the instructions still open, on the contract's page (OPS-4)."""
    user = getattr(request, "user", None)
    if user is None or contract.status not in (*LIVE_STATUSES, ContractStatus.CLOSED):
        return None
    if not user.has_perm("operations.read_record", contract):
        return None
    persons = current_interface_persons([contract.pk]).get(contract.pk, [])
    kickoff = KickOff.objects.filter(contract=contract).first()
    open_instructions = WorkInstruction.objects.filter(contract=contract).exclude(
        status=InstructionStatus.COMPLETED).count()  # fmt: skip
    return {"contract": contract, "persons": persons, "kickoff": kickoff, "open_instructions": open_instructions,
            "may_issue": user.has_perm("operations.issue_instruction", contract),
            "may_hold": user.has_perm("operations.hold_meeting", contract)}  # fmt: skip
