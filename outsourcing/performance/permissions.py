"""Who may see and do what in performance management; pages, API and templates ask these rules.

The administrator or HR keeps the KPI library. The project's department (its owner and head) and HR write a
contract's SLA, enter the company's figures and evaluate; the project owner resolves a dispute, naming the HR
person it was settled with. Company-wide readers read everything. A vendor user reads only its own contracts'
SLAs, figures, evaluations and plans, submits the figures the vendor owes, and its site managers confirm or
dispute evaluations and write rectification plans (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_admin, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of


def contract_of(obj):
    """The contract a performance record belongs to (the record itself when it is one)."""
    if obj is None:
        return None
    if hasattr(obj, "evaluation") and not hasattr(obj, "contract"):  # an evaluation item
        return obj.evaluation.contract
    if hasattr(obj, "pip") and not hasattr(obj, "contract"):  # a milestone
        return obj.pip.contract
    return getattr(obj, "contract", obj)


@rules.predicate
def of_my_department(user, obj) -> bool:
    contract = contract_of(obj)
    if contract is None or not hasattr(contract, "project"):
        return False
    department = contract.project.department
    return holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department)


@rules.predicate
def owner_of(user, obj) -> bool:
    contract = contract_of(obj)
    return contract is not None and hasattr(contract, "project") and holds_role_for(
        user, Role.REQUESTER, contract.project.department)  # fmt: skip


@rules.predicate
def own_vendor(user, obj) -> bool:
    own = vendor_id_of(user)
    contract = contract_of(obj)
    return own is not None and contract is not None and getattr(contract, "vendor_id", None) == own


@rules.predicate
def is_site_manager(user) -> bool:
    return holds_role(user, Role.VENDOR_MANAGER)


@rules.predicate
def evaluation_published(user, evaluation) -> bool:
    return evaluation is not None and getattr(evaluation, "status", "") == "published"


@rules.predicate
def evaluation_disputed(user, evaluation) -> bool:
    return evaluation is not None and getattr(evaluation, "status", "") == "disputed"


@rules.predicate
def evaluation_draft(user, evaluation) -> bool:
    return evaluation is not None and getattr(evaluation, "status", "") == "draft"


@rules.predicate
def plan_open(user, plan) -> bool:
    return plan is not None and getattr(plan, "status", "") in ("requested", "returned")


@rules.predicate
def plan_submitted(user, plan) -> bool:
    return plan is not None and getattr(plan, "status", "") == "submitted"


@rules.predicate
def pip_open(user, pip) -> bool:
    return pip is not None and getattr(pip, "status", "") in ("open", "extended")


is_hr = has_role(Role.HR)
department_people = has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)
site_manager_of = is_vendor_user & is_site_manager & own_vendor
reader = (is_internal & (reads_all_contracts | of_my_department)) | (is_vendor_user & own_vendor)
runs_service = is_internal & (is_hr | of_my_department)

rules.add_perm("performance.view_performance", (is_internal & (reads_all_contracts | department_people))
               | is_vendor_user)  # fmt: skip
rules.add_perm("performance.read_record", reader)
rules.add_perm("performance.view_kpis", is_internal)
rules.add_perm("performance.manage_kpis", is_internal & (is_admin | is_hr))
rules.add_perm("performance.draft_slas", is_internal & (is_hr | department_people))  # the gate; each: runs_service
rules.add_perm("performance.draft_sla", runs_service)
rules.add_perm("performance.enter_values", (is_internal & (is_hr | department_people)) | is_vendor_user)
rules.add_perm("performance.enter_value", runs_service | (is_vendor_user & own_vendor))
rules.add_perm("performance.evaluate", runs_service)
rules.add_perm("performance.publish_evaluation", runs_service & evaluation_draft)
rules.add_perm("performance.answer_evaluation", site_manager_of & evaluation_published)
rules.add_perm("performance.resolve_dispute", is_internal & owner_of & evaluation_disputed)
rules.add_perm("performance.submit_plan", site_manager_of & plan_open)
rules.add_perm("performance.decide_plan", runs_service & plan_submitted)
rules.add_perm("performance.manage_pip", runs_service & pip_open)
rules.add_perm("performance.decide_pool_proposal", is_internal & is_hr)  # PRF-9 → VEN-5
rules.add_perm("performance.report_period", site_manager_of)  # the vendor's report and feedback (PRF-5, PRF-8)
# Files, by the attachments engine's convention: the vendor's period report carries its annexes (PRF-5), added by
# the vendor's site manager, read by whoever reads the contract's performance.
rules.add_perm("performance.view_vendorreport", reader)
rules.add_perm("performance.attach_vendorreport", site_manager_of)
rules.add_perm("performance.view_feedback", is_vendor_user | (is_internal & (is_hr | has_role(Role.AUDITOR)
                                                                            | department_people)))  # fmt: skip


def available_actions(user, record) -> list[str]:
    """The actions the user may take on an evaluation, a rectification plan or a PIP now (pages and API)."""
    from outsourcing.performance.models import Evaluation, Pip, RectificationPlan

    checks: dict[str, str] = {}
    if isinstance(record, Evaluation):
        checks = {"publish": "performance.publish_evaluation", "answer": "performance.answer_evaluation",
                  "resolve": "performance.resolve_dispute"}  # fmt: skip
    elif isinstance(record, RectificationPlan):
        checks = {"submit": "performance.submit_plan", "decide": "performance.decide_plan"}
    elif isinstance(record, Pip):
        checks = {"manage": "performance.manage_pip"}
    return [name for name, perm in checks.items() if user.has_perm(perm, record)]
