"""WF-1..WF-3: flows of ordered steps and co-reviews, decisions, returns and rounds, who may decide."""

import pytest

from outsourcing.approvals import flows, selectors, services
from outsourcing.approvals.flows import StepDraft
from outsourcing.approvals.models import (
    ApprovalFlow,
    ApprovalRequest,
    ApprovalTask,
    Decision,
    RequestStatus,
    StepCondition,
    StepScope,
    TaskStatus,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import Department, Role
from tests.approvals.conftest import pending
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


def approve_all(document, people):
    for username in people:
        task = next(t for t in pending(document) if selectors.acting_principal(people[username], t))
        services.decide(task=task, actor=people[username], decision=Decision.APPROVE)


def test_steps_run_in_order_and_a_co_review_needs_every_reviewer(submitted, demo):
    """WF-1: 部门负责人 first; then HR and finance review in parallel; the document is approved only after both."""
    document = submitted("120000")
    assert [t.role for t in pending(document)] == [Role.DEPT_HEAD]
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.APPROVE)
    assert {t.role for t in pending(document)} == {Role.HR, Role.FINANCE}
    hr_task = next(t for t in pending(document) if t.role == Role.HR)
    services.decide(task=hr_task, actor=demo.hr, decision=Decision.APPROVE)
    document.refresh_from_db()
    assert document.status == "in_approval"
    assert [t.role for t in pending(document)] == [Role.FINANCE]
    services.decide(task=pending(document)[0], actor=demo.finance, decision=Decision.APPROVE, comment="预算充足")
    document.refresh_from_db()
    request = ApprovalRequest.objects.get(object_id=document.pk)
    assert document.status == "approved" and request.status == RequestStatus.APPROVED and request.finished_at


@pytest.mark.parametrize(("amount", "needs_management"), [("499999.99", False), ("500000.00", True)])
def test_management_step_follows_the_authority_matrix_threshold(submitted, demo, amount, needs_management):
    """WF-1, ORG-2: the management step exists only at or above the matrix threshold (500,000 for demands)."""
    document = submitted(amount)
    roles = set(ApprovalTask.objects.filter(request__object_id=document.pk).values_list("role", flat=True))
    assert (Role.MANAGEMENT in roles) is needs_management
    approve_all(document, {"depthead": demo.depthead, "hr": demo.hr, "finance": demo.finance})
    document.refresh_from_db()
    assert document.status == ("in_approval" if needs_management else "approved")
    if needs_management:
        services.decide(task=pending(document)[0], actor=demo.manager, decision=Decision.APPROVE)
        document.refresh_from_db()
        assert document.status == "approved"


def test_a_running_approval_keeps_the_matrix_version_it_started_under(submitted, demo):
    """WF-1, ORG-2"""
    from decimal import Decimal

    from outsourcing.org.services import RuleDraft, publish_authority_matrix

    document = submitted("300000")
    started = ApprovalRequest.objects.get(object_id=document.pk).matrix_version
    publish_authority_matrix(
        actor=demo.admin, note="下调", rules=[RuleDraft("demand", Role.MANAGEMENT, Decimal("100000"))]
    )
    assert ApprovalRequest.objects.get(object_id=document.pk).matrix_version == started
    assert not ApprovalTask.objects.filter(request__object_id=document.pk, role=Role.MANAGEMENT).exists()


def test_reject_ends_the_flow_and_needs_a_comment(submitted, demo):
    """WF-2"""
    document = submitted()
    task = pending(document)[0]
    with pytest.raises(RuleViolation) as refused:
        services.decide(task=task, actor=demo.depthead, decision=Decision.REJECT, comment="  ")
    assert refused.value.code == "comment_required"
    assert ApprovalTask.objects.get(pk=task.pk).status == TaskStatus.PENDING
    services.decide(task=task, actor=demo.depthead, decision=Decision.REJECT, comment="不属于外包范围")
    document.refresh_from_db()
    assert document.status == "rejected"
    statuses = set(ApprovalTask.objects.filter(request__object_id=document.pk).values_list("status", flat=True))
    assert statuses == {TaskStatus.REJECTED, TaskStatus.CANCELLED}
    with pytest.raises(RuleViolation) as again:
        services.submit(document=document, actor=demo.requester)
    assert again.value.code == "already_finished"


def test_return_resubmit_approve_keeps_every_round(submitted, demo):
    """WF-2: returned to the submitter, resubmitted, approved; all rounds stay in the timeline."""
    document = submitted()
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.RETURN, comment="补充预算明细")
    document.refresh_from_db()
    assert document.status == "returned"
    with pytest.raises(RuleViolation):
        services.submit(document=document, actor=demo.hr)  # only the submitter resubmits
    services.submit(document=document, actor=demo.requester)
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.RETURN, comment="再补充风险分析")
    services.submit(document=document, actor=demo.requester)
    approve_all(document, {"depthead": demo.depthead, "hr": demo.hr, "finance": demo.finance})
    document.refresh_from_db()
    assert document.status == "approved"
    timeline = selectors.timeline(document=document)
    assert [r.number for r in timeline.rounds] == [3, 2, 1]
    assert [t.comment for t in timeline.rounds[2].tasks if t.comment] == ["补充预算明细"]
    assert timeline.rounds[0].tasks[0].status == TaskStatus.APPROVED


