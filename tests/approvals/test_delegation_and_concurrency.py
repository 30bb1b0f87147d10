"""WF-3: who may act on a step — a delegate for a date range (delegation, not a SPEC row of its own; WF-4 is
the inbox) — and two deciders on one step at the same moment."""

import datetime as dt
import threading

import pytest
from django.db import connection

from outsourcing.approvals import delegation, selectors, services
from outsourcing.approvals.models import ApprovalTask, Decision, TaskStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.org.models import Department, Role
from tests.approvals.conftest import pending
from tests.org.factories import UserFactory


@pytest.mark.django_db
def test_a_delegate_decides_on_behalf_of_the_approver_within_the_dates(submitted, demo):
    """WF-3 (delegation): 张伟 away on business; 王芳 (HR) decides his step while the delegation runs, on his behalf."""
    document = submitted()
    task = pending(document)[0]
    assert task not in selectors.inbox(demo.hr)
    delegation.delegate(
        actor=demo.depthead,
        delegate_to=demo.hr,
        start_date=today(),
        end_date=today() + dt.timedelta(days=3),
        reason="出差",
    )
    assert task in selectors.inbox(demo.hr)
    services.decide(task=task, actor=demo.hr, decision=Decision.APPROVE, comment="代为审批")
    decided = ApprovalTask.objects.get(pk=task.pk)
    assert decided.decided_by == demo.hr and decided.on_behalf_of == demo.depthead


@pytest.mark.django_db
def test_a_delegation_outside_its_dates_or_cancelled_gives_nothing(submitted, demo):
    """WF-3 (delegation): outside its dates or cancelled, the delegate may not act."""
    document = submitted()
    task = pending(document)[0]
    delegation.delegate(
        actor=demo.depthead,
        delegate_to=demo.legal,
        start_date=today() + dt.timedelta(days=1),
        end_date=today() + dt.timedelta(days=2),
        reason="下周休假",
    )
    current = delegation.delegate(
        actor=demo.depthead, delegate_to=demo.finance, start_date=today(), end_date=today(), reason="今日外出"
    )
    delegation.cancel_delegation(actor=demo.depthead, delegation=current)
    for outsider in (demo.legal, demo.finance):
        assert task not in selectors.inbox(outsider)
        with pytest.raises(RuleViolation):
            services.decide(task=task, actor=outsider, decision=Decision.APPROVE)


@pytest.mark.django_db
def test_a_delegate_never_decides_their_own_submission(submitted, demo):
    """WF-3 (delegation): 李强 stands in for his head, but the document is his own."""
    document = submitted(author=demo.requester)
    delegation.delegate(
        actor=demo.depthead, delegate_to=demo.requester, start_date=today(), end_date=today(), reason="休假"
    )
    task = pending(document)[0]
    assert task not in selectors.inbox(demo.requester)
    with pytest.raises(RuleViolation):
        services.decide(task=task, actor=demo.requester, decision=Decision.APPROVE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("delegate", "start", "end", "field"),
    [("depthead", 0, 1, "delegate"), ("vendor1", 0, 1, "delegate"), ("hr", 2, 1, "end_date")],
)
def test_bad_delegations_are_refused(demo, delegate, start, end, field):
    """WF-3 (delegation), X-8"""
    with pytest.raises(RuleViolation) as refused:
        delegation.delegate(
            actor=demo.depthead,
            delegate_to=getattr(demo, delegate),
            start_date=today() + dt.timedelta(days=start),
            end_date=today() + dt.timedelta(days=end),
            reason="出差",
        )
    assert refused.value.field == field


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_approvers_on_one_step_at_the_same_moment_count_once(submitted, demo):
    """WF-3: two heads of 客服部 press approve together: exactly one decision is recorded, the other is told
    the step was already decided."""
    ops_cs = Department.objects.get(code="OPS-CS")
    deputy = UserFactory(username="deputy", roles=[(Role.DEPT_HEAD, ops_cs)])
    document = submitted()
    task = pending(document)[0]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def press(user, decision, comment):
        try:
            barrier.wait()
            services.decide(task=task, actor=user, decision=decision, comment=comment)
            outcomes[user.username] = "decided"
        except RuleViolation as exc:
            outcomes[user.username] = exc.code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press, args=(demo.depthead, Decision.APPROVE, "")),
        threading.Thread(target=press, args=(deputy, Decision.REJECT, "不同意")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes.values()) == ["already_decided", "decided"]
    task.refresh_from_db()
    assert task.status in (TaskStatus.APPROVED, TaskStatus.REJECTED)
    assert ApprovalTask.objects.filter(request=task.request, decided_by__isnull=False).count() == 1
