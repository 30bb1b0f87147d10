"""Co-review of a contract (会审, CON-3): legal, HR, finance and the business department review in
parallel, each with its own checklist ticked before approving; management approves by authority."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.approvals import selectors as approval_selectors
from outsourcing.approvals.states import state_for_outcome
from outsourcing.contracts import textscreen
from outsourcing.contracts.drafting import signing_blockers
from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import CONTRACT_STATES, Contract, ContractStatus, ReviewCheck
from outsourcing.contracts.models import REVIEW_CHECKLISTS as CHECKLISTS
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.text import join_names
from outsourcing.org.models import Role, User
from outsourcing.org.permissions import holds_role, holds_role_for


def review_round(contract: Contract) -> int:
    request = approval_selectors.request_for(contract)
    return request.round if request else 1


def _reviewer_role(user: User, contract: Contract) -> str | None:
    """The co-review role `user` holds for this contract (the business review: the project's department)."""
    for role in (Role.LEGAL, Role.HR, Role.FINANCE):
        if holds_role(user, role):
            return role
    if holds_role_for(user, Role.REQUESTER, contract.project.department):
        return Role.REQUESTER
    return None


@transaction.atomic
def check_items(*, actor: User, contract: Contract, items: list[str], note: str = "") -> list[ReviewCheck]:
    """A reviewer ticks items of their checklist for the current round (with an optional comment)."""
    contract = Contract.objects.select_for_update().select_related("project__department").get(pk=contract.pk)
    if contract.status != ContractStatus.IN_REVIEW:
        raise Conflict(ErrorCode.NOT_IN_REVIEW, _("The checklists are ticked while the contract is in co-review."))
    role = _reviewer_role(actor, contract)
    if role is None or actor.pk == contract.created_by_id:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("You are not one of this contract's reviewers."), status=403)
    known = {code for code, _label in CHECKLISTS[role]}
    unknown = [item for item in items if item not in known]
    if unknown:
        raise RuleViolation(ErrorCode.UNKNOWN_ITEM, _("Not an item of your checklist: %(items)s.") % {
            "items": join_names(unknown)
        })  # fmt: skip
    current = review_round(contract)
    return [
        ReviewCheck.objects.get_or_create(
            contract=contract,
            round=current,
            role=role,
            item=item,
            defaults={"checked_by": actor, "note": (note or "").strip()},
        )[0]
        for item in items
    ]


def open_items(contract: Contract, role: str) -> list[str]:
    """The checklist items of `role` not yet ticked in the current round."""
    done = set(contract.review_checks.filter(round=review_round(contract), role=role).values_list("item", flat=True))
    return [str(label) for code, label in CHECKLISTS.get(role, []) if code not in done]


_approval_blocker_sources: list = []


def register_approval_blockers(source) -> None:
    """A later app adds `source(contract) -> [Reason]` to every approval step's blockers (e.g. settlements: an
    owner-role construction contract without its labour-cost terms, CST-2); each reason keeps its own app's code."""
    if source not in _approval_blocker_sources:
        _approval_blocker_sources.append(source)


def approval_blockers(*, contract: Contract, role: str) -> list[Reason]:
    """Why `role` may not approve now. HR with the text warning unanswered is refused outright with its own
    code (`text_warning_unanswered`, issue 15 loophole 8), so page and API can tell it from the other blockers."""
    if role == Role.HR:
        violation = textscreen.unanswered_violation(contract)
        if violation is not None:
            raise violation
    reasons = list(signing_blockers(contract))
    for source in _approval_blocker_sources:
        reasons += source(contract)
    if role in CHECKLISTS:
        remaining = open_items(contract, role)
        if remaining:
            reasons.append(
                Reason(
                    ErrorCode.CHECKLIST_OPEN,
                    _("Tick your checklist on the contract's page first: %(items)s.")
                    % {"items": join_names(remaining)},
                )
            )
    return reasons


def approval_finished(*, contract: Contract, outcome: str, actor: User) -> None:
    CONTRACT_STATES.move(contract, state_for_outcome(outcome))
    contract.stamp(actor)
    contract.save(update_fields=["status", "updated_by", "updated_at"])


def checklist_for(user: User, contract: Contract) -> dict | None:
    """The viewer's own checklist with what is ticked, or None if they are no reviewer."""
    role = _reviewer_role(user, contract)
    if role is None or contract.status != ContractStatus.IN_REVIEW or user.pk == contract.created_by_id:
        return None
    done = {
        c.item: c
        for c in contract.review_checks.filter(round=review_round(contract), role=role).select_related("checked_by")
    }
    return {
        "role": role,
        "label": Role(role).label,
        "items": [(code, label, done.get(code)) for code, label in CHECKLISTS[role]],
    }
