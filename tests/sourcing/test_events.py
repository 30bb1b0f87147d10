"""SRC-1 an event on an approved project with its method; single source approved by management;
SRC-2 at least three eligible candidates; SRC-5 stages with eliminations and their reasons."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.core.errors import RuleViolation
from outsourcing.demands.models import ProjectStatus
from outsourcing.sourcing import bidding, events
from outsourcing.sourcing.models import DEFAULT_WEIGHTS, EventStatus, SourcingEvent, Stage
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import VendorStatus
from tests.sourcing.factories import (
    answer,
    approved_project,
    draft_event,
    event_data,
    event_with_answers,
    pass_deadline,
    three_vendors,
    user,
)
from tests.vendors.factories import admitted_vendor, prospect

pytestmark = pytest.mark.django_db


def test_an_event_belongs_to_an_active_approved_project(demo):
    """SRC-1"""
    project = approved_project()
    event = events.create_event(actor=demo.procurement, data=event_data(project))
    assert event.number.startswith("SRC-") and event.status == EventStatus.DRAFT
    project.status = ProjectStatus.CLOSED
    project.save()
    with pytest.raises(RuleViolation) as refused:
        events.create_event(actor=demo.procurement, data=event_data(project))
    assert refused.value.field == "project"


@pytest.mark.parametrize(
    ("weights", "ok"),
    [
        (dict(DEFAULT_WEIGHTS), True),
        ({**DEFAULT_WEIGHTS, "technical": Decimal("40")}, False),
        ({**DEFAULT_WEIGHTS, "technical": Decimal("20"), "price": Decimal("30")}, True),
        ({**DEFAULT_WEIGHTS, "technical": Decimal("-10"), "price": Decimal("60")}, False),
    ],
)
def test_weights_are_editable_but_must_total_100(demo, weights, ok):
    """SRC-6, X-8"""
    before = SourcingEvent.objects.count()
    if ok:
        event = events.create_event(actor=demo.procurement, data=event_data(approved_project(), weights=weights))
        assert sum(event.weights.values()) == 100
    else:
        with pytest.raises(RuleViolation) as refused:
            events.create_event(actor=demo.procurement, data=event_data(approved_project(), weights=weights))
        assert refused.value.code == "weights_total"
        if sum(weights.values()) != 100:
            assert f"{sum(weights.values())} %" in str(refused.value.message)  # 110 %, not 1.1E+2 %
        assert SourcingEvent.objects.count() == before


def test_only_hr_and_procurement_run_events(demo):
    """SRC-1"""
    for username in ("requester", "finance", "vendor1"):
        with pytest.raises(RuleViolation):
            events.create_event(actor=user(username), data=event_data(approved_project()))
    assert events.create_event(actor=demo.hr, data=event_data(approved_project())).pk


def test_fewer_than_three_eligible_candidates_block_the_invitations(demo):
    """SRC-2: two candidates are not enough; the third makes it; a candidate that lapsed since is caught."""
    first, second, third = three_vendors()
    event = draft_event(vendors=(first, second))
    with pytest.raises(RuleViolation) as refused:
        events.issue_invitations(actor=demo.procurement, event=event)
    assert refused.value.code == "too_few_candidates" and "3" in str(refused.value.message)
    events.add_candidate(actor=demo.procurement, event=event, vendor=third)
    vendor_services.change_status(actor=demo.hr, vendor=third, to_status=VendorStatus.SUSPENDED, reason="整改")
    with pytest.raises(RuleViolation):
        events.issue_invitations(actor=demo.procurement, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


def test_only_admitted_eligible_vendors_become_candidates(demo):
    """SRC-2, VEN-3: a prospect and a vendor of another category are refused with the reason."""
    event = draft_event()
    with pytest.raises(RuleViolation) as refused:
        events.add_candidate(actor=demo.procurement, event=event, vendor=prospect())
    assert refused.value.code == "vendor_not_qualified" and "准入评审" in str(refused.value.message)
    warehouse = admitted_vendor(category="warehousing", business_scope="仓储；装卸搬运")
    with pytest.raises(RuleViolation):
        events.add_candidate(actor=demo.procurement, event=event, vendor=warehouse)
    assert not event.candidates.exists()


def test_single_source_needs_a_justification_approved_by_management(demo):
    """SRC-1, SRC-2: one candidate is enough only once management approves the written justification."""
    with pytest.raises(RuleViolation) as refused:
        events.create_event(actor=demo.procurement, data=event_data(approved_project(), method="single_source"))
    assert refused.value.field == "single_source_justification"
    vendor = admitted_vendor()
    event = draft_event(
        vendors=(vendor,), method="single_source", single_source_justification="原厂独家技术，且为应急续接服务"
    )
    with pytest.raises(RuleViolation):
        events.issue_invitations(actor=demo.procurement, event=event)
    request = events.request_single_source(actor=demo.procurement, event=event)
    task = ApprovalTask.objects.get(request__object_id=request.pk, status=TaskStatus.PENDING)
    assert task.role == "management"
    decide(task=task, actor=demo.manager, decision="approve")
    events.issue_invitations(actor=demo.procurement, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.INVITING


def test_a_deadline_already_passed_blocks_the_invitations(demo):
    """SRC-3: a draft saved in time whose deadline then passed."""
    event = draft_event(vendors=three_vendors())
    SourcingEvent.objects.filter(pk=event.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    event.refresh_from_db()
    reasons = events.invitation_blockers(event, demo.procurement)
    assert any("截止" in r for r in reasons)


def test_stages_in_order_with_eliminations_keeping_their_reason(demo):
    """SRC-5: completeness → site visit → presentation → scoring; an elimination keeps its reason and stage;
    every remaining candidate needs its finding before the next stage; no answer means out at the first."""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=demo.procurement, event=event)
    first, second, third = (event.candidates.get(vendor=v) for v in vendors)
    bidding.submit_answer(actor=demo.vendor1, candidate=first, answer=answer())
    bidding.submit_answer(actor=demo.vendor2, candidate=second, answer=answer("1050000"))
    event = pass_deadline(event)
    events.open_answers(actor=demo.procurement, event=event)
    third.refresh_from_db()
    assert third.eliminated_at == Stage.COMPLETENESS and third.elimination_reason
    events.record_stage_result(actor=demo.procurement, candidate=first, passed=True, note="资料齐全")
    with pytest.raises(RuleViolation):  # second has no finding yet
        events.advance_stage(actor=demo.procurement, event=event)
    events.record_stage_result(actor=demo.procurement, candidate=second, passed=True, note="资料齐全")
    event = events.advance_stage(actor=demo.procurement, event=event)
    assert event.stage == Stage.SITE_VISIT
    with pytest.raises(RuleViolation) as no_reason:
        events.record_stage_result(actor=demo.procurement, candidate=second, passed=False, note="")
    assert no_reason.value.field == "note"
    events.record_stage_result(actor=demo.procurement, candidate=second, passed=False, note="现场坐席不足30席")
    second.refresh_from_db()
    assert (second.eliminated_at, second.elimination_reason) == (Stage.SITE_VISIT, "现场坐席不足30席")
    with pytest.raises(RuleViolation):
        events.record_stage_result(actor=demo.procurement, candidate=second, passed=True, note="复议")


def test_answers_cannot_be_opened_before_the_deadline(demo):
    """SRC-3"""
    event, _vendors = event_with_answers()
    with pytest.raises(RuleViolation) as refused:
        events.open_answers(actor=demo.procurement, event=event)
    assert refused.value.code == "deadline"


def test_a_deadline_in_the_past_is_refused_when_the_event_is_saved(demo):
    """SRC-3, X-8: not only later, when the invitations would go out."""
    before = SourcingEvent.objects.count()
    with pytest.raises(RuleViolation) as refused:
        events.create_event(actor=demo.procurement, data=event_data(
            approved_project(), deadline=timezone.now() - dt.timedelta(days=1)))  # fmt: skip
    assert refused.value.field == "deadline" and "已过" in str(refused.value.message)
    assert SourcingEvent.objects.count() == before
