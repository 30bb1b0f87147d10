"""X-6: token login, the organisation endpoints, pagination and the schema; ORG-1 through the API."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from outsourcing.org.models import Department, Role, User
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_token_login_and_me(demo):
    """X-6: POST /api/auth/token/ → {"token"}; the token opens /api/me/."""
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": "depthead", "password": "outsourcing-demo"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/me/").json()
    assert me["username"] == "depthead" and me["full_name"] == "张伟"
    assert me["roles"] == [{"role": "dept_head", "role_display": "部门负责人", "department": me["department"]}]


def test_wrong_password_gets_no_token(demo):
    """X-6"""
    response = APIClient().post("/api/auth/token/", {"username": "hr", "password": "wrong"}, format="json")
    assert response.status_code == 400 and "token" not in response.json()


def test_session_login_works_for_the_api_too(client_for):
    """X-6: the browser session is accepted."""
    assert client_for("hr").get("/api/me/").json()["username"] == "hr"


def test_lists_paginate_with_count_next_previous_results(api_for):
    """X-6: page_size up to 1000."""
    UserFactory.create_batch(60)
    api = api_for("admin")
    page = api.get("/api/users/").json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] == User.objects.count() and len(page["results"]) == 50 and page["next"]
    assert len(api.get("/api/users/?page_size=5").json()["results"]) == 5
    assert len(api.get("/api/users/?page_size=5000").json()["results"]) == User.objects.count()


def test_admin_creates_a_user_with_roles_through_the_api(api_for):
    """ORG-1, X-6"""
    log = Department.objects.get(code="OPS-LOG")
    response = api_for("admin").post(
        "/api/users/",
        {
            "username": "wangwu",
            "full_name": "王五",
            "password": "Str0ng-pass-2026",
            "department": log.pk,
            "roles": [{"role": "dept_head", "department": log.pk}, {"role": "panel_member"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="wangwu")
    assert user.role_codes == {Role.DEPT_HEAD, Role.PANEL_MEMBER}
    login = Client().post("/accounts/login/", {"username": "wangwu", "password": "Str0ng-pass-2026"})
    assert login.status_code == 302  # the login page takes the new account's password


def test_api_refuses_a_scoped_role_without_department(api_for):
    """ORG-1, X-8: rule violations come back as {"detail", "code"}; the user is not created."""
    response = api_for("admin").post(
        "/api/users/",
        {"username": "nodept", "full_name": "无部门", "password": "Str0ng-pass-2026", "roles": [{"role": "dept_head"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "role_scope"
    assert not User.objects.filter(username="nodept").exists()


def test_api_refuses_moving_a_department_under_its_child(api_for):
    """ORG-1, X-8"""
    ops, cs = Department.objects.get(code="OPS"), Department.objects.get(code="OPS-CS")
    response = api_for("admin").patch(f"/api/departments/{ops.pk}/", {"parent": cs.pk}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "department_cycle"
    ops.refresh_from_db()
    assert ops.parent is None


def test_user_list_costs_a_fixed_number_of_queries(api_for, client_for, django_assert_max_num_queries):
    """X-6: the user list page and /api/users/ cost the same with 12 or 70 users."""
    UserFactory.create_batch(60, department=Department.objects.get(code="OPS"), roles=[Role.PANEL_MEMBER])
    api, page = api_for("admin"), client_for("admin")
    with django_assert_max_num_queries(6):
        assert api.get("/api/users/?page_size=100").status_code == 200
    with django_assert_max_num_queries(11):
        assert page.get("/org/users/").status_code == 200


def test_schema_and_offline_docs(client_for):
    """X-6: OpenAPI 3 at /api/schema/ (JSON on request) and a docs page with no CDN, for a logged-in user
    (security finding 8: anonymous visitors get neither, tests/core/test_security_headers.py)."""
    client = client_for("hr")
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/auth/token/", "/api/me/", "/api/departments/", "/api/users/"):
        assert path in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "https://" not in docs
