"""Drafting a contract (CON-1, CON-2, CON-9, SET-1): from an approved award and a legal-approved template,
with its pricing model, the ten core clauses and the premises-safety terms, then into co-review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import (
    CONTRACT_STATES,
    FORBIDDEN_SUBJECTS,
    ClauseCheck,
    Contract,
    ContractStatus,
    ContractTemplate,
    CoreClause,
    Milestone,
    PricingModel,
    SettlementCycle,
    Subject,
)
from outsourcing.core.errors import Blocked, Conflict, Reason, RuleViolation
from outsourcing.core.money import format_cny, to_money
from outsourcing.core.numbering import next_number
from outsourcing.core.text import join_names
from outsourcing.org.models import User
from outsourcing.sourcing.models import Award
from outsourcing.vendors import selectors as vendor_selectors


@dataclass(frozen=True)
class MilestoneItem:
    name: str
    due_date: dt.date
    amount: Decimal


@dataclass
class ContractData:
    title: str
    template: ContractTemplate
    subject: str
    scope: str
    sla: str
    acceptance: str
    start_date: dt.date
    end_date: dt.date
    amount: Decimal
    pricing_model: str
    settlement_cycle: str
    payment_terms: str
    invoice_type: str
    company_may_reject_workers: bool = False
    period_fee: Decimal | None = None
    unit: str = ""
    unit_price: Decimal | None = None
    estimated_quantity: Decimal | None = None
    headcount_justification: str = ""
    milestones: list[MilestoneItem] = field(default_factory=list)
    on_premises: bool = False
    safety_clause: str = ""
    special_work: str = ""
    renewal_notice_days: int = 90


TEXTS = ("title", "scope", "sla", "acceptance", "payment_terms", "invoice_type")


def _check(data: ContractData) -> Decimal:
    for name in TEXTS:
        if not str(getattr(data, name) or "").strip():
            label = Contract._meta.get_field(name).verbose_name
            raise RuleViolation(ErrorCode.REQUIRED, _("Fill in “%(part)s”.") % {"part": label}, field=name)
    if data.template is None or not data.template.usable:
        raise RuleViolation(
            ErrorCode.TEMPLATE,
            _("Use the company's standard template or a version legal has approved (outsourcing policy, article 8)."),
            field="template",
        )
    if data.subject not in Subject.values:
        raise RuleViolation(ErrorCode.SUBJECT, _("Say what the contract buys."), field="subject")
    if data.start_date is None or data.end_date is None:
        raise RuleViolation(ErrorCode.TERM, _("Fill in the term."), field="end_date")
    if data.end_date < data.start_date:
        raise RuleViolation(ErrorCode.TERM, _("The contract ends before it starts."), field="end_date")
    try:
        amount = to_money(data.amount)
    except (TypeError, ValueError) as exc:
        raise RuleViolation(
            ErrorCode.AMOUNT, _("The contract amount must be an amount in yuan."), field="amount"
        ) from exc
    if amount <= 0:
        raise RuleViolation(ErrorCode.AMOUNT, _("The contract amount must be above zero."), field="amount")
    if data.settlement_cycle not in SettlementCycle.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the settlement cycle."), field="settlement_cycle")
    _check_pricing(data, amount)
    if data.on_premises and not data.safety_clause.strip():
        raise RuleViolation(
            ErrorCode.SAFETY,
            _("Work on the company's premises needs a safety-management agreement or clause (安全生产法 art. 49)."),
            field="safety_clause",
        )
    return amount


def _check_pricing(data: ContractData, amount: Decimal) -> None:
    """SET-1: each pricing model with the figures it needs; milestones add up to the contract amount."""
    model = data.pricing_model
    if model not in PricingModel.values:
        raise RuleViolation(ErrorCode.PRICING, _("Choose the pricing model."), field="pricing_model")
    if model == PricingModel.FIXED and not data.period_fee:
        raise RuleViolation(ErrorCode.PRICING, _("A fixed fee needs the fee per period."), field="period_fee")
    if model == PricingModel.UNIT_PRICE and not (data.unit.strip() and data.unit_price and data.estimated_quantity):
        raise RuleViolation(
            ErrorCode.PRICING,
            _("Unit pricing needs the unit of workload, the unit price and the estimated workload."),
            field="unit_price",
        )
    if model == PricingModel.MILESTONES:
        if not data.milestones:
            raise RuleViolation(ErrorCode.PRICING, _("List the milestones and their amounts."), field="milestones")
        total = sum((to_money(m.amount) for m in data.milestones), Decimal("0"))
        if total != amount:
            raise RuleViolation(
                ErrorCode.PRICING,
                _("The milestones add up to %(sum)s, not the contract amount %(amount)s.")
                % {"sum": format_cny(total), "amount": format_cny(amount)},
                field="amount",
            )
    if model == PricingModel.HEADCOUNT_HOURS and not data.headcount_justification.strip():
        raise RuleViolation(
            ErrorCode.PRICING,
            _(
                "Headcount × hours pricing is a sign of disguised dispatch: it is allowed only with a written "
                "justification that HR approves."
            ),
            field="headcount_justification",
        )


def check_drafter(actor: User, project, message: str | None = None) -> None:
    """Drafting, amending, running the exit and closing belong to procurement, HR, legal and the owners of
    the project's own department, never to another department's people (ORG-1)."""
    if not actor.has_perm("contracts.draft_for_project", project):
        raise RuleViolation(
            ErrorCode.NOT_ALLOWED,
            message or _("Procurement, HR, legal or the project's own department draft its contract."),
            status=403,
        )


def _apply(contract: Contract, data: ContractData, amount: Decimal) -> None:
    justification = data.headcount_justification.strip()
    if data.pricing_model != PricingModel.HEADCOUNT_HOURS or justification != contract.headcount_justification:
        contract.justification_approved_by = None  # HR approves the reasons as written, not as later edited
        contract.justification_approved_at = None
    for name in (*TEXTS, "template", "subject", "start_date", "end_date", "pricing_model", "settlement_cycle", "unit",
                 "company_may_reject_workers", "on_premises", "safety_clause", "special_work",
                 "renewal_notice_days", "headcount_justification"):  # fmt: skip
        value = getattr(data, name)
        setattr(contract, name, value.strip() if isinstance(value, str) else value)
    contract.amount = amount
    contract.period_fee = to_money(data.period_fee) if data.period_fee else None
    contract.unit_price = to_money(data.unit_price) if data.unit_price else None
    contract.estimated_quantity = data.estimated_quantity


def _save_milestones(contract: Contract, items: list[MilestoneItem]) -> None:
    contract.milestones.all().delete()
    for item in items:
        Milestone.objects.create(contract=contract, name=item.name.strip(), due_date=item.due_date, amount=item.amount)


@transaction.atomic
def draft_from_award(*, actor: User, award: Award, data: ContractData) -> Contract:
    """A contract for the winner of an approved award, on the award's project (CON-1)."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("event__project__department", "winner__vendor")
        .get(pk=award.pk)
    )  # locked: two drafters racing on one award make one contract, the other is told
    check_drafter(actor, award.event.project)
    if award.status != ApprovalState.APPROVED:
        raise RuleViolation(ErrorCode.AWARD, _("A contract follows an approved award."), field="award")
    existing = award.contracts.first()
    if existing is not None:
        raise Conflict(
            ErrorCode.AWARD_HAS_CONTRACT,
            _("Award %(award)s already has contract %(contract)s; change that one by an amendment.")
            % {"award": award.number, "contract": existing.number},
        )
    amount = _check(data)
    contract = Contract(number=next_number("CON"), project=award.event.project, award=award, vendor=award.winner.vendor)
    _apply(contract, data, amount)
    contract.stamp(actor)
    contract.save()
    _save_milestones(contract, data.milestones)
    return contract


