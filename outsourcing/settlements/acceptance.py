"""Workload and acceptance confirmation (工作量确认单 / 验收, SET-2): the business department confirms the
period's accepted quantity per price line or the milestone's result — never above the contract quantity, counted
over the contract's earlier settlements — and the vendor confirms it in the portal. Billing follows the accepted,
not the reported, quantities."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import PricingModel
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.org.models import User
from outsourcing.settlements.amounts import quantity_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import MACHINE, AcceptanceLine, Settlement, SettlementStatus


def lock(settlement: Settlement) -> Settlement:
    return Settlement.objects.select_for_update().select_related("contract__project__department",
                                                                 "contract__vendor").get(pk=settlement.pk)  # fmt: skip


def _accepted_elsewhere(line: AcceptanceLine, settlement: Settlement) -> Decimal:
    """What the contract's other periods accepted of the same line (a fixed fee is one per period: nothing)."""
    if settlement.contract.pricing_model == PricingModel.FIXED:
        return Decimal(0)
    others = AcceptanceLine.objects.filter(settlement__contract_id=settlement.contract_id).exclude(
        settlement=settlement).exclude(settlement__status=SettlementStatus.WAIVED)  # fmt: skip
    others = others.filter(milestone=line.milestone) if line.milestone_id else others.filter(
        description=line.description, milestone__isnull=True)  # fmt: skip
    return others.aggregate(total=Sum("accepted_quantity"))["total"] or Decimal(0)


@transaction.atomic
def accept(*, actor: User, settlement: Settlement, quantities: dict[int, object],
           reported: dict[int, object] | None = None) -> Settlement:  # fmt: skip
    """Confirm the accepted quantity of each line (`quantities` maps line ids to quantities)."""
    settlement = lock(settlement)
    if not actor.has_perm("settlements.accept_settlement", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department confirms the workload."), status=403)
    if settlement.status != SettlementStatus.ACCEPTED:  # accepting again before the request corrects it
        MACHINE.check(settlement.status, SettlementStatus.ACCEPTED)
    lines = {line.pk: line for line in settlement.acceptance_lines.select_related("milestone")}
    unknown = set(quantities) - set(lines)
    if unknown or not lines:
        raise RuleViolation(ErrorCode.REQUIRED, _("Confirm the quantity of each line of this settlement."))
    for pk, line in lines.items():
        if pk in (reported or {}):
            line.reported_quantity = quantity_input((reported or {})[pk], f"reported_{pk}")
        if pk in quantities:
            line.accepted_quantity = quantity_input(quantities[pk], f"line_{pk}")
        if line.contract_quantity is not None:
            room = line.contract_quantity - _accepted_elsewhere(line, settlement)
            if line.accepted_quantity > room:
                raise RuleViolation(
                    ErrorCode.ABOVE_CONTRACT,
                    _("%(item)s: %(quantity)s accepted is above what the contract still covers (%(room)s of "
                      "%(total)s).") % {"item": line.description, "quantity": line.accepted_quantity,
                                         "room": max(room, Decimal(0)), "total": line.contract_quantity},
                    field=f"line_{pk}",
                )  # fmt: skip
        line.save(update_fields=["reported_quantity", "accepted_quantity"])
    settlement.status = SettlementStatus.ACCEPTED
    settlement.accepted_at = timezone.now()
    settlement.accepted_by = actor
    settlement.vendor_confirmed_at = None
    settlement.stamp(actor)
    settlement.save()
    from outsourcing.settlements.adjustments import apply_performance

    apply_performance(settlement, actor=actor)
    return settlement


@transaction.atomic
def confirm_acceptance(*, actor: User, settlement: Settlement) -> Settlement:
    """The vendor confirms the accepted quantities in the portal (SET-2)."""
    settlement = lock(settlement)
    if not actor.has_perm("settlements.vendor_act", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The contract's vendor confirms the acceptance."), status=403)
    if settlement.status != SettlementStatus.ACCEPTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only an accepted settlement is confirmed by the vendor."))
    settlement.vendor_confirmed_at = timezone.now()
    settlement.stamp(actor)
    settlement.save()
    return settlement
