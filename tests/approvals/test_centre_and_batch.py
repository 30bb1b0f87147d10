"""WF-4, X-2 (everyday use, issue 21): the approval centre — 待我处理 / 我已处理 / 我发起的 with filters — batch
approval that is all or nothing, and a bell that counts only what still needs the person (a step's notice is
resolved when anyone decides it)."""

import pytest

from outsourcing.approvals import batch, services
from outsourcing.approvals.models import Decision, TaskStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.notifications import selectors as inbox_selectors
from outsourcing.notifications.models import Kind, Notification
from tests.approvals.conftest import pending

pytestmark = pytest.mark.django_db


def test_wf4_a_step_decided_by_one_holder_leaves_every_holders_bell(submitted, demo):
    """X-2: two HR officers are asked; one decides; the other's bell no longer counts it, and the notice says done."""
    from outsourcing.org.models import Role, RoleAssignment
    from tests.org.factories import UserFactory

    second_hr = UserFactory(username="hr2")
    RoleAssignment.objects.create(user=second_hr, role=Role.HR)
    document = submitted("120000")
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.APPROVE)
    hr_task = next(t for t in pending(document) if t.role == Role.HR)
    asked = Notification.objects.filter(dedup_key=services.task_notice_key(hr_task.pk))
    assert {n.recipient for n in asked} >= {demo.hr, second_hr} and {n.kind for n in asked} == {Kind.TODO}
    before = inbox_selectors.unread_count(user=second_hr)
    todos_before = inbox_selectors.unread_by_kind(user=second_hr)[Kind.TODO]

    services.decide(task=hr_task, actor=demo.hr, decision=Decision.APPROVE)

    theirs = asked.get(recipient=second_hr)
    assert theirs.resolved_at is not None and theirs.read_at is not None
    assert inbox_selectors.unread_count(user=second_hr) == before - 1
    assert inbox_selectors.unread_by_kind(user=second_hr)[Kind.TODO] == todos_before - 1
    # The finance step, still open, stays in finance's bell.
    finance_task = next(t for t in pending(document) if t.role == Role.FINANCE)
    key = services.task_notice_key(finance_task.pk)
    finance_notice = Notification.objects.get(dedup_key=key, recipient=demo.finance)
    assert finance_notice.read_at is None


def test_wf4_a_rejection_resolves_the_parallel_steps_it_cancels(submitted, demo):
    """X-2: HR rejects during the co-review; finance's step is no longer needed and leaves finance's bell."""
    document = submitted("120000")
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.APPROVE)
    hr_task, finance_task = sorted(pending(document), key=lambda t: t.role != "hr")
    services.decide(task=hr_task, actor=demo.hr, decision=Decision.REJECT, comment="不符合用工政策")
    finance_task.refresh_from_db()
    assert finance_task.status == TaskStatus.CANCELLED
    notice = Notification.objects.get(dedup_key=services.task_notice_key(finance_task.pk), recipient=demo.finance)
    assert notice.resolved_at is not None and notice.read_at is not None


def test_wf4_batch_approves_each_step_with_one_comment(submitted, demo):
    """WF-4: three department-head steps of the same kind, approved in one action, each recorded on its own."""
    documents = [submitted("120000", title=f"扩容申请{i}") for i in range(3)]
    tasks = [pending(d)[0] for d in documents]
    decided = batch.approve_batch(tasks=tasks, actor=demo.depthead, comment="同意，按计划执行")
    assert len(decided) == 3
    for task in tasks:
        task.refresh_from_db()
        assert task.status == TaskStatus.APPROVED and task.decided_by == demo.depthead
        assert task.comment == "同意，按计划执行"
    assert all({t.role for t in pending(d)} == {"hr", "finance"} for d in documents)


