"""A settlement's figures (SET-2, SET-3): the accepted fee, the bonus and deduction lines, the deduction cap
(default 10 % of the period's fee, per contract through its SLA's incentive table) and the payable amount,
never negative. Money typed by people is checked here: no float, no more than two decimals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.core.money import to_money
from outsourcing.settlements.errors import ErrorCode

ZERO = Decimal("0.00")


def money_input(value, field: str, *, label=None) -> Decimal:
    """An amount as typed: a str, int or Decimal with at most two decimals (a float or a third decimal is
    refused, never rounded silently)."""
    message = _("%(field)s: an amount in yuan with at most two decimals.") % {"field": label or field}
    if isinstance(value, float) or value is None or isinstance(value, bool):
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field)
    return to_money(amount)


def quantity_input(value, field: str) -> Decimal:
    if isinstance(value, float) or value is None or isinstance(value, bool):
        raise RuleViolation(ErrorCode.BAD_MONEY, _("A quantity with at most two decimals."), field=field)
    try:
        quantity = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise RuleViolation(ErrorCode.BAD_MONEY, _("A quantity with at most two decimals."), field=field) from None
    if not quantity.is_finite() or quantity.as_tuple().exponent < -2 or quantity < 0:
        raise RuleViolation(ErrorCode.BAD_MONEY, _("A quantity with at most two decimals."), field=field)
    return quantity


def cap_percent(settlement) -> Decimal:
    """The contract's deduction cap: its SLA's incentive table, else the setting (SET-3, default 10 %)."""
    table = getattr(getattr(settlement.evaluation, "sla", None), "incentive_table", None) if settlement.evaluation_id \
        else None  # fmt: skip
    if table is not None and table.deduction_cap_percent is not None:
        return table.deduction_cap_percent
    return Decimal(str(settings.SETTLEMENT_DEDUCTION_CAP_PERCENT))


@dataclass(frozen=True)
class Figures:
    fee: Decimal  # accepted quantities × prices
    bonuses: Decimal
    deductions: Decimal  # as a negative number, before the cap
    cap: Decimal  # the most that may be deducted (positive)
    capped_deductions: Decimal  # what is deducted (negative, within the cap and never below -fee)
    corrections: Decimal  # credit/debit lines after payment
    payable: Decimal  # fee + bonuses + capped deductions, never negative

    @property
    def capped(self) -> bool:
        return self.capped_deductions != self.deductions


def figures(settlement, *, lines=None, adjustments=None) -> Figures:
    lines = list(settlement.acceptance_lines.all()) if lines is None else lines
    adjustments = list(settlement.adjustments.all()) if adjustments is None else adjustments
    fee = to_money(sum((line.amount for line in lines), ZERO))
    before = [a for a in adjustments if not a.after_payment]
    bonuses = to_money(sum((a.amount for a in before if a.amount > 0), ZERO))
    deductions = to_money(sum((a.amount for a in before if a.amount < 0), ZERO))
    cap = to_money(fee * cap_percent(settlement) / 100)
    capped = max(deductions, -cap)
    payable = max(fee + bonuses + capped, ZERO)
    corrections = to_money(sum((a.amount for a in adjustments if a.after_payment), ZERO))
    return Figures(fee, bonuses, deductions, cap, capped, corrections, to_money(payable))


def payable(settlement) -> Decimal:
    return figures(settlement).payable
