"""Who may see and do what in daily operations; pages, API and templates ask these rules.

The project's department (its owner and head) runs the service: it issues instructions to the vendor's
site manager, holds the kick-off and the meetings. HR may hold kick-offs and meetings too (QBRs). Company-wide
readers read everything. A vendor user reads only its own contracts' records; its site managers acknowledge
and complete instructions; an action item's owner closes it (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.operations.models import ActionStatus, InstructionStatus
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of


def contract_of(obj):
    """The contract an operations record belongs to (the record itself when it is one)."""
    if obj is None:
        return None
    if hasattr(obj, "meeting"):  # an action item
        return obj.meeting.contract
    return getattr(obj, "contract", obj)


@rules.predicate
def of_my_department(user, obj) -> bool:
    contract = contract_of(obj)
    if contract is None:
        return False
    department = contract.project.department
    return holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department)


@rules.predicate
def own_vendor(user, obj) -> bool:
    own = vendor_id_of(user)
    contract = contract_of(obj)
    return own is not None and contract is not None and contract.vendor_id == own


@rules.predicate
def is_site_manager(user) -> bool:
    return holds_role(user, Role.VENDOR_MANAGER)


@rules.predicate
def instruction_issued(user, instruction) -> bool:
    return instruction is not None and instruction.status == InstructionStatus.ISSUED


@rules.predicate
def instruction_acknowledged(user, instruction) -> bool:
    return instruction is not None and instruction.status == InstructionStatus.ACKNOWLEDGED


@rules.predicate
def instruction_open(user, instruction) -> bool:
    return instruction is not None and instruction.status != InstructionStatus.COMPLETED


@rules.predicate
def owns_item(user, item) -> bool:
    return item is not None and item.owner_id == getattr(user, "pk", None)


@rules.predicate
def item_open(user, item) -> bool:
    return item is not None and item.status == ActionStatus.OPEN


is_hr = has_role(Role.HR)
department_people = has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)
site_manager_of = is_vendor_user & is_site_manager & own_vendor
reader = (is_internal & (reads_all_contracts | of_my_department)) | (is_vendor_user & own_vendor)
runs_meetings = is_internal & (is_hr | of_my_department)

rules.add_perm("operations.view_operations", (is_internal & (reads_all_contracts | department_people))
               | is_vendor_user)  # fmt: skip
rules.add_perm("operations.read_record", reader)
rules.add_perm("operations.issue_instructions", is_internal & department_people)  # the gate; each: of_my_department
rules.add_perm("operations.issue_instruction", is_internal & of_my_department)
rules.add_perm("operations.answer_instruction", site_manager_of)  # the service's door; the two below add the state
rules.add_perm("operations.acknowledge_instruction", site_manager_of & instruction_issued)
rules.add_perm("operations.complete_instruction", site_manager_of & instruction_acknowledged)
rules.add_perm("operations.hold_meetings", is_internal & (is_hr | department_people))  # the gate
rules.add_perm("operations.hold_meeting", runs_meetings)
rules.add_perm("operations.close_action_item", item_open & ((owns_item & reader) | runs_meetings))
# Files, by the attachments engine's convention: the issuer's papers while the instruction is open, the site
# manager's evidence with the completion report; the minutes of a meeting from who runs it.
rules.add_perm("operations.view_workinstruction", reader)
rules.add_perm("operations.attach_workinstruction", instruction_open & ((is_internal & of_my_department)
               | site_manager_of))  # fmt: skip
rules.add_perm("operations.view_meeting", reader)
rules.add_perm("operations.attach_meeting", runs_meetings)
rules.add_perm("operations.view_kickoff", reader)
rules.add_perm("operations.attach_kickoff", runs_meetings)


def available_actions(user, record) -> list[str]:
    """The actions the user may take on an instruction, a meeting or an action item now (pages and API)."""
    from outsourcing.operations.models import ActionItem, Meeting, WorkInstruction

    checks: dict[str, str] = {}
    if isinstance(record, WorkInstruction):
        checks = {"acknowledge": "operations.acknowledge_instruction", "complete": "operations.complete_instruction"}
    elif isinstance(record, Meeting):
        checks = {"record_minutes": "operations.hold_meeting", "add_action_item": "operations.hold_meeting"}
    elif isinstance(record, ActionItem):
        checks = {"close": "operations.close_action_item"}
    return [name for name, perm in checks.items() if user.has_perm(perm, record)]
