"""A contract in force: amendments and renewal through approval (CON-6), breach notices after legal
review (CON-7), and the exit and handover plan that must be done before the contract closes (CON-8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.contracts import closing, history
from outsourcing.contracts.drafting import check_drafter
from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import (
    CONTRACT_STATES,
    LIVE_STATUSES,
    Amendment,
    ChangeKind,
    Contract,
    ContractStatus,
    ExitCategory,
    ExitItem,
    NoticeKind,
    RectificationNotice,
    RenewalChoice,
    RenewalDecision,
    TerminationNotice,
    may_move,
)
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.org.models import User


def _check_exit_runner(actor: User, project) -> None:
    check_drafter(actor, project, _("Procurement, HR, legal or the project's own department run the exit."))


def _live(contract: Contract) -> Contract:
    contract = Contract.objects.select_for_update().select_related("project", "vendor").get(pk=contract.pk)
    if contract.status not in LIVE_STATUSES:
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("The contract is %(status)s: nothing can be changed on it.") % {"status": contract.get_status_display()},
        )
    return contract


def _required(**values) -> None:
    for name, value in values.items():
        required_text(value, field=name, code=ErrorCode.REQUIRED, message=_("Fill in every field."))


# ---------------------------------------------------------------------------------------------------
# Amendments and renewal (CON-6)


@transaction.atomic
def propose_amendment(
    *,
    actor: User,
    contract: Contract,
    kind: str,
    description: str,
    new_end_date: dt.date | None = None,
    new_amount: Decimal | None = None,
) -> Amendment:
    """A change or a renewal agreement, approved like the contract before it applies (versioned)."""
    check_drafter(actor, contract.project, _("Procurement, HR, legal or the project's own department propose changes."))
    contract = _live(contract)
    if contract.status != ContractStatus.ACTIVE:
        raise Conflict(ErrorCode.WRONG_STATUS, _("A contract in exit is not amended or renewed."))
    if contract.amendments.filter(status=ApprovalState.IN_APPROVAL).exists():
        raise Conflict(ErrorCode.PENDING, _("An amendment of this contract is already in approval."))
    if kind not in ChangeKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose what kind of change it is."), field="kind")
    _required(description=description)
    if kind == ChangeKind.RENEWAL and (new_end_date is None or new_end_date <= contract.end_date):
        raise RuleViolation(ErrorCode.DATES, _("A renewal extends the term beyond %(end)s.") % {
            "end": contract.end_date.isoformat()
        }, field="new_end_date")  # fmt: skip
    if new_end_date is not None and new_end_date < contract.start_date:
        raise RuleViolation(ErrorCode.DATES, _("The contract would end before it starts."), field="new_end_date")
    if (
        kind == ChangeKind.RENEWAL
        and not contract.renewal_decisions.filter(choice=RenewalChoice.RENEW, status=ApprovalState.APPROVED).exists()
    ):  # the renewal agreement follows an approved decision to renew (CON-6, P2 3.1(2))
        raise Conflict(
            ErrorCode.RENEWAL_NOT_DECIDED,
            _("A renewal agreement follows an approved decision to renew; decide on the renewal first."),
            field="kind",
        )
    if new_amount is not None and to_money(new_amount) <= 0:
        raise RuleViolation(ErrorCode.AMOUNT, _("The new amount must be above zero."), field="new_amount")
    amendment = Amendment(
        number=next_number("CHG"),
        contract=contract,
        kind=kind,
        description=description.strip(),
        new_end_date=new_end_date,
        new_amount=to_money(new_amount) if new_amount is not None else None,
    )
    amendment.stamp(actor)
    amendment.save()
    approvals.submit(document=amendment, actor=actor)
    return amendment


def amendment_finished(*, amendment: Amendment, outcome: str, actor: User) -> None:
    amendment.status = state_for_outcome(outcome)
    if outcome == "approved":
        contract = Contract.objects.select_for_update().get(pk=amendment.contract_id)
        if amendment.new_end_date:
            contract.end_date = amendment.new_end_date
        if amendment.new_amount is not None:
            contract.amount = amendment.new_amount
        contract.version += 1
        contract.stamp(actor)
        contract.save()
        amendment.applied_version = contract.version
    amendment.stamp(actor)
    amendment.save()


@transaction.atomic
def decide_renewal(*, actor: User, contract: Contract, choice: str, reason: str) -> RenewalDecision:
    """The project owner proposes, before expiry, to renew, to select again or to end (P2 3.1(1)); the
    decision goes through approval with the contract's history, as it stands now, kept beside it."""
    contract = _live(contract)
    if contract.project.owner_id != actor.pk and not actor.has_perm("contracts.draft_for_project", contract.project):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project owner decides on the renewal."), status=403)
    if contract.status != ContractStatus.ACTIVE:
        raise Conflict(ErrorCode.WRONG_STATUS, _("A contract in exit is not renewed."))
    if choice not in RenewalChoice.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose renew, select again or end."), field="choice")
    _required(reason=reason)
    if contract.renewal_decisions.filter(status=ApprovalState.IN_APPROVAL).exists():
        raise Conflict(ErrorCode.PENDING, _("A renewal decision of this contract is already in approval."))
    decision = RenewalDecision(
        contract=contract, choice=choice, reason=reason.strip(), history=history.history_of(contract)
    )
    decision.stamp(actor)
    decision.save()
    approvals.submit(document=decision, actor=actor)
    return decision


