"""ORG-1: the department tree, and the moves that would break it."""

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.org import selectors, services
from outsourcing.org.models import Department

pytestmark = pytest.mark.django_db


def test_department_tree_lists_children_under_their_parent(demo):
    """ORG-1"""
    nodes = selectors.department_tree()
    order = [n.department.code for n in nodes]
    assert order.index("OPS") < order.index("OPS-CS") < order.index("OPS-LOG")
    depth = {n.department.code: n.depth for n in nodes}
    assert depth["OPS"] == 0 and depth["OPS-CS"] == 1 and depth["IT-OPS"] == 1


def test_department_tree_costs_one_query_whatever_its_size(demo, django_assert_num_queries):
    """ORG-1"""
    parent = Department.objects.get(code="OPS")
    for i in range(30):
        services.create_department(actor=demo.admin, name=f"班组{i}", code=f"TEAM-{i}", parent=parent)
    with django_assert_num_queries(1):
        assert len(selectors.department_tree()) >= 42


@pytest.mark.parametrize("new_parent_code", ["OPS", "OPS-CS"])
def test_a_department_cannot_move_under_itself_or_its_subtree(demo, new_parent_code):
    """ORG-1: making a department its own ancestor is refused and nothing changes."""
    ops = Department.objects.get(code="OPS")
    with pytest.raises(RuleViolation) as refused:
        services.update_department(
            actor=demo.admin,
            department=ops,
            name="改名不应保存",
            code="OPS",
            parent=Department.objects.get(code=new_parent_code),
        )
    assert refused.value.code == "department_cycle"
    ops.refresh_from_db()
    assert ops.parent_id is None and ops.name == "运营中心"


def test_a_department_can_move_under_another_branch(demo):
    """ORG-1"""
    it_ops = Department.objects.get(code="IT-OPS")
    services.update_department(
        actor=demo.admin,
        department=it_ops,
        name=it_ops.name,
        code=it_ops.code,
        parent=Department.objects.get(code="OPS"),
    )
    it_ops.refresh_from_db()
    assert it_ops.parent.code == "OPS"
    assert it_ops.updated_by == demo.admin


def test_department_codes_are_unique_ignoring_case(demo):
    """ORG-1, X-8"""
    before = Department.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.create_department(actor=demo.admin, name="人力二部", code="hr")
    assert refused.value.code == "department_code_taken" and refused.value.status == 409
    assert Department.objects.count() == before


def test_a_department_with_active_members_cannot_be_deactivated(demo):
    """ORG-1: people would be left in a department that no longer exists."""
    hr = Department.objects.get(code="HR")
    with pytest.raises(RuleViolation) as refused:
        services.update_department(
            actor=demo.admin, department=hr, name=hr.name, code=hr.code, parent=None, is_active=False
        )
    assert refused.value.code == "department_in_use"
    hr.refresh_from_db()
    assert hr.is_active


def test_admin_creates_department_from_the_page(client_for):
    """ORG-1: the administrator manages departments from the app's own pages."""
    ops = Department.objects.get(code="OPS")
    response = client_for("admin").post(
        "/org/departments/new/", {"name": "质量管理部", "code": "ops-qa", "parent": ops.pk, "sort_order": 3}
    )
    assert response.status_code == 302
    created = Department.objects.get(code="OPS-QA")
    assert created.parent == ops and created.name == "质量管理部"


def test_department_form_errors_are_shown_in_chinese_beside_the_field(client_for):
    """ORG-1, X-4, X-8"""
    response = client_for("admin").post("/org/departments/new/", {"name": "", "code": "带空格 的代码", "sort_order": 0})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["该字段是必填项。"]
    assert errors["code"] and all("字母" in e for e in errors["code"])
    html = response.content.decode()
    assert "invalid-feedback" in html and "该字段是必填项。" in html
