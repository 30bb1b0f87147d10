"""ORG-1, X-4: every demo user logs in and lands on their role's home page."""

import pytest
from django.test import Client

from outsourcing.org.demo import DEMO_LOGINS, DEMO_PASSWORD
from outsourcing.org.models import Role, User
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_ROLE_LABEL = {
    "admin": "系统管理员",
    "hr": "人力资源部（归口管理）",
    "requester": "项目负责人",
    "depthead": "部门负责人",
    "legal": "法务",
    "finance": "财务",
    "procurement": "采购",
    "manager": "公司管理层",
    "auditor": "内控审计",
    "vendor1": "外包商现场负责人",
    "vendor2": "外包商现场负责人",
}


# Navigation in lifecycle order, only what the role may open.
EXPECTED_NAV = {
    "admin": ["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "org", "audit"],
    "auditor": ["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "org", "audit"],
    "vendor1": ["home", "portal", "invitations", "contracts", "workers"],
    "vendor2": ["home", "portal", "invitations", "contracts", "workers"],
}


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_each_demo_user_logs_in_and_lands_on_their_home(demo, username):
    """ORG-1, X-4: the fixed demo logins work with the demo password and show the role's home in Chinese."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    html = home.content.decode()
    user = User.objects.get(username=username)
    assert f"您好，{user.full_name}" in html
    assert EXPECTED_ROLE_LABEL[username] in html
    nav = [item["key"] for item in home.context["nav_items"]]
    default = ["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "org"]
    assert nav == EXPECTED_NAV.get(username, default)


def test_scoped_roles_show_their_departments_on_the_home_page(client_for):
    """ORG-1"""
    html = client_for("depthead").get("/").content.decode()
    assert "部门负责人" in html and "运营中心" in html


def test_admin_sees_users_waiting_for_a_role(client_for, demo):
    """ORG-1: an active user without a role is something waiting for the administrator."""
    assert client_for("admin").get("/").context["waiting"] == []
    UserFactory(username="norole")
    waiting = client_for("admin").get("/").context["waiting"]
    assert [(str(w.title), w.count) for w in waiting] == [("未分配角色的在用账号", 1)]
    # the same user is not the HR manager's business
    assert client_for("hr").get("/").context["waiting"] == []


def test_a_user_without_role_is_told_what_to_do(demo):
    """ORG-1"""
    client = Client()
    client.force_login(UserFactory(username="lonely"))
    assert "请联系系统管理员" in client.get("/").content.decode()


def test_home_page_query_count_does_not_grow_with_roles(demo, django_assert_max_num_queries):
    """The home page stays cheap for a user holding many roles."""
    user = UserFactory(roles=[Role.HR, Role.LEGAL, Role.FINANCE, Role.AUDITOR, Role.PROCUREMENT, Role.MANAGEMENT])
    client = Client()
    client.force_login(user)
    # Session, user, roles, delegations, permission fallback (2), the inbox count (page and nav), unread
    # notices, and one count each for the vendor pool's waiting items: fixed, whatever the roles.
    # + the contracts ending of which the user is the owner, and HR's three worker counts (filed, proofs to
    # check, access open after an exit).
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200
