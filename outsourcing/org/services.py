"""Every write to the organisation: departments, users, role assignments, the authority matrix."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import format_cny
from outsourcing.org.document_types import document_type_label, is_document_type
from outsourcing.org.errors import ErrorCode
from outsourcing.org.models import (
    APPROVAL_LEVEL_ROLES,
    DEPARTMENT_SCOPED_ROLES,
    VENDOR_ROLES,
    AuthorityMatrixVersion,
    AuthorityRule,
    Department,
    Role,
    RoleAssignment,
    User,
    UserKind,
)
from outsourcing.org.permissions import department_ancestor_ids
from outsourcing.org.tokens import revoke_all_tokens

# ---------------------------------------------------------------------------------------------------
# Departments


def _check_parent(department: Department | None, parent: Department | None) -> None:
    if parent is None or department is None or department.pk is None:
        return
    if department.pk in department_ancestor_ids(parent):
        raise RuleViolation(
            ErrorCode.DEPARTMENT_CYCLE,
            _("A department cannot be placed under itself or under one of its own sub-departments."),
            field="parent",
        )


def _check_code_free(code: str, *, exclude_pk: int | None = None) -> None:
    taken = Department.objects.filter(code__iexact=code)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise Conflict(
            ErrorCode.DEPARTMENT_CODE_TAKEN,
            _("The department code %(code)s is already used.") % {"code": code},
            field="code",
        )


@transaction.atomic
def create_department(
    *, actor: User, name: str, code: str, parent: Department | None = None, sort_order: int = 0
) -> Department:
    _check_code_free(code)
    department = Department(name=name.strip(), code=code.strip().upper(), parent=parent, sort_order=sort_order)
    department.stamp(actor)
    department.save()
    return department


@transaction.atomic
def update_department(
    *,
    actor: User,
    department: Department,
    name: str,
    code: str,
    parent: Department | None,
    sort_order: int = 0,
    is_active: bool = True,
) -> Department:
    department = Department.objects.select_for_update().get(pk=department.pk)
    _check_parent(department, parent)
    _check_code_free(code, exclude_pk=department.pk)
    in_use = department.children.filter(is_active=True).exists() or department.members.filter(is_active=True).exists()
    if not is_active and department.is_active and in_use:
        raise Conflict(
            ErrorCode.DEPARTMENT_IN_USE,
            _("A department with active sub-departments or active members cannot be deactivated."),
            field="is_active",
        )
    department.name = name.strip()
    department.code = code.strip().upper()
    department.parent = parent
    department.sort_order = sort_order
    department.is_active = is_active
    department.stamp(actor)
    department.save()
    return department


# ---------------------------------------------------------------------------------------------------
# Users and roles


@dataclass(frozen=True)
class RoleGrant:
    role: str
    department: Department | None = None


def _check_grants(kind: str, grants: Iterable[RoleGrant]) -> list[RoleGrant]:
    seen = set()
    checked = []
    for grant in grants:
        label = Role(grant.role).label
        if kind == UserKind.VENDOR and grant.role not in VENDOR_ROLES:
            raise RuleViolation(
                ErrorCode.ROLE_KIND, _("A vendor user can only hold the vendor site manager role."), field="roles"
            )
        if kind == UserKind.INTERNAL and grant.role in VENDOR_ROLES:
            raise RuleViolation(
                ErrorCode.ROLE_KIND, _("Company staff cannot hold the vendor site manager role."), field="roles"
            )
        if grant.role in DEPARTMENT_SCOPED_ROLES and grant.department is None:
            raise RuleViolation(
                ErrorCode.ROLE_SCOPE, _("The role %(role)s needs a department.") % {"role": label}, field="roles"
            )
        if grant.role not in DEPARTMENT_SCOPED_ROLES and grant.department is not None:
            raise RuleViolation(
                ErrorCode.ROLE_SCOPE,
                _("The role %(role)s is company-wide and takes no department.") % {"role": label},
                field="roles",
            )
        key = (grant.role, grant.department.pk if grant.department else None)
        if key in seen:
            raise RuleViolation(
                ErrorCode.ROLE_DUPLICATE, _("The role %(role)s is listed twice.") % {"role": label}, field="roles"
            )
        seen.add(key)
        checked.append(grant)
    return checked


def _replace_roles(*, actor: User, user: User, grants: list[RoleGrant]) -> None:
    wanted = {(g.role, g.department.pk if g.department else None): g for g in grants}
    for assignment in list(user.role_assignments.all()):
        if (assignment.role, assignment.department_id) not in wanted:
            assignment.delete()
        else:
            wanted.pop((assignment.role, assignment.department_id))
    for grant in wanted.values():
        assignment = RoleAssignment(user=user, role=grant.role, department=grant.department)
        assignment.stamp(actor)
        assignment.save()
    user.__dict__.pop("role_assignments_cached", None)


def _check_username_free(username: str, *, exclude_pk: int | None = None) -> None:
    taken = User.objects.filter(username__iexact=username)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise Conflict(
            ErrorCode.USERNAME_TAKEN,
            _("The username %(username)s is already taken.") % {"username": username},
            field="username",
        )


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise RuleViolation("password_invalid", " ".join(exc.messages), field="password") from exc


def _check_not_last_admin(user: User, *, grants: list[RoleGrant], is_active: bool) -> None:
    keeps_admin = is_active and any(g.role == Role.ADMIN for g in grants)
    if keeps_admin or Role.ADMIN not in user.role_codes:
        return
    others = RoleAssignment.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(user=user)
    if not others.exists():
        raise Conflict(ErrorCode.LAST_ADMIN, _("The last active administrator cannot lose the role."), field="roles")


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str,
    kind: str = UserKind.INTERNAL,
    email: str = "",
    department: Department | None = None,
    phone: str = "",
    title: str = "",
    roles: Iterable[RoleGrant] = (),
) -> User:
    username = username.strip()
    _check_username_free(username)
    grants = _check_grants(kind, roles)
    user = User(
        username=username,
        full_name=full_name.strip(),
        kind=kind,
        email=email.strip(),
        department=department,
        phone=phone.strip(),
        title=title.strip(),
    )
    _check_password(password, user)
    user.set_password(password)
    user.save()
    _replace_roles(actor=actor or user, user=user, grants=grants)
    return user


@transaction.atomic
def update_user(
    *,
    actor: User,
    user: User,
    full_name: str,
    email: str,
    department: Department | None,
    phone: str = "",
    title: str = "",
    is_active: bool = True,
    roles: Iterable[RoleGrant] = (),
) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    grants = _check_grants(user.kind, roles)
    _check_not_last_admin(user, grants=grants, is_active=is_active)
    user.full_name = full_name.strip()
    user.email = email.strip()
    user.department = department
    user.phone = phone.strip()
    user.title = title.strip()
    deactivated = user.is_active and not is_active
    user.is_active = is_active
    user.save()
    if deactivated:
        revoke_all_tokens(user=user)  # a deactivated account's tokens die with it (security finding 7)
    _replace_roles(actor=actor, user=user, grants=grants)
    return user


@transaction.atomic
def reset_password(*, actor: User, user: User, password: str) -> None:
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])


# ---------------------------------------------------------------------------------------------------
# Authority matrix


@dataclass(frozen=True)
class RuleDraft:
    document_type: str
    approval_level: str
    min_amount: Decimal
    max_amount: Decimal | None = None


def _check_matrix(drafts: list[RuleDraft]) -> None:
    if not drafts:
        raise RuleViolation(ErrorCode.MATRIX_EMPTY, _("The authority matrix needs at least one rule."))
    levels = {role.value for role in APPROVAL_LEVEL_ROLES}
    by_key: dict[tuple[str, str], list[RuleDraft]] = defaultdict(list)
    for draft in drafts:
        if not is_document_type(draft.document_type) or draft.approval_level not in levels:
            raise RuleViolation(ErrorCode.MATRIX_LEVEL, _("Unknown document type or approval level."))
        if draft.min_amount < 0 or (draft.max_amount is not None and draft.max_amount < 0):
            raise RuleViolation(ErrorCode.MATRIX_NEGATIVE, _("Thresholds cannot be negative."))
        if draft.max_amount is not None and draft.max_amount <= draft.min_amount:
            raise RuleViolation(
                ErrorCode.MATRIX_RANGE,
                _("The upper amount must be greater than the lower amount (%(low)s).")
                % {"low": format_cny(draft.min_amount)},
            )
        by_key[(draft.document_type, draft.approval_level)].append(draft)
    for (document_type, level), rows in by_key.items():
        rows.sort(key=lambda r: r.min_amount)
        for lower, upper in zip(rows, rows[1:], strict=False):
            if lower.max_amount is None or lower.max_amount > upper.min_amount:
                raise RuleViolation(
                    ErrorCode.MATRIX_OVERLAP,
                    _("The amount ranges for %(doc)s / %(level)s overlap (from %(a)s and from %(b)s).")
                    % {
                        "doc": document_type_label(document_type),
                        "level": Role(level).label,
                        "a": format_cny(lower.min_amount),
                        "b": format_cny(upper.min_amount),
                    },
                )


@transaction.atomic
def publish_authority_matrix(*, actor: User, rules: list[RuleDraft], note: str) -> AuthorityMatrixVersion:
    """Publish a new version of the matrix; earlier versions stay as they were, readable."""
    _check_matrix(rules)
    if not note.strip():
        raise RuleViolation("note_required", _("Say why the matrix changes."), field="note")
    # Lock the newest version row so two publishers cannot take the same number.
    list(AuthorityMatrixVersion.objects.select_for_update().order_by("-number")[:1])
    number = (AuthorityMatrixVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AuthorityMatrixVersion(number=number, note=note.strip())
    version.stamp(actor)
    version.save()
    # One save per rule, not bulk_create: bulk_create sends no signals, so the audit trail would miss them.
    for r in rules:
        AuthorityRule.objects.create(
            version=version,
            document_type=r.document_type,
            approval_level=r.approval_level,
            min_amount=r.min_amount,
            max_amount=r.max_amount,
        )
    return version
