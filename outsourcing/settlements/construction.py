"""Wage protection on construction work (CST-2, CST-3; 保障农民工工资支付条例 arts. 24-32): the writes.

- the project's recorded role (ordinary client, owner 建设单位, general contractor 施工总承包);
- an owner-role contract's labour-cost terms; without the labour cost (amount or ratio), a transfer cycle of at most
  a month and the payment guarantee its approval is blocked (the contracts app asks `terms_blockers` at every step);
- the monthly labour-cost transfers to the dedicated wage account: scheduled from the terms over the contract's
  term, recorded by finance with the bank slip attached. A settlement's holds (a disputed evaluation, missing
  proofs) are never asked here: a dispute does not stop the wages (条例 art. 35);
- the project's evidence with its expiry (wage account, guarantee, rights board, work-injury insurance, the general
  contractor's monthly payroll-on-behalf proof with its total).
The checks that flag gaps run daily from `construction_checks.py`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.attachments.selectors import attachments_for
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.text import required_text
from outsourcing.demands.models import CompanyRole, Project
from outsourcing.org.models import User
from outsourcing.settlements.amounts import money_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models_construction import (
    CYCLES_OF_AT_MOST_A_MONTH,
    ConstructionFileKind,
    ConstructionTerms,
    EvidenceKind,
    LabourCostTransfer,
    ProjectEvidence,
    TransferCycle,
)


def _refuse_unless(actor: User, perm: str, obj, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, message, status=403)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


@transaction.atomic
def set_company_role(*, actor: User, project: Project, role: str) -> Project:
    """Record the company's role on the project (CST-2, CST-5): a field, not a guess from the sourcing category."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _refuse_unless(actor, "settlements.keep_construction", project, _("The project's department records its role."))
    if role not in CompanyRole.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the company's role on the project."), field="company_role")
    project.company_role = role
    project.stamp(actor)
    project.save(update_fields=["company_role", "updated_by", "updated_at"])
    return project


def terms_blockers(contract: Contract) -> list[Reason]:
    """CST-2: why an owner-role contract may not be approved (registered with the contracts app's approval)."""
    if contract.project.company_role != CompanyRole.OWNER:
        return []
    terms = ConstructionTerms.objects.filter(contract=contract).first()
    reasons = []
    if terms is None or (terms.labour_cost_amount is None and terms.labour_cost_ratio is None):
        reasons.append(
            Reason(
                ErrorCode.LABOUR_COST_MISSING,
                _(
                    "As construction owner the contract states the labour cost (人工费用), as an amount or a ratio "
                    "(保障农民工工资支付条例 art. 24)."
                ),
            )
        )
    if terms is None or terms.transfer_cycle not in CYCLES_OF_AT_MOST_A_MONTH:
        reasons.append(
            Reason(
                ErrorCode.TRANSFER_CYCLE,
                _("The labour cost is transferred to the wage account at least monthly (条例 art. 24)."),
            )
        )
    if terms is None or not terms.payment_guarantee.strip():
        reasons.append(
            Reason(
                ErrorCode.GUARANTEE_MISSING,
                _("As construction owner the contract names the payment guarantee (工程款支付担保, 条例 art. 24)."),
            )
        )
    return reasons


@transaction.atomic
def save_terms(
    *,
    actor: User,
    contract: Contract,
    labour_cost_amount=None,
    labour_cost_ratio=None,
    transfer_cycle: str = "",
    transfer_day: int = 15,
    payment_guarantee: str = "",
) -> ConstructionTerms:
    """The contract's labour-cost terms (CST-2); each may be filled in while the contract is drafted."""
    _refuse_unless(actor, "settlements.keep_construction", contract, _("The project's department keeps the terms."))
    amount = (
        None
        if labour_cost_amount in (None, "")
        else money_input(labour_cost_amount, "labour_cost_amount", label=_("labour cost"))
    )
    if amount is not None and (amount <= 0 or amount > contract.amount):
        raise RuleViolation(
            ErrorCode.BAD_MONEY,
            _("The labour cost is more than zero and at most the contract amount."),
            field="labour_cost_amount",
        )
    ratio = (
        None
        if labour_cost_ratio in (None, "")
        else money_input(labour_cost_ratio, "labour_cost_ratio", label=_("labour-cost ratio"))
    )
    if ratio is not None and not (0 < ratio <= 100):
        raise RuleViolation(
            ErrorCode.BAD_MONEY, _("The ratio is a percent above 0 and at most 100."), field="labour_cost_ratio"
        )
    if transfer_cycle and transfer_cycle not in TransferCycle.values:
        raise RuleViolation(ErrorCode.TRANSFER_CYCLE, _("Choose the transfer cycle."), field="transfer_cycle")
    if not (1 <= int(transfer_day or 0) <= 28):
        raise RuleViolation(
            ErrorCode.REQUIRED, _("The transfer falls due on a day from 1 to 28."), field="transfer_day"
        )
    terms, _created = ConstructionTerms.objects.select_for_update().get_or_create(
        contract=contract, defaults={"created_by": actor, "updated_by": actor}
    )
    terms.labour_cost_amount, terms.labour_cost_ratio = amount, ratio
    terms.transfer_cycle, terms.transfer_day = transfer_cycle, int(transfer_day)
    terms.payment_guarantee = (payment_guarantee or "").strip()[:200]
    terms.stamp(actor)
    terms.save()
    return terms


