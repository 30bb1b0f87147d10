"""The performance link (SET-3): the period's confirmed evaluation maps, by its total score, to a bonus or a
deduction of the period's fee through the incentive table of its SLA version (else the SPEC's default, a setting);
itemised penalties and bonuses are lines with their reason, of a type from the open registry (lines.py); the
deductions together are capped (amounts.py). An evaluation not yet final — published or in dispute — holds the
settlement at the business step with the reason."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.org.models import User
from outsourcing.performance.models import FINAL_STATUSES, Evaluation, EvaluationStatus
from outsourcing.settlements.amounts import figures, money_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.lines import line_type
from outsourcing.settlements.models import AdjustmentLine, Settlement, SettlementStatus

PERFORMANCE = "performance"  # the line the evaluation's grade makes (registered in apps.py)
OPEN_FOR_LINES = frozenset({SettlementStatus.DRAFT, SettlementStatus.ACCEPTED, SettlementStatus.REQUESTED})


def default_bands() -> list[dict]:
    return list(settings.SETTLEMENT_INCENTIVE_BANDS)


def bands_for(evaluation: Evaluation) -> list[dict]:
    table = getattr(evaluation.sla, "incentive_table", None)
    bands = table.bands if table is not None and table.bands else default_bands()
    return sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True)


def incentive_percent(evaluation: Evaluation) -> Decimal | None:
    """The percent of the period's fee the evaluation's total earns (+) or loses (−); None when not evaluated."""
    if evaluation.total is None:
        return None
    for band in bands_for(evaluation):
        if evaluation.total >= Decimal(str(band["min"])):
            return Decimal(str(band["percent"]))
    return Decimal(0)


def evaluation_of(settlement: Settlement) -> Evaluation | None:
    return (Evaluation.objects.select_related("sla__incentive_table")
            .filter(contract_id=settlement.contract_id, period_start__lte=settlement.period_end,
                    period_end__gte=settlement.period_start).order_by("-period_start").first())  # fmt: skip


def performance_holds(settlement: Settlement, evaluation: Evaluation | None = None) -> list[Reason]:
    """Why the business step may not pass yet: the period's evaluation is not final (SET-3)."""
    evaluation = evaluation if evaluation is not None else evaluation_of(settlement)
    if evaluation is None or evaluation.status in FINAL_STATUSES:
        return []
    if evaluation.status == EvaluationStatus.DISPUTED:
        return [
            Reason(
                ErrorCode.EVALUATION_DISPUTED,
                _("The evaluation %(number)s of %(period)s is in dispute: the settlement waits for its resolution.")
                % {"number": evaluation.number, "period": evaluation.period_label},
            )
        ]
    return [Reason(ErrorCode.EVALUATION_MISSING,
                   _("The evaluation %(number)s of %(period)s is not confirmed yet.")
                   % {"number": evaluation.number, "period": evaluation.period_label})]  # fmt: skip


def apply_performance(settlement: Settlement, *, actor: User | None) -> AdjustmentLine | None:
    """Write (or rewrite) the settlement's performance line from its period's final evaluation."""
    evaluation = evaluation_of(settlement)
    settlement.adjustments.filter(line_type=PERFORMANCE, after_payment=False).delete()
    final = evaluation is not None and evaluation.status in FINAL_STATUSES
    if settlement.evaluation_id != (evaluation.pk if evaluation else None):
        settlement.evaluation = evaluation
        settlement.save(update_fields=["evaluation", "updated_at"])
    percent = incentive_percent(evaluation) if final else None
    if not percent:
        return None
    fee = figures(settlement, adjustments=[]).fee
    line = AdjustmentLine(settlement=settlement, line_type=PERFORMANCE, amount=to_money(fee * percent / 100),
                          reason=_("Evaluation %(number)s: total %(total)s, grade %(grade)s → %(percent)s %% of the "
                                   "period's fee") % {"number": evaluation.number, "total": evaluation.total,
                                                      "grade": evaluation.grade or "—",
                                                      "percent": percent})  # fmt: skip
    line.stamp(actor)
    line.save()
    return line


@transaction.atomic
def add_line(*, actor: User, settlement: Settlement, line_type_code: str, amount, reason: str,
             system: bool = False) -> AdjustmentLine:  # fmt: skip
    """An itemised bonus or penalty with its reason (a late fine, a service credit, an award, gain sharing).
    `system` is for the owning app's service writing a type that is not typed in by hand (gain sharing)."""
    from outsourcing.settlements.acceptance import lock

    settlement = lock(settlement)
    if not actor.has_perm("settlements.add_line", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or finance adds settlement lines."),
                            status=403)  # fmt: skip
    kind = line_type(line_type_code)
    if kind is None or line_type_code == PERFORMANCE or (not kind.manual and not system):
        raise RuleViolation(ErrorCode.LINE_TYPE, _("Choose a line type."), field="line_type")
    amount = money_input(amount, "amount", label=_("amount"))
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say why: each line has its reason."), field="reason")
    after_payment = settlement.status == SettlementStatus.PAID
    if not after_payment and settlement.status not in OPEN_FOR_LINES:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Lines are added before the approval, or as a correction after "
                                                 "payment."))  # fmt: skip
    if amount == 0 or (kind.sign and (amount > 0) != (kind.sign > 0)):
        raise RuleViolation(ErrorCode.LINE_TYPE, _("A %(type)s is %(sign)s.") % {
            "type": kind.label, "sign": _("a positive amount") if kind.sign > 0 else _("a negative amount")}
            if kind.sign else _("The amount may not be zero."), field="amount")  # fmt: skip
    line = AdjustmentLine(settlement=settlement, line_type=kind.code, amount=amount, reason=reason,
                          after_payment=after_payment)  # fmt: skip
    line.stamp(actor)
    line.save()
    return line
