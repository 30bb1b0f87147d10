"""Cases that once broke: submission refused after saving, delegates reading what they decide, the
authority matrix requiring a level the flow lacks, HR confirming their own demand, the audit trail of
budget lines and cancelled steps, project permissions, language of decision messages."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from outsourcing.approvals import delegation
from outsourcing.approvals import selectors as approval_selectors
from outsourcing.approvals import services as approvals
from outsourcing.approvals.models import ApprovalTask, Decision, TaskStatus
from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.demands import services
from outsourcing.demands.models import BudgetLine, Demand, Project
from outsourcing.org.models import Department, Role
from outsourcing.org.services import RuleDraft, publish_authority_matrix
from tests.demands.factories import demand_data, form_post
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_save_and_submit_refused_saves_nothing(client_for):
    """DEM-2, X-8: a core-business demand sent with "save and submit" is refused and no draft is left."""
    response = client_for("requester").post("/demands/new/", form_post(submit="1", declared_nature="core_business"))
    assert response.status_code == 200
    assert response.context["form"].errors["declared_nature"]
    assert not Demand.objects.filter(title="客服热线外包").exists()


def test_a_delegate_can_open_the_demand_they_decide(demo, client_for):
    """WF-3 (delegation), WF-4, DEM-4: 马骏 stands in for 张伟 today: he sees the step in his inbox and can open
    the demand behind it."""
    demand = services.submit(
        actor=demo.requester, demand=services.create_draft(actor=demo.requester, data=demand_data())
    )
    delegation.delegate(
        actor=demo.depthead, delegate_to=demo.itowner, start_date=today(), end_date=today(), reason="出差"
    )
    client = client_for("itowner")
    assert "客服热线外包" in client.get("/approvals/inbox/").content.decode()
    assert client.get(demand.get_absolute_url()).status_code == 200
    assert client_for("logistics").get(demand.get_absolute_url()).status_code == 404


def test_a_delegate_does_not_see_the_approvers_own_submission(demo):
    """WF-3 (delegation), WF-4: 张伟's own document is not in his delegate's inbox (nobody approves for themselves)."""
    ops_cs = Department.objects.get(code="OPS-CS")
    UserFactory(username="deputy", roles=[(Role.DEPT_HEAD, ops_cs)])
    head_as_owner = UserFactory(username="head2", roles=[(Role.DEPT_HEAD, ops_cs), (Role.REQUESTER, ops_cs)])
    demand = services.create_draft(actor=head_as_owner, data=demand_data())
    services.submit(actor=head_as_owner, demand=demand)
    delegation.delegate(actor=head_as_owner, delegate_to=demo.hr, start_date=today(), end_date=today(), reason="休假")
    assert not approval_selectors.inbox(demo.hr).filter(request__object_id=demand.pk).exists()


def test_matrix_level_the_flow_lacks_refuses_submission(demo):
    """ORG-2, WF-1: the matrix now requires procurement for demands; the demand flow has no such step."""
    publish_authority_matrix(
        actor=demo.admin,
        note="采购参与审批",
        rules=[
            RuleDraft("demand", Role.MANAGEMENT, Decimal("500000")),
            RuleDraft("demand", Role.PROCUREMENT, Decimal("0")),
        ],
    )
    demand = services.create_draft(actor=demo.requester, data=demand_data())
    with pytest.raises(RuleViolation) as refused:
        services.submit(actor=demo.requester, demand=demand)
    assert refused.value.code == "matrix_level_missing" and "采购" in str(refused.value)
    demand.refresh_from_db()
    assert demand.status == ApprovalState.DRAFT


def test_nobody_confirms_the_nature_of_their_own_demand(demo):
    """DEM-2: an HR officer who is also a project owner cannot confirm their own demand."""
    cs = Department.objects.get(code="OPS-CS")
    hr_owner = UserFactory(username="hrowner", roles=[Role.HR, (Role.REQUESTER, cs)])
    demand = services.submit(actor=hr_owner, demand=services.create_draft(actor=hr_owner, data=demand_data()))
    with pytest.raises(RuleViolation):
        services.confirm_nature(actor=hr_owner, demand=demand, nature="auxiliary")
    assert not hr_owner.has_perm("demands.confirm_nature", demand)
    services.confirm_nature(actor=demo.hr, demand=demand, nature="auxiliary")


def test_budget_lines_and_cancelled_steps_are_in_the_audit_trail(demo):
    """X-1: each budget line's creation and each step cancelled by a return is recorded."""
    demand = services.create_draft(actor=demo.requester, data=demand_data(lines=(("A", "1"), ("B", "2"))))
    line_type = ContentType.objects.get_for_model(BudgetLine)
    assert LogEntry.objects.filter(content_type=line_type, action=LogEntry.Action.CREATE).count() == 2
    services.submit(actor=demo.requester, demand=demand)
    task = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    approvals.decide(task=task, actor=demo.depthead, decision=Decision.RETURN, comment="补充")
    cancelled = ApprovalTask.objects.filter(request__object_id=demand.pk, status=TaskStatus.CANCELLED)
    task_type = ContentType.objects.get_for_model(ApprovalTask)
    for task in cancelled:
        changes = LogEntry.objects.filter(content_type=task_type, object_pk=str(task.pk), action=LogEntry.Action.UPDATE)
        assert any(entry.changes_dict.get("status", [None, None])[1] == "cancelled" for entry in changes)
    assert cancelled.count() == 3