def _lock_editable(actor: User, contract: Contract) -> Contract:
    contract = Contract.objects.select_for_update().select_related("vendor", "template", "project").get(pk=contract.pk)
    check_drafter(actor, contract.project)
    if not contract.is_editable:
        raise Conflict(
            ErrorCode.NOT_EDITABLE,
            _("A contract that is %(status)s cannot be changed; an amendment can.") % {
                "status": contract.get_status_display()
            },
        )  # fmt: skip
    return contract


@transaction.atomic
def update_draft(*, actor: User, contract: Contract, data: ContractData) -> Contract:
    contract = _lock_editable(actor, contract)
    amount = _check(data)
    _apply(contract, data, amount)
    contract.stamp(actor)
    contract.save()
    _save_milestones(contract, data.milestones)
    return contract


@transaction.atomic
def record_clauses(*, actor: User, contract: Contract, references: dict[str, str]) -> Contract:
    """Where the contract covers each core clause (CON-2): a clause with a reference is covered."""
    contract = _lock_editable(actor, contract)
    for clause in CoreClause.values:
        reference = (references.get(clause) or "").strip()
        if reference:
            ClauseCheck.objects.update_or_create(contract=contract, clause=clause, defaults={"reference": reference})
        else:
            ClauseCheck.objects.filter(contract=contract, clause=clause).delete()
    return contract


def missing_clauses(contract: Contract) -> list[str]:
    covered = {c.clause for c in contract.clauses.all()}
    return [str(CoreClause(c).label) for c in CoreClause.values if c not in covered]


