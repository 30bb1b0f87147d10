"""ORG-1: users hold one or more roles; department-scoped roles name their department."""

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.org import services
from outsourcing.org.models import Department, Role, RoleAssignment, User, UserKind
from outsourcing.org.services import RoleGrant

pytestmark = pytest.mark.django_db


def test_a_user_may_hold_several_roles_with_scopes(demo):
    """ORG-1"""
    it, it_ops = Department.objects.get(code="IT"), Department.objects.get(code="IT-OPS")
    user = services.create_user(
        actor=demo.admin,
        username="multi",
        full_name="马超",
        password="Str0ng-pass-2026",
        department=it,
        roles=[RoleGrant(Role.DEPT_HEAD, it), RoleGrant(Role.REQUESTER, it_ops), RoleGrant(Role.PANEL_MEMBER)],
    )
    assert user.role_codes == {Role.DEPT_HEAD, Role.REQUESTER, Role.PANEL_MEMBER}
    assert RoleAssignment.objects.get(user=user, role=Role.DEPT_HEAD).created_by == demo.admin


@pytest.mark.parametrize(
    ("grants", "code"),
    [
        ([RoleGrant(Role.DEPT_HEAD)], "role_scope"),
        ([RoleGrant(Role.HR, "dept")], "role_scope"),
        ([RoleGrant(Role.VENDOR_MANAGER)], "role_kind"),
        ([RoleGrant(Role.FINANCE), RoleGrant(Role.FINANCE)], "role_duplicate"),
    ],
)
def test_role_rules_refuse_bad_grants_and_create_nobody(demo, grants, code):
    """ORG-1, X-8: a scoped role needs a department, company-wide roles take none, staff cannot be
    vendor managers, no role twice; the user is not created."""
    hr_dept = Department.objects.get(code="HR")
    grants = [RoleGrant(g.role, hr_dept if g.department == "dept" else g.department) for g in grants]
    with pytest.raises(RuleViolation) as refused:
        services.create_user(
            actor=demo.admin, username="newbie", full_name="新人", password="Str0ng-pass-2026", roles=grants
        )
    assert refused.value.code == code
    assert not User.objects.filter(username="newbie").exists()


def test_vendor_users_hold_only_the_vendor_role(demo):
    """ORG-1, ORG-3: a vendor account cannot be given internal roles."""
    with pytest.raises(RuleViolation) as refused:
        services.update_user(
            actor=demo.admin,
            user=demo.vendor1,
            full_name="郑海",
            email="",
            department=None,
            roles=[RoleGrant(Role.VENDOR_MANAGER), RoleGrant(Role.AUDITOR)],
        )
    assert refused.value.code == "role_kind"
    assert demo.vendor1.role_codes == {Role.VENDOR_MANAGER}
    assert demo.vendor1.kind == UserKind.VENDOR


def test_usernames_are_unique_ignoring_case(demo):
    """ORG-1, X-8: a duplicate username is refused; nothing is saved."""
    count = User.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.create_user(actor=demo.admin, username="HR", full_name="重名", password="Str0ng-pass-2026")
    assert refused.value.code == "username_taken"
    assert User.objects.count() == count


def test_weak_passwords_are_refused_in_chinese(demo):
    """ORG-1, X-4"""
    with pytest.raises(RuleViolation) as refused:
        services.create_user(actor=demo.admin, username="weak", full_name="弱口令", password="123")
    assert "密码" in str(refused.value)
    assert not User.objects.filter(username="weak").exists()


def test_the_last_administrator_keeps_the_role(demo):
    """ORG-1: the system is never left without anyone who can manage it."""
    with pytest.raises(RuleViolation) as refused:
        services.update_user(actor=demo.admin, user=demo.admin, full_name="周明", email="", department=None, roles=[])
    assert refused.value.code == "last_admin"
    assert Role.ADMIN in User.objects.get(username="admin").role_codes


def test_roles_are_replaced_on_edit_and_the_page_refuses_a_duplicate_username(client_for):
    """ORG-1: the administrator edits roles on the app's own page."""
    cs = Department.objects.get(code="OPS-CS")
    log = Department.objects.get(code="OPS-LOG")
    requester = User.objects.get(username="requester")
    client = client_for("admin")
    response = client.post(
        f"/org/users/{requester.pk}/edit/",
        {
            "full_name": "李强",
            "email": "requester@demo.example.cn",
            "department": cs.pk,
            "title": "",
            "phone": "",
            "is_active": "on",
            "roles": [Role.PANEL_MEMBER],
            "requester_departments": [cs.pk, log.pk],
        },
    )
    assert response.status_code == 302
    scopes = set(requester.role_assignments.values_list("role", "department__code"))
    assert scopes == {(Role.PANEL_MEMBER, None), (Role.REQUESTER, "OPS-CS"), (Role.REQUESTER, "OPS-LOG")}

    response = client.post(
        "/org/users/new/",
        {"username": "Requester", "full_name": "重名", "kind": UserKind.INTERNAL, "password": "Str0ng-pass-2026"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["用户名 Requester 已被占用，请换一个。"]


def test_a_user_changes_their_own_password(client_for):
    """ORG-1: each person can change their password; a wrong old password is refused in Chinese."""
    client = client_for("finance")
    refused = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "Caiwu-2026-new", "new_password2": "Caiwu-2026-new"},
    )
    assert refused.status_code == 200
    assert "旧密码" in refused.context["form"].errors["old_password"][0]
    changed = client.post(
        "/accounts/password/",
        {"old_password": "outsourcing-demo", "new_password1": "Caiwu-2026-new", "new_password2": "Caiwu-2026-new"},
    )
    assert changed.status_code == 302 and changed["Location"] == "/accounts/password/done/"
    assert User.objects.get(username="finance").check_password("Caiwu-2026-new")


def test_admin_resets_a_password_and_mismatches_are_refused(client_for):
    """ORG-1, X-8"""
    legal = User.objects.get(username="legal")
    client = client_for("admin")
    refused = client.post(f"/org/users/{legal.pk}/password/", {"password": "Fawu-2026-x", "password_again": "other"})
    assert refused.status_code == 200 and refused.context["form"].errors["password_again"]
    assert User.objects.get(username="legal").check_password("outsourcing-demo")
    done = client.post(f"/org/users/{legal.pk}/password/", {"password": "Fawu-2026-x", "password_again": "Fawu-2026-x"})
    assert done.status_code == 302
    assert User.objects.get(username="legal").check_password("Fawu-2026-x")
