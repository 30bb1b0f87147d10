"""Sourcing builders: an approved project, three admitted customer-service vendors with portal users, an
event run by procurement with a full panel, answers in, and the deadline passed (time moved on by
setting the deadline back, as if the days had gone by)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from outsourcing.approvals.states import ApprovalState
from outsourcing.demands import services as demand_services
from outsourcing.demands.models import Project
from outsourcing.org.models import User
from outsourcing.sourcing import bidding, events, scoring
from outsourcing.sourcing.models import DEFAULT_WEIGHTS, SCORED_BY_HAND, SourcingEvent, Stage
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import ServiceCategory
from tests.demands.factories import demand_data
from tests.vendors.factories import admitted_vendor

PANEL = [("requester", "business"), ("hr", "hr"), ("legal", "legal"), ("finance", "finance"), ("itowner", "technology")]


def user(username: str) -> User:
    return User.objects.get(username=username)


def approved_project(*, budget="1200000") -> Project:
    """An approved demand's project (the demand's approval chain is proven in tests/demands)."""
    demand = demand_services.create_draft(
        actor=user("requester"), data=demand_data(lines=(("坐席服务费", budget),), reserve="0")
    )
    demand.status = ApprovalState.APPROVED
    demand.save(update_fields=["status"])
    return Project.objects.create(
        number=f"PRJ-2026-{9000 + demand.pk}",
        name=demand.title,
        demand=demand,
        department=demand.department,
        owner=demand.requester,
        budget=Decimal(budget),
        period_start=demand.period_start,
        period_end=demand.period_end,
    )


def three_vendors():
    """vendor1's, vendor2's and a third company (user `vendor3`), all admitted for 客户服务."""
    first = admitted_vendor(name="汇智客服（寻源测试）")
    second = admitted_vendor(name="优联客服（寻源测试）")
    third = admitted_vendor(name="楚天呼叫（寻源测试）")
    vendor_services.link_account(user=user("vendor1"), vendor=first)
    vendor_services.link_account(user=user("vendor2"), vendor=second)
    vendor_services.create_vendor_account(
        actor=user("hr"), vendor=third, username="vendor3", full_name="孙楚", password="Vendor3-portal-2026"
    )
    return first, second, third


def event_data(project: Project, **overrides) -> events.EventData:
    values = {
        "project": project,
        "title": "客服热线外包服务商比选",
        "category": ServiceCategory.objects.get(code="customer_service"),
        "method": "inquiry",
        "kind": "rfp",
        "requirements": "7×24小时热线服务，40席，按月验收；请提交公司介绍、类似案例、服务方案与分项报价。",
        "deadline": timezone.now() + dt.timedelta(days=10),
        "weights": dict(DEFAULT_WEIGHTS),
    }
    values.update(overrides)
    return events.EventData(**values)


def draft_event(project=None, vendors=(), panel=PANEL, **overrides) -> SourcingEvent:
    organiser = user("procurement")
    event = events.create_event(actor=organiser, data=event_data(project or approved_project(), **overrides))
    for vendor in vendors:
        events.add_candidate(actor=organiser, event=event, vendor=vendor)
    for username, discipline in panel:
        scoring.add_member(actor=organiser, event=event, user=user(username), discipline=discipline)
    return event


def answer(total="1100000", lines=None) -> bidding.Answer:
    lines = lines or [("坐席服务费", total, "40席 × 12个月")]
    return bidding.Answer(
        company_profile="成立于2012年，客服坐席规模800席。",
        similar_cases="为三家银行提供信用卡客服热线外包。",
        service_proposal="三班倒，AB角备岗，现场负责人统一调度。",
        quote_total=Decimal(total),
        lines=[bidding.QuoteItem(item, Decimal(amount), note) for item, amount, note in lines],
    )


def pass_deadline(event: SourcingEvent) -> SourcingEvent:
    SourcingEvent.objects.filter(pk=event.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    event.refresh_from_db()
    return event


def event_with_answers(quotes=("1100000", "1000000", "1250000")):
    """Invitations out and three answers in (vendor1, vendor2, vendor3), deadline not yet passed."""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=user("procurement"), event=event)
    for username, vendor, quote in zip(("vendor1", "vendor2", "vendor3"), vendors, quotes, strict=True):
        candidate = event.candidates.get(vendor=vendor)
        bidding.submit_answer(actor=user(username), candidate=candidate, answer=answer(quote))
    event.refresh_from_db()
    return event, vendors


def at_scoring(event: SourcingEvent) -> SourcingEvent:
    """Deadline passed, answers opened, everyone passed through the three stages, panel declared."""
    organiser = user("procurement")
    event = pass_deadline(event)
    events.open_answers(actor=organiser, event=event)
    for _stage in (Stage.COMPLETENESS, Stage.SITE_VISIT, Stage.PRESENTATION):
        for candidate in event.candidates.filter(eliminated_at=""):
            events.record_stage_result(actor=organiser, candidate=candidate, passed=True, note="符合要求")
        for member in event.panel.filter(declared_at__isnull=True):
            scoring.declare(actor=member.user, member=member, has_conflict=False)
        event = events.advance_stage(actor=organiser, event=event)
    return event


def sheet(event: SourcingEvent, username: str, marks: dict[str, int] | int = 80):
    """A member's sheet: the same mark on every criterion, or a mark per vendor name."""
    scores = []
    for candidate in event.candidates.filter(eliminated_at="").select_related("vendor"):
        value = marks if isinstance(marks, int) else marks[candidate.vendor.name]
        scores += [scoring.GivenScore(candidate.pk, criterion, Decimal(value)) for criterion in SCORED_BY_HAND]
    return scoring.submit_sheet(actor=user(username), event=event, scores=scores)
