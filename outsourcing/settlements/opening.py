"""Opening a period's settlement (SET-2, SET-5): the period comes from the contract's settlement cycle, the
acceptance is pre-filled from its price lines (the period fee, the unit price, the milestone) and one settlement
per contract and period is guaranteed by a row lock on the contract and by the database's unique constraint
(a second one is a 409, never a duplicate)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus, PricingModel
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.org.models import User
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import AcceptanceLine, Settlement
from outsourcing.settlements.periods import PeriodSpan, period_containing

SETTLED_CONTRACT_STATUSES = frozenset(LIVE_STATUSES | {ContractStatus.SUSPENDED})


def prefilled_lines(contract: Contract, span: PeriodSpan, milestones=None) -> list[AcceptanceLine]:
    """The period's acceptance lines as the contract prices them; quantities still to be accepted."""
    if contract.pricing_model == PricingModel.FIXED:
        return [AcceptanceLine(description=_("Fixed fee of the period"), unit=_("period"),
                               unit_price=contract.period_fee or Decimal(0), contract_quantity=Decimal(1),
                               reported_quantity=Decimal(1))]  # fmt: skip
    if contract.pricing_model == PricingModel.MILESTONES or span.milestone_id:
        items = milestones if milestones is not None else contract.milestones.all()
        return [AcceptanceLine(description=m.name, milestone=m, unit=_("milestone"), unit_price=m.amount,
                               contract_quantity=Decimal(1), reported_quantity=Decimal(1))
                for m in items if span.start <= m.due_date <= span.end]  # fmt: skip
    return [AcceptanceLine(description=contract.unit or _("Workload"), unit=contract.unit,
                           unit_price=contract.unit_price or Decimal(0),
                           contract_quantity=contract.estimated_quantity)]  # fmt: skip


def create_settlement(contract: Contract, span: PeriodSpan, actor: User | None, milestones=None) -> Settlement:
    """Save the settlement and its pre-filled lines (the caller holds the contract's lock and a transaction)."""
    settlement = Settlement(contract=contract, period_start=span.start, period_end=span.end,
                            is_final=span.is_final, number=next_number("ST"))  # fmt: skip
    settlement.stamp(actor)
    try:
        with transaction.atomic():
            settlement.save()
    except IntegrityError:
        raise _duplicate(contract, span.start) from None
    lines = prefilled_lines(contract, span, milestones)
    for line in lines:
        line.settlement = settlement
    AcceptanceLine.objects.bulk_create(lines)
    return settlement


def _duplicate(contract: Contract, start: dt.date) -> Conflict:
    return Conflict(ErrorCode.DUPLICATE, _("%(contract)s already has a settlement for the period from %(day)s.")
                    % {"contract": contract.number, "day": start})  # fmt: skip


@transaction.atomic
def open_settlement(*, actor: User, contract: Contract, day: dt.date) -> Settlement:
    """Open the settlement of the contract's period containing `day`."""
    contract = Contract.objects.select_for_update().select_related("project__department").get(pk=contract.pk)
    if not actor.has_perm("settlements.open_settlement", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or finance opens a settlement."),
                            status=403)  # fmt: skip
    if contract.status not in SETTLED_CONTRACT_STATUSES:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("Only a signed contract is settled."))
    span = period_containing(contract, day)
    if span is None:
        raise RuleViolation(ErrorCode.PERIOD, _("%(day)s is in no settlement period of %(contract)s.")
                            % {"day": day, "contract": contract.number}, field="day")  # fmt: skip
    if Settlement.objects.filter(contract=contract, period_start=span.start).exists():
        raise _duplicate(contract, span.start)
    return create_settlement(contract, span, actor)
