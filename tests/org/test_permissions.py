"""ORG-1, ORG-3: who may open which organisation page and endpoint; department heads act only for
their own department tree."""

import pytest
from django.test import Client

from outsourcing.org.models import Department, Role
from outsourcing.org.permissions import holds_role_for

pytestmark = pytest.mark.django_db

INTERNAL = ["admin", "hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "auditor"]
VENDORS = ["vendor1", "vendor2"]


def org_pages():
    ops = Department.objects.get(code="OPS")
    return {
        "read": [
            "/org/departments/",
            f"/org/departments/{ops.pk}/",
            "/org/authority-matrix/",
            "/org/authority-matrix/v1/",
        ],
        "manage": [
            "/org/departments/new/",
            f"/org/departments/{ops.pk}/edit/",
            "/org/users/",
            "/org/users/new/",
            f"/org/users/{ops.members.first().pk}/edit/",
            f"/org/users/{ops.members.first().pk}/password/",
            "/org/authority-matrix/edit/",
        ],
    }


def test_department_head_cannot_act_for_another_department(demo):
    """ORG-1: 张伟 heads 运营中心; he acts for it and the departments under it, never for 信息技术部."""
    depthead = demo.depthead
    for code in ("OPS", "OPS-CS", "OPS-LOG"):
        assert depthead.has_perm("org.act_as_department_head", Department.objects.get(code=code)), code
    for code in ("IT", "IT-OPS", "HR", "FIN"):
        assert not depthead.has_perm("org.act_as_department_head", Department.objects.get(code=code)), code
    # and the other way round: the head of IT does not act for operations
    assert not demo.ithead.has_perm("org.act_as_department_head", Department.objects.get(code="OPS-CS"))
    assert demo.ithead.has_perm("org.act_as_department_head", Department.objects.get(code="IT-OPS"))


def test_a_project_owner_is_scoped_to_their_department(demo):
    """ORG-1: 李强 owns projects for 客户服务部, not for its sibling 物流仓储部 nor its parent."""
    requester = demo.requester
    assert holds_role_for(requester, Role.REQUESTER, Department.objects.get(code="OPS-CS"))
    assert not holds_role_for(requester, Role.REQUESTER, Department.objects.get(code="OPS-LOG"))
    assert not holds_role_for(requester, Role.REQUESTER, Department.objects.get(code="OPS"))
    # a company-wide role covers every department; a role not held covers none
    assert holds_role_for(demo.hr, Role.HR, Department.objects.get(code="OPS-LOG"))
    assert not holds_role_for(demo.hr, Role.FINANCE, Department.objects.get(code="FIN"))


def test_inactive_users_hold_no_role(demo):
    """ORG-1"""
    hr = demo.hr
    hr.is_active = False
    assert not holds_role_for(hr, Role.HR, Department.objects.get(code="HR"))
    assert not hr.has_perm("org.view_organisation")


@pytest.mark.parametrize("username", INTERNAL + VENDORS)
def test_org_page_sweep_per_role(client_for, username):
    """ORG-1, ORG-3: staff read the organisation; only the administrator changes it; vendor users
    see none of it."""
    pages = org_pages()
    client = client_for(username)
    for url in pages["read"]:
        expected = 403 if username in VENDORS else 200
        assert client.get(url).status_code == expected, (username, url)
    for url in pages["manage"]:
        expected = 200 if username == "admin" else 403
        assert client.get(url).status_code == expected, (username, url)


def test_anonymous_visitors_are_sent_to_the_login_page(demo):
    """ORG-1"""
    client = Client()
    pages = org_pages()
    for url in ["/", *pages["read"], *pages["manage"]]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.parametrize("username", INTERNAL + VENDORS)
def test_org_api_sweep_per_role(api_for, username):
    """ORG-1, ORG-3, X-6: the API answers as the pages do."""
    api = api_for(username)
    assert api.get("/api/me/").status_code == 200
    assert api.get("/api/departments/").status_code == (403 if username in VENDORS else 200)
    assert api.get("/api/users/").status_code == (200 if username == "admin" else 403)
    created = api.post("/api/departments/", {"name": "新部门", "code": f"NEW-{username}"}, format="json")
    assert created.status_code == (201 if username == "admin" else 403)


def test_api_without_credentials_is_401(demo):
    """X-6"""
    client = Client()
    for url in ("/api/me/", "/api/departments/", "/api/users/"):
        assert client.get(url).status_code == 401, url
