"""Who may see and do what in partnership; pages, API and templates ask these rules.

A vendor's users propose improvements under their own contracts in the portal and read their own proposals,
joint projects, awards and relationship plan. The project's department (its owner and head) answers a proposal,
adopts it with the gain-sharing terms and measures the realised saving; finance confirms the saving, which pays
the share through the settlement (PTN-2). HR keeps the pool: it proposes awards and strategic-tier changes, which
management decides through the approval engine; HR and management run joint projects and relationship plans.
Company-wide readers read everything (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of


def _contract(obj):
    if obj is None:
        return None
    if getattr(getattr(obj, "_meta", None), "model_name", "") == "realisedbenefit":
        return obj.proposal.contract
    return getattr(obj, "contract", obj)


def _vendor_id(obj) -> int | None:
    if obj is None:
        return None
    if getattr(getattr(obj, "_meta", None), "model_name", "") == "vendor":
        return obj.pk
    if hasattr(obj, "vendor_id"):
        return obj.vendor_id
    contract = _contract(obj)
    return getattr(contract, "vendor_id", None)


@rules.predicate
def of_my_department(user, obj) -> bool:
    contract = _contract(obj)
    if contract is None or not hasattr(contract, "project"):
        return False
    department = contract.project.department
    return holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department)


@rules.predicate
def own_vendor(user, obj) -> bool:
    own = vendor_id_of(user)
    return own is not None and _vendor_id(obj) == own


is_hr = has_role(Role.HR)
is_finance = has_role(Role.FINANCE)
is_management = has_role(Role.MANAGEMENT)
department_people = has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)
keeps_pool = is_internal & (is_hr | is_management)
proposal_reader = (is_internal & (reads_all_contracts | of_my_department)) | (is_vendor_user & own_vendor)
vendor_reader = is_internal | (is_vendor_user & own_vendor)

rules.add_perm("partnership.view_partnership", is_internal | is_vendor_user)
rules.add_perm("partnership.view_proposals", (is_internal & (reads_all_contracts | department_people))
               | is_vendor_user)  # fmt: skip
rules.add_perm("partnership.read_proposal", proposal_reader)
rules.add_perm("partnership.submit_proposals", is_vendor_user)  # the gate; each contract: submit_proposal
rules.add_perm("partnership.submit_proposal", is_vendor_user & own_vendor)
rules.add_perm("partnership.answer_proposal", is_internal & of_my_department)
rules.add_perm("partnership.measure_benefit", is_internal & of_my_department)
rules.add_perm("partnership.confirm_benefit", is_internal & is_finance)
rules.add_perm("partnership.read_vendor_record", vendor_reader)  # joint projects, approved awards, the plan
rules.add_perm("partnership.run_joint_projects", keeps_pool | (is_internal & department_people))
rules.add_perm("partnership.propose_awards", keeps_pool)
rules.add_perm("partnership.propose_tier_changes", keeps_pool)
rules.add_perm("partnership.keep_plans", keeps_pool)
# Files, by the attachments engine's convention: the vendor's evidence with its proposal while it is open.
rules.add_perm("partnership.view_proposal", proposal_reader)
rules.add_perm("partnership.attach_proposal", is_vendor_user & own_vendor)


def available_actions(user, proposal) -> list[str]:
    from outsourcing.partnership.models import PROPOSAL_MACHINE, ProposalStatus

    actions = []
    if user.has_perm("partnership.answer_proposal", proposal):
        stages = ("screened", "piloted", "adopted", "declined")
        actions += [s for s in stages if PROPOSAL_MACHINE.may(proposal.status, s)]
        if proposal.status == ProposalStatus.ADOPTED:
            actions.append("measure")
    if proposal.status == ProposalStatus.ADOPTED and user.has_perm("partnership.confirm_benefit", proposal):
        actions.append("confirm")
    return actions
