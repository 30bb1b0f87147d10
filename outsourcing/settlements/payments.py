"""Payment (SET-5): one payment per approved settlement — the settlement's row lock queues a race and the
database's one-to-one constraint refuses a second — never above the approved amount, never while anything holds
the settlement; a correction after payment is a separate credit or debit line (adjustments.add_line)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.text import join_reasons
from outsourcing.org.models import User
from outsourcing.settlements.acceptance import lock
from outsourcing.settlements.amounts import money_input
from outsourcing.settlements.approval import all_holds
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import MACHINE, Payment, Settlement, SettlementStatus


@transaction.atomic
def record_payment(*, actor: User, settlement: Settlement, paid_on: dt.date, amount, bank_reference: str) -> Payment:
    settlement = lock(settlement)
    if not actor.has_perm("settlements.pay_settlement", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Finance records the payment."), status=403)
    if settlement.status == SettlementStatus.PAID or Payment.objects.filter(settlement=settlement).exists():
        raise Conflict(ErrorCode.ALREADY_PAID, _("%(number)s is already paid.") % {"number": settlement.number})
    MACHINE.check(settlement.status, SettlementStatus.PAID)
    amount = money_input(amount, "amount", label=_("amount paid"))
    if amount <= 0 or amount > settlement.approved_amount:
        raise RuleViolation(ErrorCode.ABOVE_APPROVED, _("The payment is more than zero and at most the approved "
                                                        "%(approved)s.") % {"approved": settlement.approved_amount},
                            field="amount")  # fmt: skip
    reasons = all_holds(settlement)
    if reasons:
        raise Conflict(
            ErrorCode.ON_HOLD, _("The settlement is on hold: %(reasons)s") % {"reasons": join_reasons(reasons)}
        )
    reference = (bank_reference or "").strip()
    if not reference or not paid_on:
        raise RuleViolation(ErrorCode.REQUIRED, _("The payment needs its date and bank reference."),
                            field="bank_reference")  # fmt: skip
    payment = Payment(settlement=settlement, paid_on=paid_on, amount=amount, bank_reference=reference)
    payment.stamp(actor)
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        raise Conflict(
            ErrorCode.ALREADY_PAID, _("%(number)s is already paid.") % {"number": settlement.number}
        ) from None
    settlement.status = SettlementStatus.PAID
    settlement.stamp(actor)
    settlement.save()
    return payment