def test_wf4_a_batch_with_one_blocked_step_decides_nothing_and_names_it(submitted, demo):
    """WF-4: one of the steps was decided meanwhile by someone else: the batch is refused whole, the step named."""
    documents = [submitted("120000", title=f"扩容申请{i}") for i in range(3)]
    tasks = [pending(d)[0] for d in documents]
    services.decide(task=tasks[1], actor=demo.depthead, decision=Decision.RETURN, comment="请补充预算明细")
    with pytest.raises(RuleViolation) as refused:
        batch.approve_batch(tasks=tasks, actor=demo.depthead, comment="同意")
    assert refused.value.code == "batch_refused"
    assert [r.code for r in refused.value.reasons] == ["already_decided"]
    assert "扩容申请1" in str(refused.value.reasons[0])
    for task in (tasks[0], tasks[2]):
        task.refresh_from_db()
        assert task.status == TaskStatus.PENDING and task.decided_by is None


def test_wf4_a_batch_holds_one_kind_of_document(submitted, demo):
    """WF-4: steps of different kinds are refused together (batch_mixed); an empty batch is refused (batch_empty)."""
    from outsourcing.approvals.models import ApprovalFlow

    tasks = [pending(submitted("120000", title=f"扩容申请{i}"))[0] for i in range(2)]
    other_flow = ApprovalFlow.objects.exclude(document_type="sample").first()
    tasks[1].request.flow = other_flow
    with pytest.raises(RuleViolation) as mixed:
        batch.approve_batch(tasks=tasks, actor=demo.depthead)
    assert mixed.value.code == "batch_mixed"
    with pytest.raises(RuleViolation) as empty:
        batch.approve_batch(tasks=[], actor=demo.depthead)
    assert empty.value.code == "batch_empty"
    assert all(t.status == TaskStatus.PENDING for t in pending(tasks[0].request.document))


def test_wf4_the_centre_pages_filter_and_batch_through_the_page_and_the_api(submitted, demo, client_for, api_for):
    """WF-4: 待我处理 filtered by title; a refused page batch names the blocking step with its code and keeps the
    ticks; the API batch approves; 我已处理 and 我发起的 list what was decided and submitted."""
    documents = [submitted("120000", title=f"扩容申请{i}") for i in range(3)]
    tasks = [pending(d)[0] for d in documents]
    client = client_for("depthead")
    page = client.get("/approvals/inbox/", {"q": "扩容申请2"}).content.decode()
    assert "扩容申请2" in page and "扩容申请0" not in page

    services.decide(task=tasks[0], actor=demo.depthead, decision=Decision.RETURN, comment="请补充")
    refused = client.post("/approvals/tasks/batch-approve/", {"tasks": [tasks[1].pk, tasks[2].pk, tasks[0].pk]})
    assert refused.status_code == 200 and 'data-code="batch_refused"' in refused.content.decode()
    assert type(tasks[1]).objects.get(pk=tasks[1].pk).status == TaskStatus.PENDING

    answer = api_for("depthead").post(
        "/api/approvals/tasks/batch-approve/", {"tasks": [tasks[1].pk, tasks[2].pk], "comment": "同意"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert {row["status"] for row in answer.json()} == {"approved"}
    again = api_for("depthead").post("/api/approvals/tasks/batch-approve/", {"tasks": [tasks[1].pk]}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "batch_refused"

    decided = client.get("/approvals/decided/").content.decode()
    assert all(f"扩容申请{i}" in decided for i in range(3))
    mine = client_for("requester").get("/approvals/submitted/", {"q": "扩容申请1"}).content.decode()
    assert "扩容申请1" in mine and "扩容申请2" not in mine and "人力资源部会审" in mine


def test_x2_the_inbox_groups_notices_by_kind_with_an_unread_filter(submitted, demo, client_for, api_for):
    """X-2: the notifications page filters by kind (to-dos) and unread; the API answers the kind too."""
    document = submitted("120000")
    page = client_for("depthead").get("/notifications/", {"kind": "todo", "unread": "1"}).content.decode()
    assert document.title in page and 'data-kind="todo"' in page
    rows = api_for("depthead").get("/api/notifications/", {"kind": "todo"}).json()
    rows = rows.get("results", rows)
    assert rows and {row["kind"] for row in rows} == {"todo"}
    unknown = api_for("depthead").get("/api/notifications/", {"kind": "urgent"})
    assert unknown.status_code == 400 and "kind" in str(unknown.json())
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.APPROVE)
    rows = api_for("depthead").get("/api/notifications/", {"kind": "todo", "unread": "1"}).json()
    assert document.title not in str(rows)
