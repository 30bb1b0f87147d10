"""The vendor's request and the settlement's approval (SET-4, SET-5).

The vendor submits its request with the invoices in the portal; the settlement then goes through the approval
engine (registered kind "settlement"): business head (workload and quality) → HR (employment compliance: the
period's proofs through `workforce.proofs.settlement_blockers`, WRK-6) → finance (invoice and amount). Each
step's blockers are the settlement's holds for that step; `holds` lists them all (a held settlement cannot be
paid by any path). The hooks below are declared on the kind in apps.py."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals.states import MACHINE as APPROVAL_MACHINE
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.org.models import Role, User
from outsourcing.settlements.acceptance import lock
from outsourcing.settlements.adjustments import performance_holds
from outsourcing.settlements.amounts import figures, money_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.invoices import InvoiceData, check_invoice_input, finance_reasons, save_invoice
from outsourcing.settlements.models import MACHINE, Settlement, SettlementStatus
from outsourcing.workforce.proofs import settlement_blockers


def months_of(settlement: Settlement) -> list[dt.date]:
    months, day = [], settlement.period_start.replace(day=1)
    while day <= settlement.period_end:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def hr_holds(settlement: Settlement) -> list[Reason]:
    """The period's compliance proofs (WRK-6): each month of the period, for the contract's vendor and project."""
    contract = settlement.contract
    return [
        Reason(ErrorCode.PROOFS, text)
        for month in months_of(settlement)
        for text in settlement_blockers(vendor=contract.vendor, project=contract.project, month=month)
    ]


def holds(settlement: Settlement) -> dict[str, list[Reason]]:
    """Every hold by the step it stops (business, HR, finance); empty lists mean nothing holds it."""
    requested = settlement.status in (SettlementStatus.REQUESTED, SettlementStatus.IN_APPROVAL,
                                      SettlementStatus.APPROVED)  # the invoice is the vendor's, after acceptance
    return {Role.DEPT_HEAD: performance_holds(settlement), Role.HR: hr_holds(settlement),
            Role.FINANCE: finance_reasons(settlement) if requested else []}  # fmt: skip


def all_holds(settlement: Settlement) -> list[Reason]:
    return [reason for reasons in holds(settlement).values() for reason in reasons]


def step_blockers(settlement: Settlement, *, role: str) -> list[Reason]:
    """The kind's `blockers` hook: the holds of the step `role` decides."""
    if role == Role.DEPT_HEAD:
        return performance_holds(settlement)
    if role == Role.HR:
        return hr_holds(settlement)
    if role == Role.FINANCE:
        return finance_reasons(settlement)
    return []


def approval_finished(settlement: Settlement, *, outcome: str, actor: User) -> None:
    """The kind's `finished` hook: approved fixes the amount; returned goes back to the vendor's request;
    rejected back to the accepted workload (finance may then waive it with a reason)."""
    state = state_for_outcome(outcome)
    APPROVAL_MACHINE.check(settlement.approval_state, state)
    target = {ApprovalState.APPROVED: SettlementStatus.APPROVED, ApprovalState.RETURNED: SettlementStatus.REQUESTED,
              ApprovalState.REJECTED: SettlementStatus.ACCEPTED}[state]  # fmt: skip
    MACHINE.check(settlement.status, target)
    settlement.approval_state = state
    settlement.status = target
    if state == ApprovalState.APPROVED:
        settlement.approved_amount = figures(settlement).payable
        settlement.approved_at = timezone.now()
    settlement.stamp(actor)
    settlement.save()


@transaction.atomic
def submit_request(*, actor: User, settlement: Settlement, amount, invoices: list[InvoiceData]) -> Settlement:
    """The vendor's settlement request (费用结算申请单) with its invoices, sent into approval (SET-4)."""
    from outsourcing.approvals import services as approvals

    settlement = lock(settlement)
    if not actor.has_perm("settlements.vendor_act", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The contract's vendor submits the request."), status=403)
    if settlement.status not in (SettlementStatus.ACCEPTED, SettlementStatus.REQUESTED):
        raise Conflict(ErrorCode.WRONG_STATUS, _("The request follows the accepted workload, once."))
    amount = money_input(amount, "amount", label=_("amount requested"))
    if not invoices and not settlement.invoices.exists():
        raise RuleViolation(ErrorCode.NO_INVOICE, _("Attach the invoice to the request."), field="invoices")
    for data in invoices:
        save_invoice(check_invoice_input(settlement, data), actor)
    if settlement.status == SettlementStatus.ACCEPTED:
        MACHINE.check(settlement.status, SettlementStatus.REQUESTED)
        settlement.status = SettlementStatus.REQUESTED
    settlement.requested_amount = amount
    settlement.requested_at = timezone.now()
    settlement.vendor_confirmed_at = settlement.vendor_confirmed_at or settlement.requested_at
    MACHINE.check(settlement.status, SettlementStatus.IN_APPROVAL)
    APPROVAL_MACHINE.check(settlement.approval_state, ApprovalState.IN_APPROVAL)
    settlement.status = SettlementStatus.IN_APPROVAL
    settlement.approval_state = ApprovalState.IN_APPROVAL
    settlement.stamp(actor)
    settlement.save()
    approvals.submit(document=settlement, actor=actor)
    return settlement


@transaction.atomic
def waive(*, actor: User, settlement: Settlement, reason: str) -> Settlement:
    """Finance waives a period with its reason (nothing to pay; the contract's closing check accepts it)."""
    settlement = lock(settlement)
    if not actor.has_perm("settlements.waive_settlement", settlement):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Finance waives a settlement."), status=403)
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say why the settlement is waived."), field="reason")
    MACHINE.check(settlement.status, SettlementStatus.WAIVED)
    settlement.status = SettlementStatus.WAIVED
    settlement.waiver_reason = reason
    settlement.stamp(actor)
    settlement.save()
    return settlement
