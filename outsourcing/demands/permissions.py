"""Who may see and do what with demands and projects (pages, API and templates ask these rules).

Company-wide reviewers (HR, finance, legal, procurement, management, audit, administrators) see every
demand; project owners and department heads see their departments' (and the departments under them);
a delegate sees what the approver they stand in for sees; vendor users see none.
"""

import rules

from outsourcing.approvals.selectors import principals_for
from outsourcing.approvals.states import ApprovalState
from outsourcing.demands.models import EDITABLE_STATUSES
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_internal

COMPANY_WIDE_READERS = (Role.HR, Role.FINANCE, Role.LEGAL, Role.PROCUREMENT, Role.MANAGEMENT, Role.AUDITOR, Role.ADMIN)


def reads_everything(person) -> bool:
    return any(holds_role(person, role) for role in COMPANY_WIDE_READERS)


def people_for(user) -> list:
    """The user and everyone they stand in for today (approval delegation)."""
    return principals_for(user) or [user]


@rules.predicate
def is_company_wide_reader(user) -> bool:
    return any(reads_everything(person) for person in people_for(user))


@rules.predicate
def covers_department(user, document) -> bool:
    if document is None:
        return False
    return any(
        holds_role_for(person, Role.REQUESTER, document.department)
        or holds_role_for(person, Role.DEPT_HEAD, document.department)
        for person in people_for(user)
    )


@rules.predicate
def is_author(user, demand) -> bool:
    return demand is not None and demand.requester_id == user.pk


@rules.predicate
def is_project_owner(user, project) -> bool:
    return project is not None and project.owner_id == user.pk


@rules.predicate
def is_editable(user, demand) -> bool:
    return demand is not None and demand.status in EDITABLE_STATUSES


@rules.predicate
def is_in_approval(user, demand) -> bool:
    return demand is not None and demand.status == ApprovalState.IN_APPROVAL


is_requester = has_role(Role.REQUESTER)

rules.add_perm("demands.view_demands", is_internal & (is_company_wide_reader | is_requester | has_role(Role.DEPT_HEAD)))
rules.add_perm("demands.view_demand", is_internal & (is_company_wide_reader | covers_department | is_author))
rules.add_perm("demands.add_demand", is_internal & is_requester)
rules.add_perm("demands.change_demand", is_internal & is_author & is_editable)
rules.add_perm("demands.attach_demand", is_internal & is_author & is_editable)
rules.add_perm("demands.confirm_nature", is_internal & has_role(Role.HR) & is_in_approval & ~is_author)
rules.add_perm("demands.view_project", is_internal & (is_company_wide_reader | covers_department | is_project_owner))