@transaction.atomic
def approve_headcount_justification(*, actor: User, contract: Contract) -> Contract:
    """HR approves the reasons for a headcount × hours price (SET-1); it stays a risk indicator (RSK-3)."""
    if not actor.has_perm("contracts.approve_justification"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR approves this justification."), status=403)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.pricing_model != PricingModel.HEADCOUNT_HOURS or not contract.headcount_justification:
        raise Conflict(ErrorCode.PRICING, _("There is no headcount × hours justification to approve."))
    if contract.created_by_id == actor.pk:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Nobody approves their own justification."))
    contract.justification_approved_by = actor
    contract.justification_approved_at = timezone.now()
    contract.stamp(actor)
    contract.save()
    return contract


def signing_blockers(contract: Contract) -> list[Reason]:
    """Why the contract may not go to review and signing (CON-2, CON-9, SET-1); the page lists them."""
    reasons = []
    missing = missing_clauses(contract)
    if missing:
        reasons.append(
            Reason(
                ErrorCode.CORE_CLAUSES_MISSING,
                _("Core clauses missing: %(clauses)s.") % {"clauses": join_names(missing)},
            )
        )
    if contract.subject in FORBIDDEN_SUBJECTS:
        reasons.append(
            Reason(
                ErrorCode.SUBJECT_IS_PEOPLE,
                _(
                    "The contract buys %(subject)s: an outsourcing contract buys a service and its results, never a "
                    "number of people or named posts (劳务派遣暂行规定 art. 27)."
                )
                % {"subject": Subject(contract.subject).label},
            )
        )
    if contract.company_may_reject_workers:
        reasons.append(
            Reason(
                ErrorCode.COMPANY_MAY_REJECT_WORKERS,
                _(
                    "The contract lets the company reject or replace named workers: that is directing the vendor's "
                    "people."
                ),
            )
        )
    if contract.pricing_model == PricingModel.HEADCOUNT_HOURS and contract.justification_approved_at is None:
        reasons.append(
            Reason(
                ErrorCode.HEADCOUNT_PRICING_NOT_JUSTIFIED,
                _("HR has not approved the justification for headcount × hours pricing."),
            )
        )
    if contract.on_premises and not contract.safety_clause:
        reasons.append(
            Reason(
                ErrorCode.NO_SAFETY_CLAUSE, _("Work on the premises needs the safety-management agreement or clause.")
            )
        )
    if contract.special_work and not vendor_selectors.holds_valid_licence(
        contract.vendor, "safety_production", on=contract.start_date
    ):
        reasons.append(
            Reason(
                ErrorCode.NO_SAFETY_LICENCE,
                _(
                    "Special work (%(work)s) needs the vendor's verified work safety licence, valid when the work "
                    "starts."
                )
                % {"work": contract.special_work},
            )
        )
    return reasons


@transaction.atomic
def submit_for_review(*, actor: User, contract: Contract) -> Contract:
    """Send the draft to legal, HR, finance and the business department in parallel (CON-3)."""
    contract = _lock_editable(actor, contract)
    reasons = signing_blockers(contract)
    if reasons:
        raise Blocked(reasons)
    if contract.status == ContractStatus.RETURNED:
        contract.version += 1  # a revised version; the earlier rounds stay in the approval timeline
    CONTRACT_STATES.move(contract, ContractStatus.IN_REVIEW)
    contract.submitted_at = timezone.now()
    contract.stamp(actor)
    contract.save()
    approvals.submit(document=contract, actor=actor)
    return contract


@transaction.atomic
def save_template(*, actor: User, name: str, version: str, is_standard: bool, summary: str) -> ContractTemplate:
    """Legal (or the administrator) adds a template version; a version counts once legal has approved it."""
    if not actor.has_perm("contracts.manage_templates"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal keeps the contract templates."), status=403)
    for field_name, value in (("name", name), ("version", version), ("summary", summary)):
        if not (value or "").strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Fill in every field."), field=field_name)
    if ContractTemplate.objects.filter(name=name.strip(), version=version.strip()).exists():
        raise Conflict(ErrorCode.TEMPLATE, _("This version of the template exists already."), field="version")
    template = ContractTemplate(
        name=name.strip(), version=version.strip(), is_standard=is_standard, summary=summary.strip()
    )
    if actor.has_perm("contracts.approve_templates"):
        template.legal_approved_by, template.legal_approved_at = actor, timezone.now()
    template.stamp(actor)
    template.save()
    return template


@transaction.atomic
def approve_template(*, actor: User, template: ContractTemplate) -> ContractTemplate:
    if not actor.has_perm("contracts.approve_templates"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only legal approves a template."), status=403)
    template = ContractTemplate.objects.select_for_update().get(pk=template.pk)
    if template.legal_approved_at:
        raise Conflict(ErrorCode.TEMPLATE, _("This template is already approved."))
    template.legal_approved_by, template.legal_approved_at = actor, timezone.now()
    template.stamp(actor)
    template.save()
    return template