def renewal_decision_finished(*, decision: RenewalDecision, outcome: str, actor: User) -> None:
    """Approved: a renewal goes on to the renewal agreement (an amendment, approved in turn); an end or a new
    selection sends the vendor the notice of non-renewal (CON-10)."""
    decision.status = state_for_outcome(outcome)
    decision.stamp(actor)
    decision.save()
    if outcome != "approved":
        return
    contract = decision.contract
    if decision.choice == RenewalChoice.RENEW:
        with company_language():
            send([Notice(
                recipient_id=decision.created_by_id or contract.project.owner_id,
                title=_("Renewal of %(number)s approved: propose the renewal agreement")
                % {"number": contract.number},
                url=contract.get_absolute_url() + "#renewal",
                dedup_key=f"contract-renewal-approved:{decision.pk}",
            )])  # fmt: skip
    else:
        from outsourcing.contracts.ending import issue_non_renewal_notice

        issue_non_renewal_notice(decision=decision, actor=actor)


# ---------------------------------------------------------------------------------------------------
# Breach notices (CON-7)


@transaction.atomic
def draft_notice(
    *,
    actor: User,
    contract: Contract,
    kind: str,
    clause: str,
    facts: str,
    found_on: dt.date,
    demand: str,
    respond_by: dt.date | None = None,
):
    """The facts of a breach and what the vendor must do; legal reviews before the notice goes out."""
    if not actor.has_perm("contracts.draft_notices", contract):
        raise RuleViolation(
            ErrorCode.NOT_ALLOWED, _("HR, legal or the project owner raise breach notices."), status=403
        )
    contract = _live(contract)
    if kind not in NoticeKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of notice."), field="kind")
    _required(clause=clause, facts=facts, demand=demand)
    if found_on is None or found_on > today():
        raise RuleViolation(ErrorCode.DATES, _("A breach is recorded once found."), field="found_on")
    if kind == NoticeKind.RECTIFICATION and (respond_by is None or respond_by <= today()):
        raise RuleViolation(ErrorCode.DATES, _("Give the vendor a date to remedy by, after today."), field="respond_by")
    model = RectificationNotice if kind == NoticeKind.RECTIFICATION else TerminationNotice
    notice = model(
        number=next_number("NTC"),
        contract=contract,
        kind=kind,
        clause=clause.strip(),
        facts=facts.strip(),
        found_on=found_on,
        demand=demand.strip(),
        respond_by=respond_by,
    )
    notice.stamp(actor)
    notice.save()
    approvals.submit(document=notice, actor=actor)
    return notice


def notice_finished(*, notice, outcome: str, actor: User) -> None:
    notice.status = state_for_outcome(outcome)
    if outcome == "approved":
        notice.issued_at = timezone.now()
        if notice.kind == NoticeKind.TERMINATION:
            start_exit(actor=actor, contract=notice.contract, due=today() + dt.timedelta(days=30), checked=False)
    notice.stamp(actor)
    notice.save()