def monthly_labour_cost(terms: ConstructionTerms, months: int) -> list[Decimal]:
    """The labour cost spread over the months of the term, the last month taking the rounding."""
    contract = terms.contract
    total = terms.labour_cost_amount
    if total is None:
        total = to_money(contract.amount * terms.labour_cost_ratio / 100)
    share = to_money(total / months)
    return [share] * (months - 1) + [total - share * (months - 1)]


@transaction.atomic
def schedule_transfers(*, actor: User, contract: Contract) -> list[LabourCostTransfer]:
    """Schedule the monthly transfers over the contract's term from its terms (CST-2); a month already scheduled is
    kept as it is (running it again changes nothing)."""
    _refuse_unless(actor, "settlements.keep_construction", contract, _("The project's department keeps the terms."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    terms = ConstructionTerms.objects.filter(contract=contract).first()
    if contract.project.company_role != CompanyRole.OWNER:
        raise Conflict(ErrorCode.NOT_OWNER_ROLE, _("Labour-cost transfers are the construction owner's duty."))
    if terms is None or terms_blockers(contract):
        raise Conflict(ErrorCode.LABOUR_COST_MISSING, _("Complete the labour-cost terms first."))
    months, month = [], first_of_month(contract.start_date)
    while month <= contract.end_date:
        months.append(month)
        month = next_month(month)
    existing = set(LabourCostTransfer.objects.filter(contract=contract).values_list("month", flat=True))
    created = []
    for month, amount in zip(months, monthly_labour_cost(terms, len(months)), strict=True):
        if month in existing:
            continue
        transfer = LabourCostTransfer(
            contract=contract, month=month, amount=amount, due_on=month.replace(day=terms.transfer_day)
        )
        transfer.stamp(actor)
        transfer.save()
        created.append(transfer)
    return created


def has_slip(transfer: LabourCostTransfer) -> bool:
    return attachments_for(document=transfer).filter(kind=ConstructionFileKind.BANK_SLIP).exists()


@transaction.atomic
def record_transfer(
    *, actor: User, transfer: LabourCostTransfer, paid_on: dt.date, bank_reference: str
) -> LabourCostTransfer:
    """Finance records the month's transfer with the bank slip attached (CST-2). No settlement hold is asked: a
    dispute over the period's settlement does not stop the wages."""
    transfer = LabourCostTransfer.objects.select_for_update().get(pk=transfer.pk)
    _refuse_unless(actor, "settlements.record_transfer", transfer, _("Finance records the transfer."))
    if transfer.paid_on is not None:
        raise Conflict(ErrorCode.ALREADY_TRANSFERRED, _("This month's transfer is already recorded."))
    message = _("The transfer needs its bank reference.")
    field = "bank_reference"
    reference = required_text(bank_reference, field=field, code=ErrorCode.REQUIRED, max_length=100, message=message)
    if not paid_on:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say when the money was transferred."), field="paid_on")
    if not has_slip(transfer):
        raise RuleViolation(ErrorCode.BANK_SLIP_MISSING, _("Attach the bank slip of the transfer first."), field="file")
    transfer.paid_on, transfer.bank_reference = paid_on, reference
    transfer.stamp(actor)
    transfer.save()
    return transfer


@transaction.atomic
def record_evidence(
    *,
    actor: User,
    project: Project,
    kind: str,
    reference: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    month: dt.date | None = None,
    amount=None,
) -> ProjectEvidence:
    """A piece of the project's wage-protection evidence (CST-3); the payroll-on-behalf proof names its month and
    total."""
    _refuse_unless(actor, "settlements.keep_construction", project, _("The project's department keeps its evidence."))
    if kind not in EvidenceKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of evidence."), field="kind")
    message = _("Give the account, guarantee or policy number.")
    reference = required_text(reference, field="reference", code=ErrorCode.REQUIRED, max_length=200, message=message)
    if not valid_from:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say from when it is valid."), field="valid_from")
    if valid_until and valid_until < valid_from:
        raise RuleViolation(ErrorCode.PERIOD, _("It ends after it starts."), field="valid_until")
    total = None if amount in (None, "") else money_input(amount, "amount", label=_("amount"))
    if kind == EvidenceKind.PAYROLL_ON_BEHALF and (month is None or total is None):
        raise RuleViolation(
            ErrorCode.REQUIRED, _("The payroll-on-behalf proof names its month and total."), field="month"
        )
    evidence = ProjectEvidence(
        project=project,
        kind=kind,
        reference=reference,
        valid_from=valid_from,
        valid_until=valid_until,
        month=first_of_month(month) if month else None,
        amount=total,
    )
    evidence.stamp(actor)
    evidence.save()
    return evidence
