"""Who may see and do what with demands and projects (pages, API and templates ask these rules).

Company-wide reviewers (HR, finance, legal, procurement, management, audit, administrators) see every
demand; project owners and department heads see their departments' (and the departments under them);
vendor users see none.
"""

import rules

from outsourcing.demands.models import EDITABLE_STATUSES, DemandStatus
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role_for, is_internal

is_company_wide_reader = (
    has_role(Role.HR)
    | has_role(Role.FINANCE)
    | has_role(Role.LEGAL)
    | has_role(Role.PROCUREMENT)
    | has_role(Role.MANAGEMENT)
    | has_role(Role.AUDITOR)
    | has_role(Role.ADMIN)
)
is_requester = has_role(Role.REQUESTER)


@rules.predicate
def covers_department(user, document) -> bool:
    if document is None:
        return False
    return holds_role_for(user, Role.REQUESTER, document.department) or holds_role_for(
        user, Role.DEPT_HEAD, document.department
    )


@rules.predicate
def is_author(user, demand) -> bool:
    return demand is not None and demand.requester_id == user.pk


@rules.predicate
def is_editable(user, demand) -> bool:
    return demand is not None and demand.status in EDITABLE_STATUSES


@rules.predicate
def is_in_approval(user, demand) -> bool:
    return demand is not None and demand.status == DemandStatus.IN_APPROVAL


can_view = is_internal & (is_company_wide_reader | covers_department | is_author)

rules.add_perm("demands.view_demands", is_internal & (is_company_wide_reader | is_requester | has_role(Role.DEPT_HEAD)))
rules.add_perm("demands.view_demand", can_view)
rules.add_perm("demands.add_demand", is_internal & is_requester)
rules.add_perm("demands.change_demand", is_internal & is_author & is_editable)
rules.add_perm("demands.attach_demand", is_internal & is_author & is_editable)
rules.add_perm("demands.confirm_nature", is_internal & has_role(Role.HR) & is_in_approval)
rules.add_perm("demands.view_selfcheck", is_internal & (is_company_wide_reader | covers_department | is_author))
rules.add_perm("demands.view_project", can_view)