def test_project_permissions_never_crash_and_hide_other_departments(demo, client_for):
    """DEM-4, X-3: someone outside the project's department gets 404 on its page and its files, never 500."""
    demand = services.create_draft(actor=demo.requester, data=demand_data())
    services.submit(actor=demo.requester, demand=demand)
    for username in ("depthead", "hr", "finance", "legal"):
        if username == "hr":
            services.confirm_nature(actor=demo.hr, demand=demand, nature="auxiliary")
        user = getattr(demo, username)
        task = next(
            t
            for t in ApprovalTask.objects.filter(request__object_id=demand.pk, status=TaskStatus.PENDING)
            if approval_selectors.acting_principal(user, t)
        )
        approvals.decide(task=task, actor=user, decision=Decision.APPROVE)
    project = Project.objects.get(demand=demand)
    assert not demo.ithead.has_perm("demands.view_project", project)
    assert demo.requester.has_perm("demands.view_project", project)
    assert client_for("ithead").get(project.get_absolute_url()).status_code == 404
    files = client_for("ithead").get(f"/api/attachments/?document_type=demands.project&object_id={project.pk}")
    assert files.status_code == 404
    assert client_for("vendor1").get(project.get_absolute_url()).status_code == 403


def test_decision_messages_follow_the_users_language(demo, client_for):
    """X-4: the message after deciding is in the language the user chose."""
    demand = services.submit(
        actor=demo.requester, demand=services.create_draft(actor=demo.requester, data=demand_data())
    )
    task = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    client = client_for("depthead")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(
        f"/approvals/tasks/{task.pk}/decide/", {"decision": "return", "comment": "more detail"}, follow=True
    )
    assert "Returned to the submitter for revision." in response.content.decode()


def test_resubmission_uses_the_matrix_in_force_and_keeps_the_old_round(demo):
    """ORG-2, WF-2: returned at 300,000 under V2 (no management), resubmitted after V3 lowered the threshold:
    round 2 has the management step, round 1 is unchanged."""
    demand = services.submit(
        actor=demo.requester,
        demand=services.create_draft(
            actor=demo.requester, data=demand_data(lines=(("服务费", "300000"),), reserve="0")
        ),
    )
    first = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    approvals.decide(task=first, actor=demo.depthead, decision=Decision.RETURN, comment="补充")
    publish_authority_matrix(
        actor=demo.admin, note="下调", rules=[RuleDraft("demand", Role.MANAGEMENT, Decimal("100000"))]
    )
    services.submit(actor=demo.requester, demand=demand)
    roles = {
        r: set(ApprovalTask.objects.filter(request__object_id=demand.pk, round=r).values_list("role", flat=True))
        for r in (1, 2)
    }
    assert Role.MANAGEMENT not in roles[1] and Role.MANAGEMENT in roles[2]


def test_returned_demands_wait_on_their_owners_home_page(demo, client_for):
    """DEM-4, WF-2: a returned demand is a to-do for the project owner who must revise it."""
    demand = services.submit(
        actor=demo.requester, demand=services.create_draft(actor=demo.requester, data=demand_data())
    )
    task = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    approvals.decide(task=task, actor=demo.depthead, decision=Decision.RETURN, comment="补充")
    waiting = client_for("requester").get("/").context["waiting"]
    assert [(w.count, w.url) for w in waiting] == [(1, "/demands/?status=returned")]
