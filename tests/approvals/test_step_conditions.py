"""WF-1: a step's condition by amount and by category, beside the authority matrix: a step limited to an amount
applies from it, a step limited to categories applies to documents of those categories only; edited on the page
and checked (unknown categories, amounts at or below zero are refused and nothing changes)."""

import pytest

from outsourcing.approvals import flows, services
from outsourcing.approvals.flows import StepDraft
from outsourcing.approvals.models import ApprovalFlow, ApprovalTask
from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import Role

pytestmark = pytest.mark.django_db


def flow_with_conditional_steps(demo):
    flow = ApprovalFlow.objects.get(document_type="sample")
    flows.save_flow(actor=demo.admin, flow=flow, name=flow.name, is_active=True, matrix_document_type="", steps=[
        StepDraft(1, "部门负责人", Role.DEPT_HEAD, "submitter_department"),
        StepDraft(2, "财务复核（20万元以上）", Role.FINANCE, min_amount=200000),
        StepDraft(2, "法务会签（安保服务）", Role.LEGAL, categories=("security",)),
    ])  # fmt: skip
    return flow


def roles_asked(document) -> set[str]:
    return set(ApprovalTask.objects.filter(request__object_id=document.pk).values_list("role", flat=True))


@pytest.mark.parametrize(
    ("amount", "categories", "expected"),
    [
        ("199999.99", set(), {Role.DEPT_HEAD}),
        ("200000.00", set(), {Role.DEPT_HEAD, Role.FINANCE}),
        ("50000", {"security"}, {Role.DEPT_HEAD, Role.LEGAL}),
        ("50000", {"customer_service"}, {Role.DEPT_HEAD}),
        ("300000", {"security", "customer_service"}, {Role.DEPT_HEAD, Role.FINANCE, Role.LEGAL}),
    ],
)
def test_wf1_steps_apply_by_amount_and_by_category(make_document, demo, amount, categories, expected):
    """WF-1"""
    flow_with_conditional_steps(demo)
    document = make_document(amount)
    document.approval_categories = lambda: categories  # what a domain document answers (its service category)
    services.submit(document=document, actor=document.author)
    assert roles_asked(document) == expected


def test_wf1_bad_conditions_are_refused_and_change_nothing(demo):
    """WF-1, X-8"""
    flow = flow_with_conditional_steps(demo)
    before = list(flow.steps.values_list("name", "min_amount", "categories"))
    bad_steps = (StepDraft(1, "财务", Role.FINANCE, min_amount=0), StepDraft(1, "法务", Role.LEGAL, categories=("x",)))
    for step in bad_steps:
        with pytest.raises(RuleViolation) as refused:
            flows.save_flow(actor=demo.admin, flow=flow, name=flow.name, is_active=True, matrix_document_type="",
                               steps=[step])  # fmt: skip
        assert refused.value.code == "bad_step"
    assert list(flow.steps.values_list("name", "min_amount", "categories")) == before


def test_wf1_admin_sets_amount_and_category_on_the_flow_page(client_for):
    """WF-1: the page offers the service categories and saves both conditions."""
    flow = ApprovalFlow.objects.get(document_type="sample")
    client = client_for("admin")
    page = client.get(f"/approvals/flows/{flow.pk}/edit/").content.decode()
    assert "仅限类别" in page or "Only for categories" in page
    post = {
        "name": "示例审批", "matrix_document_type": "", "is_active": "on",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000",
        "steps-0-position": "1", "steps-0-name": "法务会签", "steps-0-role": "legal", "steps-0-scope": "company",
        "steps-0-condition": "always", "steps-0-min_amount": "100000", "steps-0-categories": ["security"],
    }  # fmt: skip
    assert client.post(f"/approvals/flows/{flow.pk}/edit/", post).status_code == 302
    step = flow.steps.get()
    assert step.min_amount == 100000 and step.categories == ["security"]
    bad = client.post(f"/approvals/flows/{flow.pk}/edit/", {**post, "steps-0-categories": ["nope"]})
    assert bad.status_code == 200 and flow.steps.get().categories == ["security"]
