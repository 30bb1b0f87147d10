"""Who may see and do what with contracts; pages, API and templates ask these rules.

Company-wide reviewers read every contract; the project's department reads its own. Procurement, HR,
legal and the project's owners draft and amend; each co-reviewer ticks their own checklist; legal or
procurement records the signing and seal. A vendor user reads only its own company's contracts, and
may only confirm its signature, answer notices and record workers' certificates (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts import textscreen
from outsourcing.contracts.models import ContractStatus as S
from outsourcing.contracts.models import PostProjectEvaluation
from outsourcing.contracts.models_ending import RequestStatus
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of

COMPANY_WIDE = (Role.HR, Role.PROCUREMENT, Role.MANAGEMENT, Role.LEGAL, Role.FINANCE, Role.AUDITOR, Role.ADMIN)


def _contract(obj):
    return getattr(obj, "contract", obj)


@rules.predicate
def reads_all_contracts(user) -> bool:
    return any(holds_role(user, role) for role in COMPANY_WIDE)


@rules.predicate
def of_my_department(user, obj) -> bool:
    contract = _contract(obj)
    if contract is None:
        return False
    department = contract.project.department
    return holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department)


def _vendor_id(obj) -> int | None:
    if hasattr(obj, "vendor_id"):  # a contract or a confidentiality agreement
        return obj.vendor_id
    contract = getattr(obj, "contract", None)  # a notice, a certificate
    return contract.vendor_id if contract is not None else None


@rules.predicate
def own_vendor_contract(user, obj) -> bool:
    own = vendor_id_of(user)
    return own is not None and obj is not None and _vendor_id(obj) == own


@rules.predicate
def drafts_for_project(user, project) -> bool:
    """Company-wide drafters (procurement, HR, legal) draft for every project; a project owner only for
    a project of their own department (ORG-1: writes are scoped as reads are)."""
    if project is None:
        return False
    if any(holds_role(user, role) for role in (Role.PROCUREMENT, Role.HR, Role.LEGAL)):
        return True
    return holds_role_for(user, Role.REQUESTER, project.department)


drafter = is_internal & (
    has_role(Role.PROCUREMENT) | has_role(Role.HR) | has_role(Role.LEGAL) | has_role(Role.REQUESTER)
)

rules.add_perm("contracts.view_contracts", is_internal & (reads_all_contracts | has_role(Role.REQUESTER)
               | has_role(Role.DEPT_HEAD)))  # fmt: skip
rules.add_perm("contracts.view_contract", (is_internal & (reads_all_contracts | of_my_department))
               | (is_vendor_user & own_vendor_contract))  # fmt: skip
rules.add_perm("contracts.draft_contracts", drafter)  # the gate; each project: contracts.draft_for_project
rules.add_perm("contracts.draft_for_project", drafter & drafts_for_project)
rules.add_perm("contracts.approve_justification", is_internal & has_role(Role.HR))
# HR's reviewer answers the co-review's warning on the contract's text (issue 15, loophole 8).
rules.add_perm("contracts.answer_text_warning", is_internal & has_role(Role.HR))
rules.add_perm("contracts.sign_contracts", is_internal & (has_role(Role.LEGAL) | has_role(Role.PROCUREMENT)))
rules.add_perm("contracts.manage_agreements", is_internal & (has_role(Role.LEGAL) | has_role(Role.HR)
               | has_role(Role.FINANCE)))  # fmt: skip
rules.add_perm("contracts.manage_templates", is_internal & (has_role(Role.LEGAL) | has_role(Role.ADMIN)))
rules.add_perm("contracts.draft_notices", is_internal & (has_role(Role.HR) | has_role(Role.LEGAL) | of_my_department))
rules.add_perm("contracts.answer_notice", is_vendor_user & own_vendor_contract)
rules.add_perm("contracts.use_portal", is_vendor_user)
rules.add_perm("contracts.list_contracts", is_internal | is_vendor_user)  # the gate; each: contracts.view_contract
# Files, by the attachments engine's convention.
rules.add_perm("contracts.attach_contract", drafter)
rules.add_perm("contracts.view_confidentialityagreement", is_internal | (is_vendor_user & own_vendor_contract))
rules.add_perm("contracts.attach_confidentialityagreement", is_internal & (has_role(Role.LEGAL) | has_role(Role.HR)))
rules.add_perm("contracts.view_breachnotice", (is_internal & (reads_all_contracts | of_my_department))
               | (is_vendor_user & own_vendor_contract))  # fmt: skip
rules.add_perm("contracts.attach_breachnotice", is_internal & (has_role(Role.HR) | has_role(Role.LEGAL)))
rules.add_perm("contracts.approve_templates", is_internal & has_role(Role.LEGAL))
# CON-10: the vendor asks to terminate its own contract in the portal; legal reviews the request.
rules.add_perm("contracts.request_termination", is_vendor_user & own_vendor_contract)
rules.add_perm("contracts.review_termination_request", is_internal & has_role(Role.LEGAL))


def available_actions(user, contract) -> list[str]:
    """Which actions `user` may take on `contract` now: the contract page shows the matching forms, the API lists
    them (`available_actions`), so both answer the same question the same way."""
    if not user.has_perm("contracts.view_contract", contract):
        return []
    internal = not user.is_vendor_user
    drafter = user.has_perm("contracts.draft_for_project", contract.project)
    status = contract.status
    pending = contract.termination_requests.filter(status=RequestStatus.SUBMITTED).exists()
    warned = internal and textscreen.may_answer(user, contract) and bool(textscreen.warnings_for(contract))
    wanted = {
        "edit_clauses": drafter and contract.is_editable,
        "sign": user.has_perm("contracts.sign_contracts") and status == S.APPROVED,
        "archive": user.has_perm("contracts.sign_contracts") and status == S.ACTIVE,
        "add_agreement": user.has_perm("contracts.manage_agreements") and internal,
        "add_bond": user.has_perm("contracts.manage_agreements") and status in (S.APPROVED, S.ACTIVE),
        "amend": drafter and status == S.ACTIVE,
        "decide_renewal": internal and status == S.ACTIVE and (contract.project.owner_id == user.pk or drafter)
        and not contract.renewal_decisions.filter(status=ApprovalState.IN_APPROVAL).exists(),
        "draft_notice": user.has_perm("contracts.draft_notices", contract) and status == S.ACTIVE,
        "start_exit": drafter and status in (S.ACTIVE, S.SUSPENDED),
        "add_exit_item": drafter and status == S.EXITING,
        "answer_text_warning": warned and not textscreen.is_answered(contract),
        "suspend": drafter and status == S.ACTIVE,
        "resume": drafter and status == S.SUSPENDED,
        "request_termination": user.has_perm("contracts.request_termination", contract) and not pending
        and status in (S.ACTIVE, S.SUSPENDED),
        "review_termination_request": pending and user.has_perm("contracts.review_termination_request"),
        "evaluate_project": drafter and status in (S.EXITING, S.CLOSED)
        and not PostProjectEvaluation.objects.filter(contract=contract).exists(),
        "confirm_signature": user.is_vendor_user and not contract.vendor_signed_at and status in (S.APPROVED, S.ACTIVE),
    }  # fmt: skip
    return [name for name, shown in wanted.items() if shown]