def test_submitting_twice_is_refused(submitted, demo):
    """WF-2"""
    document = submitted()
    with pytest.raises(RuleViolation) as refused:
        services.submit(document=document, actor=demo.requester)
    assert refused.value.code == "already_in_approval" and refused.value.status == 409


def test_nobody_approves_their_own_submission(submitted, demo):
    """WF-3: 张伟 is the department head; his own document waits for another head, never for him."""
    ops_cs = Department.objects.get(code="OPS-CS")
    second_head = UserFactory(username="deputy", roles=[(Role.DEPT_HEAD, ops_cs)])
    document = submitted(author=demo.depthead)
    task = pending(document)[0]
    assert task not in selectors.inbox(demo.depthead)
    with pytest.raises(RuleViolation) as refused:
        services.decide(task=task, actor=demo.depthead, decision=Decision.APPROVE)
    assert refused.value.code == "not_your_task"
    assert task in selectors.inbox(second_head)


def test_a_step_is_decided_only_by_its_role_and_department(submitted, demo):
    """WF-3, ORG-1: the IT head and HR cannot take the operations head's step."""
    document = submitted()
    task = pending(document)[0]
    for outsider in (demo.ithead, demo.hr, demo.vendor1):
        assert task not in selectors.inbox(outsider)
        with pytest.raises(RuleViolation):
            services.decide(task=task, actor=outsider, decision=Decision.APPROVE)
    assert ApprovalTask.objects.get(pk=task.pk).status == TaskStatus.PENDING


def test_a_decided_step_cannot_be_decided_again(submitted, demo):
    """WF-3: the second decision on a step is told it was already decided, by whom."""
    document = submitted()
    task = pending(document)[0]
    services.decide(task=task, actor=demo.depthead, decision=Decision.APPROVE)
    with pytest.raises(RuleViolation) as refused:
        services.decide(task=task, actor=demo.depthead, decision=Decision.REJECT, comment="改主意")
    assert refused.value.code == "already_decided" and "张伟" in str(refused.value)


def test_submission_is_refused_when_nobody_could_approve_a_step(make_document, demo):
    """WF-1: a department with no head would leave the document waiting forever; refused up front."""
    document = make_document(department="ADM", author=demo.hr)
    with pytest.raises(RuleViolation) as refused:
        services.submit(document=document, actor=demo.hr)
    assert refused.value.code == "nobody_can_approve"
    assert not ApprovalRequest.objects.filter(object_id=document.pk).exists()


def test_approvers_and_submitter_are_notified(submitted, demo, captured_notices):
    """WF-1, X-2: each opened step tells the people who may decide it; the outcome tells the submitter."""
    document = submitted()
    assert {n.recipient_id for n in captured_notices} == {demo.depthead.pk}
    services.decide(task=pending(document)[0], actor=demo.depthead, decision=Decision.RETURN, comment="补充")
    assert captured_notices[-1].recipient_id == demo.requester.pk and "退回" in captured_notices[-1].title


def test_flow_edits_are_checked_and_do_not_touch_running_approvals(submitted, demo):
    """WF-1: the administrator edits a flow; bad steps are refused; running approvals keep their steps."""
    document = submitted()
    flow = ApprovalFlow.objects.get(document_type="sample")
    with pytest.raises(RuleViolation) as refused:
        flows.save_flow(
            actor=demo.admin,
            flow=flow,
            name=flow.name,
            is_active=True,
            matrix_document_type="demand",
            steps=[StepDraft(1, "部门负责人", Role.DEPT_HEAD, StepScope.COMPANY)],
        )
    assert refused.value.code == "bad_step"
    with pytest.raises(RuleViolation):
        flows.save_flow(
            actor=demo.admin,
            flow=flow,
            name=flow.name,
            is_active=True,
            matrix_document_type="demand",
            steps=[StepDraft(1, "会审", Role.HR), StepDraft(1, "会审", Role.HR)],
        )
    flows.save_flow(
        actor=demo.admin,
        flow=flow,
        name="简化流程",
        is_active=True,
        matrix_document_type="demand",
        steps=[
            StepDraft(1, "法务审核", Role.LEGAL),
            StepDraft(2, "管理层", Role.MANAGEMENT, StepScope.COMPANY, condition=StepCondition.AUTHORITY_MATRIX),
        ],
    )
    assert [t.role for t in pending(document)] == [Role.DEPT_HEAD]
    fresh = submitted()
    assert [t.role for t in pending(fresh)] == [Role.LEGAL]
