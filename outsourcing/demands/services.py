"""Every write to demands and projects: drafts, submission, HR's confirmation, the approval outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.audit.services import record_part_change
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.money import format_cny, to_money
from outsourcing.core.numbering import next_number
from outsourcing.demands import selfcheck
from outsourcing.demands.costbenefit import ESTIMATE_FIELDS, has_estimate
from outsourcing.demands.errors import ErrorCode
from outsourcing.demands.models import FORBIDDEN_NATURES, BudgetLine, Demand, Project, WorkNature
from outsourcing.org.models import Department, Role, User
from outsourcing.org.permissions import holds_role, holds_role_for


@dataclass(frozen=True)
class BudgetItem:
    item: str
    amount: Decimal
    note: str = ""


@dataclass
class DemandData:
    """Everything the requester fills in on the form (DEM-1..DEM-3)."""

    title: str
    department: Department
    background: str
    work_scope: str
    boundaries: str
    deliverables: str
    sla_outline: str
    period_start: date
    period_end: date
    estimated_headcount: int
    budget_total: Decimal
    risk_reserve: Decimal
    funding_source: str
    risk_analysis: str
    contingency_plan: str
    declared_nature: str
    nature_explanation: str
    self_check: dict
    budget_lines: list[BudgetItem] = field(default_factory=list)
    budget_notes: str = ""
    # DEM-5: the in-house estimate of the same work; a draft may leave it open, submission needs it.
    inhouse_staff_cost: Decimal | None = None
    inhouse_management_cost: Decimal | None = None
    inhouse_equipment_cost: Decimal | None = None
    inhouse_basis: str = ""


TEXT_PARTS = (
    "title",
    "background",
    "work_scope",
    "boundaries",
    "deliverables",
    "sla_outline",
    "risk_analysis",
    "contingency_plan",
    "nature_explanation",
)


def _check(data: DemandData) -> dict:
    for name in TEXT_PARTS:
        if not str(getattr(data, name) or "").strip():
            label = Demand._meta.get_field(name).verbose_name
            raise RuleViolation("required", _("Fill in “%(part)s”.") % {"part": label}, field=name)
    if data.period_end < data.period_start:
        raise RuleViolation(ErrorCode.PERIOD, _("The period ends before it starts."), field="period_end")
    if data.estimated_headcount < 1:
        raise RuleViolation(ErrorCode.HEADCOUNT, _("Estimate at least one person."), field="estimated_headcount")
    if data.declared_nature not in WorkNature.values:
        raise RuleViolation(ErrorCode.NATURE, _("Declare the nature of the work."), field="declared_nature")
    if not data.budget_lines:
        raise RuleViolation(ErrorCode.BUDGET_EMPTY, _("Itemise the budget: at least one line."), field="budget_lines")
    amounts = [to_money(line.amount) for line in data.budget_lines]
    if any(a < 0 for a in amounts) or to_money(data.risk_reserve) < 0 or to_money(data.budget_total) < 0:
        raise RuleViolation(ErrorCode.BUDGET_NEGATIVE, _("Amounts cannot be negative."), field="budget_lines")
    estimate = [getattr(data, name) for name in ESTIMATE_FIELDS]
    if any(value is not None and to_money(value) < 0 for value in estimate):
        raise RuleViolation(ErrorCode.BUDGET_NEGATIVE, _("Amounts cannot be negative."), field="inhouse_staff_cost")
    lines_total = sum(amounts, Decimal("0"))
    expected = lines_total + to_money(data.risk_reserve)
    if expected != to_money(data.budget_total):
        raise RuleViolation(
            ErrorCode.BUDGET_MISMATCH,
            _("The budget lines (%(lines)s) plus the risk reserve (%(reserve)s) make %(sum)s, not the total %(total)s.")
            % {
                "lines": format_cny(lines_total),
                "reserve": format_cny(data.risk_reserve),
                "sum": format_cny(expected),
                "total": format_cny(data.budget_total),
            },
            field="budget_total",
        )
    try:
        return selfcheck.validate_answers(data.self_check)
    except ValueError as exc:
        raise RuleViolation(
            ErrorCode.SELF_CHECK, _("Answer every question of the disguised-dispatch self-check."), field=f"sc_{exc}"
        ) from exc


def _apply(demand: Demand, data: DemandData, answers: dict) -> None:
    for name in TEXT_PARTS + (
        "department",
        "period_start",
        "period_end",
        "estimated_headcount",
        "funding_source",
        "declared_nature",
        "budget_notes",
    ):
        value = getattr(data, name)
        setattr(demand, name, value.strip() if isinstance(value, str) else value)
    demand.budget_total = to_money(data.budget_total)
    demand.risk_reserve = to_money(data.risk_reserve)
    for name in ESTIMATE_FIELDS:
        value = getattr(data, name)
        setattr(demand, name, to_money(value) if value is not None else None)
    demand.inhouse_basis = (data.inhouse_basis or "").strip()
    demand.self_check = answers


def _lines_text(demand: Demand) -> str:
    """The budget lines as a reader sees them: "坐席服务费 ¥300,000.00（按40席测算）；…"."""
    return "；".join(
        f"{line.item} {format_cny(line.amount)}" + (f"（{line.note}）" if line.note else "")
        for line in demand.budget_lines.order_by("pk")
    )


def _save_lines(demand: Demand, lines: list[BudgetItem]) -> None:
    demand.budget_lines.all().delete()
    for line in lines:  # one by one, so the audit trail records each line
        BudgetLine.objects.create(
            demand=demand, item=line.item.strip(), amount=to_money(line.amount), note=line.note.strip()
        )


@transaction.atomic
def create_draft(*, actor: User, data: DemandData) -> Demand:
    """A project owner starts a demand for a department they own projects in (saved as a draft)."""
    if not holds_role_for(actor, Role.REQUESTER, data.department):
        raise RuleViolation(
            ErrorCode.NOT_REQUESTER,
            _("You are not a project owner of %(department)s.") % {"department": data.department},
            field="department",
        )
    answers = _check(data)
    demand = Demand(number=next_number("DEM"), requester=actor)
    _apply(demand, data, answers)
    demand.stamp(actor)
    demand.save()
    _save_lines(demand, data.budget_lines)
    return demand


def _lock_own_editable(actor: User, demand: Demand, *, submitting: bool = False) -> Demand:
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.requester_id != actor.pk:
        raise RuleViolation(ErrorCode.NOT_AUTHOR, _("Only the project owner who wrote this demand can change it."))
    if submitting and demand.status == ApprovalState.IN_APPROVAL:  # a double submit (security finding 10)
        raise Conflict(
            ErrorCode.ALREADY_SUBMITTED,
            _("Demand %(number)s is already submitted and with its approvers.") % {"number": demand.number},
        )
    if not demand.is_editable:
        raise Conflict(
            ErrorCode.NOT_EDITABLE,
            _("A demand that is %(status)s cannot be changed.") % {"status": demand.get_status_display()},
        )
    return demand


@transaction.atomic
def update_draft(*, actor: User, demand: Demand, data: DemandData) -> Demand:
    demand = _lock_own_editable(actor, demand)
    if data.department.pk != demand.department_id and not holds_role_for(actor, Role.REQUESTER, data.department):
        raise RuleViolation(ErrorCode.NOT_REQUESTER, _("You are not a project owner of that department."))
    answers = _check(data)
    _apply(demand, data, answers)
    demand.stamp(actor)
    demand.save()
    before = _lines_text(demand)
    _save_lines(demand, data.budget_lines)
    record_part_change(actor=actor, instance=demand, part="budget_breakdown", before=before, after=_lines_text(demand))
    return demand


@transaction.atomic
def submit(*, actor: User, demand: Demand) -> Demand:
    """Send a draft (or a returned demand) into approval (DEM-4). A second press of the button (a double
    submit) is told the demand is already with its approvers (security finding 10)."""
    demand = _lock_own_editable(actor, demand, submitting=True)
    if demand.declared_nature in FORBIDDEN_NATURES:
        raise RuleViolation(
            ErrorCode.NATURE,
            _(
                "Core business, key technology and main management functions may not be outsourced (outsourcing policy, article 4)."  # noqa: E501
            ),
            field="declared_nature",
        )
    if not has_estimate(demand):  # the approvers weigh outsourcing against doing it in-house (DEM-5)
        raise RuleViolation(
            ErrorCode.INHOUSE_MISSING,
            _("Estimate what the same work would cost in-house (staff, management, equipment) before submitting: "
              "the approvers weigh it against the outsourced cost (outsourcing policy, article 4(三))."),
            field="inhouse_staff_cost",
        )  # fmt: skip
    demand.status = ApprovalState.IN_APPROVAL
    demand.submitted_at = timezone.now()
    demand.confirmed_nature = ""
    demand.nature_confirmed_by = None
    demand.nature_confirmed_at = None
    demand.nature_comment = ""
    demand.stamp(actor)
    demand.save()
    approvals.submit(document=demand, actor=actor)
    return demand


@transaction.atomic
def save_and_submit(*, actor: User, demand: Demand | None, data: DemandData) -> Demand:
    """Save the form and submit it in one go: if submission is refused, nothing is saved either."""
    if demand is None:
        demand = create_draft(actor=actor, data=data)
    else:
        demand = update_draft(actor=actor, demand=demand, data=data)
    return submit(actor=actor, demand=demand)


@transaction.atomic
def confirm_nature(*, actor: User, demand: Demand, nature: str, comment: str = "") -> Demand:
    """HR confirms (or corrects) the nature of the work while the demand is in approval (DEM-2)."""
    if not holds_role(actor, Role.HR):
        raise RuleViolation(ErrorCode.NOT_HR, _("Only HR confirms the nature of the work."))
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.requester_id == actor.pk:
        raise RuleViolation(ErrorCode.NOT_HR, _("Nobody confirms the nature of their own demand."))
    if demand.status != ApprovalState.IN_APPROVAL:
        raise Conflict(ErrorCode.NOT_IN_APPROVAL, _("The nature is confirmed while the demand is in approval."))
    if nature not in WorkNature.values:
        raise RuleViolation(ErrorCode.NATURE, _("Choose the nature of the work."), field="nature")
    if nature != demand.declared_nature and not comment.strip():
        raise RuleViolation(
            ErrorCode.NATURE, _("Explain why HR's assessment differs from the declaration."), field="comment"
        )
    demand.confirmed_nature = nature
    demand.nature_comment = comment.strip()
    demand.nature_confirmed_by = actor
    demand.nature_confirmed_at = timezone.now()
    demand.stamp(actor)
    demand.save()
    return demand


def approval_blockers(*, demand: Demand, role: str) -> list[Reason]:
    """Why the demand may not be approved at a step held by `role` now (DEM-2)."""
    reasons = []
    if demand.is_core_business:
        reasons.append(
            Reason(
                ErrorCode.CORE_BUSINESS,
                _(
                    "The work is %(nature)s: core business, key technology and main management functions may not be "
                    "outsourced (outsourcing policy, article 4). Reject the demand."
                )
                % {"nature": WorkNature(demand.effective_nature).label},
            )
        )
    if role == Role.HR and not demand.confirmed_nature:
        reasons.append(
            Reason(
                ErrorCode.NATURE_NOT_CONFIRMED,
                _("HR must confirm the nature of the work on the demand page before approving."),
            )
        )
    return reasons


def approval_finished(*, demand: Demand, outcome: str, actor: User) -> None:
    """Called by the approval engine inside the decision's transaction (the demand row is locked)."""
    if demand.status != ApprovalState.IN_APPROVAL:
        raise Conflict(ErrorCode.NOT_IN_APPROVAL, _("This demand is not in approval."))
    demand.status = state_for_outcome(outcome)
    demand.stamp(actor)
    demand.save(update_fields=["status", "updated_by", "updated_at"])
    if outcome == "approved":
        project = Project(
            number=next_number("PRJ"),
            name=demand.title,
            demand=demand,
            department=demand.department,
            owner=demand.requester,
            budget=demand.budget_total,
            period_start=demand.period_start,
            period_end=demand.period_end,
        )
        project.stamp(actor)
        project.save()
