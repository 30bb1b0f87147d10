"""WF-1..WF-4 through the inbox page (WF-4, htmx), the flow and delegation pages, and the REST API."""

import pytest
from django.test import Client

from outsourcing.approvals.models import ApprovalFlow, ApprovalTask, Delegation, TaskStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import Role
from tests.approvals.conftest import pending

pytestmark = pytest.mark.django_db


def test_inbox_lists_what_waits_for_me_and_counts_it_in_the_nav(submitted, client_for):
    """WF-4: the department head sees the step in 我的待办 with a count in the navigation."""
    submitted(title="客服热线外包")
    response = client_for("depthead").get("/approvals/inbox/")
    html = response.content.decode()
    assert "客服热线外包" in html
    inbox_item = next(i for i in response.context["nav_items"] if i["key"] == "inbox")
    assert inbox_item["badge"] == 1
    assert "客服热线外包" not in client_for("ithead").get("/approvals/inbox/").content.decode()


def test_decide_in_place_with_htmx_and_a_return_needs_a_comment(submitted, client_for):
    """WF-2: the decision form answers with the updated card; an empty return comment is refused beside it."""
    document = submitted()
    task = pending(document)[0]
    client = client_for("depthead")
    refused = client.post(
        f"/approvals/tasks/{task.pk}/decide/", {"decision": "return", "comment": ""}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 200 and "task-error" in refused.content.decode()
    assert ApprovalTask.objects.get(pk=task.pk).status == TaskStatus.PENDING
    done = client.post(
        f"/approvals/tasks/{task.pk}/decide/",
        {"decision": "return", "comment": "请补充预算明细"},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 200 and "task-result" in done.content.decode()
    assert ApprovalTask.objects.get(pk=task.pk).status == TaskStatus.RETURNED
    document.refresh_from_db()
    assert document.status == "returned"


def test_decide_without_javascript_redirects_with_a_message(submitted, client_for):
    """WF-2: a plain form post records the decision (who, what), then goes back to the inbox with a message."""
    document = submitted()
    task = pending(document)[0]
    client = client_for("depthead")
    response = client.post(f"/approvals/tasks/{task.pk}/decide/", {"decision": "approve", "comment": "同意"})
    assert response.status_code == 302 and response["Location"] == "/approvals/inbox/"
    decided = ApprovalTask.objects.get(pk=task.pk)
    assert (decided.status, decided.decided_by.username, decided.comment) == (TaskStatus.APPROVED, "depthead", "同意")
    assert task not in pending(document)
    inbox = client.get(response["Location"])
    assert [str(message) for message in inbox.context["messages"]]


def test_a_task_outside_my_scope_is_404(submitted, client_for):
    """WF-3: the IT head cannot even find the operations head's step."""
    task = pending(submitted())[0]
    assert client_for("ithead").post(f"/approvals/tasks/{task.pk}/decide/", {"decision": "approve"}).status_code == 404
    assert client_for("vendor1").post(f"/approvals/tasks/{task.pk}/decide/", {"decision": "approve"}).status_code == 403


def test_inbox_page_and_api_cost_a_fixed_number_of_queries(
    submitted, client_for, api_for, demo, django_assert_max_num_queries
):
    """WF-1: 3 or 40 waiting items cost the same."""
    for i in range(40):
        submitted(str(1000 + i), title=f"外包申请{i}")
    page, api = client_for("depthead"), api_for("depthead")
    # 17: the page also reads the kinds of document for its filter (one query, whatever the count of rows).
    with django_assert_max_num_queries(17):
        response = page.get("/approvals/inbox/")
    assert len(response.context["page"]) == 30
    with django_assert_max_num_queries(12):
        body = api.get("/api/approvals/tasks/?page_size=100").json()
    assert body["count"] == 40


def test_api_lists_and_decides_my_tasks(submitted, api_for, demo):
    """WF-2, X-6: approve through the API; a second decision is 409; a return without comment is 400."""
    document = submitted()
    api = api_for("depthead")
    listed = api.get("/api/approvals/tasks/").json()
    assert listed["count"] == 1 and listed["results"][0]["document_title"] == document.title
    task_id = listed["results"][0]["id"]
    assert api.post(f"/api/approvals/tasks/{task_id}/return/", {"comment": ""}, format="json").status_code == 400
    approved = api.post(f"/api/approvals/tasks/{task_id}/approve/", {"comment": "同意"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = api.post(f"/api/approvals/tasks/{task_id}/reject/", {"comment": "撤回"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    hr_api = api_for("hr")
    hr_task = hr_api.get("/api/approvals/tasks/").json()["results"][0]
    returned = hr_api.post(f"/api/approvals/tasks/{hr_task['id']}/return/", {"comment": "补充合规说明"}, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "returned"


def test_api_sweep(submitted, api_for):
    """X-6, WF-3: 401 anonymous; vendors 403; a task outside my scope 404."""
    task = pending(submitted())[0]
    assert Client().get("/api/approvals/tasks/").status_code == 401
    assert api_for("vendor1").get("/api/approvals/tasks/").status_code == 403
    assert api_for("ithead").get(f"/api/approvals/tasks/{task.pk}/").status_code == 404
    assert api_for("ithead").post(f"/api/approvals/tasks/{task.pk}/approve/", {}, format="json").status_code == 404
    assert api_for("depthead").get(f"/api/approvals/tasks/{task.pk}/").status_code == 200


def test_admin_edits_a_flow_on_its_page(client_for):
    """WF-1: the administrator edits steps; a scoped role without a department scope is refused in place."""
    flow = ApprovalFlow.objects.get(document_type="sample")
    client = client_for("admin")
    assert client.get("/approvals/flows/").status_code == 200
    base = {
        "name": "示例审批",
        "matrix_document_type": "demand",
        "is_active": "on",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    bad = {
        **base,
        "steps-0-position": "1",
        "steps-0-name": "部门负责人",
        "steps-0-role": "dept_head",
        "steps-0-scope": "company",
        "steps-0-condition": "always",
    }
    response = client.post(f"/approvals/flows/{flow.pk}/edit/", bad)
    assert response.status_code == 200 and "部门" in response.content.decode()
    good = {
        **bad,
        "steps-0-scope": "submitter_department",
        "steps-1-position": "2",
        "steps-1-name": "法务会签",
        "steps-1-role": "legal",
        "steps-1-scope": "company",
        "steps-1-condition": "always",
    }
    assert client.post(f"/approvals/flows/{flow.pk}/edit/", good).status_code == 302
    assert list(flow.steps.values_list("role", flat=True)) == [Role.DEPT_HEAD, Role.LEGAL]
    assert client_for("hr").get(f"/approvals/flows/{flow.pk}/edit/").status_code == 403


def test_delegation_page(client_for, demo):
    """WF-3 (delegation): an approver names a delegate for a date range on the page; the delegate is told."""
    client = client_for("depthead")
    day = today().isoformat()
    response = client.post(
        "/approvals/delegations/", {"delegate": demo.hr.pk, "start_date": day, "end_date": day, "reason": "出差"}
    )
    assert response.status_code == 302
    given = Delegation.objects.get(delegator=demo.depthead)
    assert (given.delegate, given.start_date.isoformat(), given.end_date.isoformat(), given.reason) == (
        demo.hr, day, day, "出差")  # fmt: skip
    page = client_for("hr").get("/approvals/delegations/").content.decode()
    assert "张伟" in page and "出差" in page
    refused = client.post(
        "/approvals/delegations/",
        {"delegate": demo.hr.pk, "start_date": day, "end_date": "2000-01-01", "reason": "出差"},
    )
    assert refused.status_code == 200 and refused.context["form"].errors["end_date"]
    assert Delegation.objects.filter(delegator=demo.depthead).count() == 1


def test_document_page_shows_the_timeline(submitted, client_for):
    """WF-2: the document shows its approval timeline."""
    document = submitted()
    html = client_for("hr").get(document.get_absolute_url()).content.decode()
    assert "approval-timeline" in html and "部门负责人审批" in html


def test_home_page_counts_approvals_waiting_for_me(submitted, client_for):
    """WF-4: the home page says how many approvals wait for me and links to the inbox."""
    submitted()
    submitted()
    waiting = client_for("depthead").get("/").context["waiting"]
    assert [(w.count, w.url) for w in waiting] == [(2, "/approvals/inbox/")]
    assert client_for("hr").get("/").context["waiting"] == []


def test_saving_a_flow_unchanged_keeps_its_steps(client_for):
    """WF-1: the edit page posted as shown (empty extra rows included) saves and keeps every step."""
    flow = ApprovalFlow.objects.get(document_type="sample")
    before = list(flow.steps.values_list("position", "role", "scope", "condition"))
    client = client_for("admin")
    page = client.get(f"/approvals/flows/{flow.pk}/edit/")
    data = {"name": flow.name, "matrix_document_type": flow.matrix_document_type, "is_active": "on"}
    formset = page.context["formset"]
    data.update({f"steps-{k}": v for k, v in formset.management_form.initial.items()})
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            multiple = getattr(field.widget, "allow_multiple_selected", False)
            if value is None and getattr(field, "choices", None) and not multiple:
                value = list(field.choices)[0][0]  # a browser sends a single select's first option
            if isinstance(value, list):  # a multiple select sends each chosen option, nothing when none is
                data[f"steps-{i}-{name}"] = value
            elif value not in (None, False):
                data[f"steps-{i}-{name}"] = str(value)
    response = client.post(f"/approvals/flows/{flow.pk}/edit/", data)
    assert response.status_code == 302, (data, response.context["formset"].errors, response.context["form"].errors)
    assert list(flow.steps.values_list("position", "role", "scope", "condition")) == before


def test_a_delegation_cannot_start_in_the_past(demo):
    """WF-3 (delegation), X-8"""
    import datetime as dt

    from outsourcing.approvals import delegation
    from outsourcing.core.errors import RuleViolation

    with pytest.raises(RuleViolation) as refused:
        delegation.delegate(
            actor=demo.depthead,
            delegate_to=demo.hr,
            start_date=today() - dt.timedelta(days=1),
            end_date=today(),
            reason="补登",
        )
    assert refused.value.field == "start_date"


def test_api_not_found_is_said_in_the_users_language(api_for):
    """X-4, X-6: a missing or out-of-scope record is a plain 404 in Chinese, not Django's English message."""
    response = api_for("depthead").get("/api/approvals/tasks/999999/")
    assert response.status_code == 404 and response.json()["detail"] == "记录不存在，或您无权查看。"


def test_the_approver_decides_from_the_document_page(submitted, client_for):
    """WF-2: the step waiting for me shows its decision form on the document itself; others see none."""
    document = submitted()
    assert "decide-here" in client_for("depthead").get(document.get_absolute_url()).content.decode()
    assert "decide-here" not in client_for("hr").get(document.get_absolute_url()).content.decode()
    assert "decide-here" not in client_for("requester").get(document.get_absolute_url()).content.decode()
