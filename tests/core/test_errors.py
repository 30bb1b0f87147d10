"""RuleViolation: a readable message on pages, {"detail", "code"} with 400/409 in the API (X-6, X-8)."""

import pytest

from outsourcing.org.models import Department


@pytest.mark.django_db
def test_api_answers_a_rule_violation_with_detail_and_code(api_for):
    """X-6, X-8: a duplicate department code is a 409 conflict with a stable code; nothing saved."""
    before = Department.objects.count()
    response = api_for("admin").post("/api/departments/", {"name": "重复", "code": "HR"}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "department_code_taken"
    assert "HR" in body["detail"] and "已" in body["detail"]
    assert Department.objects.count() == before


@pytest.mark.django_db
def test_api_validation_errors_are_400_with_field_messages(api_for):
    """X-6, X-8; #13 item 3: the one error shape — code and detail at the top, the messages per field under "fields"."""
    response = api_for("admin").post("/api/departments/", {"code": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"]
    assert set(body["fields"]) >= {"name", "code"}


@pytest.mark.django_db
def test_page_shows_rule_violation_beside_the_field_and_saves_nothing(client_for, demo):
    """X-8: moving 运营中心 under its own sub-department is refused on the page, in Chinese."""
    ops = Department.objects.get(code="OPS")
    child = Department.objects.get(code="OPS-CS")
    response = client_for("admin").post(
        f"/org/departments/{ops.pk}/edit/",
        {"name": ops.name, "code": ops.code, "parent": child.pk, "sort_order": 0, "is_active": "on"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["parent"] == ["部门不能设为自身或其下级部门的下级。"]
    ops.refresh_from_db()
    assert ops.parent_id is None
