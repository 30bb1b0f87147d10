"""Who may do what with the organisation, and the role predicates every app shares.

Pages, the API and templates all ask `user.has_perm("org.…")` (django-rules), so the answer is the
same everywhere. Other apps build their own rules from the predicates here.
"""

from __future__ import annotations

import rules

from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, Role, UserKind


def holds_role(user, role: str) -> bool:
    """True if the user holds `role` in any scope."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return role in user.role_codes


def department_ancestor_ids(department) -> list[int]:
    """The department itself and each department above it, nearest first."""
    ids = []
    seen = set()
    node = department
    while node is not None and node.pk not in seen:
        ids.append(node.pk)
        seen.add(node.pk)
        node = node.parent
    return ids


def holds_role_for(user, role: str, department) -> bool:
    """True if the user holds `role` for `department`.

    A company-wide assignment covers every department; a department-scoped one covers that
    department and every department under it. Department-scoped roles never hold company-wide.
    """
    if not holds_role(user, role):
        return False
    assignments = [a for a in user.role_assignments_cached if a.role == role]
    if any(a.department_id is None for a in assignments) and role not in DEPARTMENT_SCOPED_ROLES:
        return True
    if department is None:
        return False
    covered = set(department_ancestor_ids(department))
    return any(a.department_id in covered for a in assignments)


def has_role(role: str):
    """A rules predicate: the user holds `role` somewhere."""

    @rules.predicate(name=f"has_role:{role}")
    def predicate(user) -> bool:
        return holds_role(user, role)

    return predicate


@rules.predicate
def is_internal(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.kind == UserKind.INTERNAL)


@rules.predicate
def is_vendor_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.kind == UserKind.VENDOR)


is_admin = has_role(Role.ADMIN)
is_hr = has_role(Role.HR)
is_auditor = has_role(Role.AUDITOR)
is_management = has_role(Role.MANAGEMENT)
is_finance = has_role(Role.FINANCE)


@rules.predicate
def heads_department(user, department) -> bool:
    """The user is the head of this department or of one above it."""
    return holds_role_for(user, Role.DEPT_HEAD, department)


# Organisation pages and API.
rules.add_perm("org.manage_organisation", is_internal & is_admin)
rules.add_perm("org.view_organisation", is_internal)
rules.add_perm("org.view_authority_matrix", is_internal)
rules.add_perm("org.manage_authority_matrix", is_internal & is_admin)
# Lifting a login lock (security finding 2).
rules.add_perm("org.unlock_accounts", is_internal & (is_hr | is_admin))
# Acting as department head for a department (approving its items): only for one's own tree.
rules.add_perm("org.act_as_department_head", is_internal & heads_department)
# The direct-management screen's terms (core.screening, OPS-2): HR keeps them; every staff member may read them.
rules.add_perm("core.view_screen_terms", is_internal)
rules.add_perm("core.manage_screen_terms", is_internal & (is_hr | is_admin))
