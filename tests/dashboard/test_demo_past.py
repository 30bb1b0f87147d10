"""X-1, SRC-3, SRC-6, WRK-4, X-2 (issue 21 item 10): the demo tells one consistent past across every app, on any
day it is loaded — invitations before deadlines before awards before contracts before entries, panel members
who score independently (their sheets differ), approvals decided after they were submitted, and no notice still
asking anybody for a decision that was already taken."""

from __future__ import annotations

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import local, today
from outsourcing.notifications.models import Notification
from outsourcing.sourcing.models import Award, Score, SourcingEvent
from outsourcing.workforce.models import Worker

pytestmark = pytest.mark.django_db


def test_x1_the_demo_lifecycle_runs_forward_in_time(loaded_demo):
    events = SourcingEvent.objects.filter(invited_at__isnull=False)
    assert events
    for event in events:
        assert event.invited_at < event.deadline, event
    awards = Award.objects.filter(approved_at__isnull=False).select_related("event")
    assert awards
    for award in awards:
        assert award.event.invited_at is None or award.event.invited_at < award.approved_at, award
    signed = Contract.objects.filter(signed_on__isnull=False).select_related("award")
    assert signed
    for contract in signed:
        if contract.award and contract.award.approved_at:
            assert local(contract.award.approved_at).date() <= contract.signed_on, contract
        assert contract.signed_on <= today()
    entered = Worker.objects.filter(entered_on__isnull=False).select_related("contract")
    assert entered
    for worker in entered:
        assert worker.contract.signed_on and worker.contract.signed_on <= worker.entered_on, worker
        assert worker.contract.start_date <= worker.entered_on <= today(), worker
        assert worker.decided_at is not None and local(worker.decided_at).date() <= worker.entered_on, worker


def test_src6_the_demo_panel_members_score_independently(loaded_demo):
    """Each scored event: no two members handed in the same sheet."""
    sheets: dict[int, dict[int, tuple]] = {}
    for score in Score.objects.select_related("sheet__member").order_by("candidate_id", "criterion"):
        member = score.sheet.member
        sheets.setdefault(member.event_id, {}).setdefault(member.pk, ())
        sheets[member.event_id][member.pk] += ((score.candidate_id, score.criterion, score.value),)
    assert sheets
    for event_id, by_member in sheets.items():
        values = list(by_member.values())
        assert len(set(values)) == len(values), f"event {event_id}: two members' sheets are identical"


def test_x2_the_demo_approvals_follow_their_submission_and_no_notice_asks_for_a_decision_taken(loaded_demo):
    decided = ApprovalTask.objects.filter(decided_at__isnull=False).select_related("request")
    assert decided
    for task in decided:
        assert task.request.submitted_at <= task.decided_at, task
    closed = ApprovalTask.objects.exclude(status__in=(TaskStatus.PENDING, TaskStatus.WAITING))
    keys = [f"approval-task:{pk}" for pk in closed.values_list("pk", flat=True)]
    asking = Notification.objects.filter(dedup_key__in=keys, read_at__isnull=True)
    assert not asking.exists(), list(asking.values_list("recipient__username", "title")[:5])
    assert Notification.objects.filter(kind="todo", read_at__isnull=True).exists()  # what is open is still asked