@transaction.atomic
def vendor_answers_notice(*, actor: User, notice, response: str):
    """The vendor's site manager answers a notice in the portal (its remedy, or its objection)."""
    notice = type(notice).objects.select_for_update().select_related("contract").get(pk=notice.pk)
    if not actor.has_perm("contracts.answer_notice", notice):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the contracted vendor answers its notices."), status=403)
    if notice.status != ApprovalState.APPROVED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This notice has not been issued."))
    if notice.vendor_responded_at is not None:  # the formal answer stands; a later word is a new exchange
        raise Conflict(ErrorCode.WRONG_STATUS, _("Your company has already answered this notice."))
    _required(response=response)
    notice.vendor_response = response.strip()
    notice.vendor_responded_at = timezone.now()
    notice.save(update_fields=["vendor_response", "vendor_responded_at", "updated_at"])
    return notice


# ---------------------------------------------------------------------------------------------------
# Exit and handover (CON-8)

DEFAULT_EXIT_ITEMS = [
    (ExitCategory.KNOWLEDGE, "移交服务文档、数据、流程说明与未结工单"),
    (ExitCategory.ASSETS, "收回门禁卡、钥匙、工牌与公司设备"),
    (ExitCategory.ACCESS, "关闭全部系统、网络与区域权限（最后工作日当天）"),
    (ExitCategory.SETTLEMENT, "完成最终结算，确认无拖欠工资与社保"),
]


@transaction.atomic
def start_exit(*, actor: User, contract: Contract, due: dt.date, checked: bool = True) -> Contract:
    """Open the exit and handover plan with its four kinds of item (knowledge, assets, access, settlement)."""
    if checked:
        _check_exit_runner(actor, contract.project)
    contract = Contract.objects.select_for_update().select_related("project", "vendor").get(pk=contract.pk)
    if contract.status == ContractStatus.EXITING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The exit has already started."))
    if not may_move(contract.status, ContractStatus.EXITING):  # from in force or suspended (CON-10)
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("The contract is %(status)s: nothing can be changed on it.") % {"status": contract.get_status_display()},
        )
    if due is None:
        raise RuleViolation(ErrorCode.DATES, _("Set the last day of the service."), field="due")
    CONTRACT_STATES.move(contract, ContractStatus.EXITING)
    contract.stamp(actor)
    contract.save()
    for category, description in DEFAULT_EXIT_ITEMS:
        item = ExitItem(contract=contract, category=category, description=description, due_date=due)
        item.stamp(actor)
        item.save()
    return contract


@transaction.atomic
def add_exit_item(*, actor: User, contract: Contract, category: str, description: str, due_date: dt.date) -> ExitItem:
    _check_exit_runner(actor, contract.project)
    contract = _live(contract)
    if contract.status != ContractStatus.EXITING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Start the exit first."))
    if category not in ExitCategory.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of item."), field="category")
    _required(description=description)
    if due_date is None:
        raise RuleViolation(ErrorCode.DATES, _("Set when it is due."), field="due_date")
    item = ExitItem(contract=contract, category=category, description=description.strip(), due_date=due_date)
    item.stamp(actor)
    item.save()
    return item


@transaction.atomic
def complete_exit_item(*, actor: User, item: ExitItem, evidence: str) -> ExitItem:
    item = ExitItem.objects.select_for_update(of=("self",)).select_related("contract__project").get(pk=item.pk)
    _check_exit_runner(actor, item.contract.project)
    if not item.is_open:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This item is already done."))
    _required(evidence=evidence)
    closing.refuse_while_open(item.contract, category=item.category)  # e.g. access while people still hold it
    item.done_at = timezone.now()
    item.done_by = actor
    item.evidence = evidence.strip()
    item.stamp(actor)
    item.save()
    return item


@transaction.atomic
def close_contract(*, actor: User, contract: Contract) -> Contract:
    """Close a contract whose exit plan is done and whose closing checks are clear (CON-8): any open item,
    any worker still on site or holding access or a card, an open final settlement refuses it, named."""
    contract = _live(contract)
    check_drafter(actor, contract.project, _("Procurement, HR, legal or the project's own department close it."))
    if not may_move(contract.status, ContractStatus.CLOSED):  # only from the exit (models.TRANSITIONS)
        raise Conflict(ErrorCode.WRONG_STATUS, _("A contract closes after its exit and handover plan."))
    closing.refuse_while_open(contract)  # the exit plan's open items first, then every app's checks
    CONTRACT_STATES.move(contract, ContractStatus.CLOSED)
    contract.closed_at = timezone.now()
    contract.stamp(actor)
    contract.save()
    return contract
