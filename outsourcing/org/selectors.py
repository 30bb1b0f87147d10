"""Every read of the organisation that pages and the API need, at a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from outsourcing.org.models import (
    AuthorityMatrixVersion,
    AuthorityRule,
    Department,
    RoleAssignment,
    User,
)


@dataclass
class DepartmentNode:
    department: Department
    depth: int
    member_count: int = 0
    children: list[DepartmentNode] = field(default_factory=list)


def department_tree(*, include_inactive: bool = True) -> list[DepartmentNode]:
    """The whole tree, depth-first in display order, one query."""
    # Meta.ordering does not apply to aggregated queries: order explicitly.
    departments = (
        Department.objects.select_related("parent")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
        .order_by("sort_order", "code")
    )
    if not include_inactive:
        departments = departments.filter(is_active=True)
    by_parent: dict[int | None, list[Department]] = {}
    for department in departments:
        by_parent.setdefault(department.parent_id, []).append(department)

    flat: list[DepartmentNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for department in by_parent.get(parent_id, []):
            node = DepartmentNode(department=department, depth=depth, member_count=department.member_count)
            flat.append(node)
            walk(department.pk, depth + 1)

    walk(None, 0)
    return flat


def department_choices(*, exclude: Department | None = None) -> list[tuple[int, str]]:
    """Active departments indented by depth, for select boxes; `exclude` drops a subtree."""
    choices = []
    skip_depth = None
    for node in department_tree(include_inactive=False):
        if skip_depth is not None and node.depth > skip_depth:
            continue
        skip_depth = None
        if exclude is not None and node.department.pk == exclude.pk:
            skip_depth = node.depth
            continue
        choices.append((node.department.pk, "　" * node.depth + node.department.name))
    return choices


def users_list(*, search: str = "", department_id: int | None = None, role: str = "", kind: str = "") -> QuerySet:
    users = User.objects.select_related("department").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("department"))
    )
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(full_name__icontains=search) | Q(email__icontains=search)
        )
    if department_id:
        users = users.filter(department_id=department_id)
    if role:
        users = users.filter(role_assignments__role=role).distinct()
    if kind:
        users = users.filter(kind=kind)
    return users.order_by("username")


def department_members(*, department: Department) -> QuerySet:
    return users_list(department_id=department.pk)


def current_authority_matrix() -> AuthorityMatrixVersion | None:
    return (
        AuthorityMatrixVersion.objects.select_related("created_by")
        .prefetch_related("rules")
        .order_by("-number")
        .first()
    )


def authority_matrix_versions() -> QuerySet:
    return (
        AuthorityMatrixVersion.objects.select_related("created_by")
        .annotate(rule_count=Count("rules"))
        .order_by("-number")
    )


def authority_matrix_version(*, number: int) -> AuthorityMatrixVersion:
    return AuthorityMatrixVersion.objects.select_related("created_by").prefetch_related("rules").get(number=number)


def required_approval_levels(
    *, document_type: str, amount: Decimal, version: AuthorityMatrixVersion | None = None
) -> set[str]:
    """The approval levels (role codes) the matrix requires for a document of this type and amount.

    Uses the current version unless a version is given (a running approval keeps the version it
    started under).
    """
    version = version or current_authority_matrix()
    if version is None:
        return set()
    rules = AuthorityRule.objects.filter(version=version, document_type=document_type)
    return {rule.approval_level for rule in rules if rule.covers(amount)}


def department_role_holders(*, department: Department) -> QuerySet:
    """Who holds a department-scoped role for this department itself (heads, project owners)."""
    return (
        RoleAssignment.objects.filter(department=department).select_related("user").order_by("role", "user__username")
    )


def users_without_role() -> QuerySet:
    return User.objects.filter(is_active=True, role_assignments__isnull=True)


def subtree_ids(department_ids: set[int]) -> set[int]:
    """The given departments and every department under them (one query for the whole tree)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Department.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(department_ids)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found
