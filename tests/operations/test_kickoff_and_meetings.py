"""The kick-off with both sides' interface persons (OPS-4) and meetings with minutes and action items tracked to
closure (OPS-3), through the services; the reminders for a missing kick-off and overdue action items."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.operations import kickoff, meetings, reminders, selectors
from outsourcing.operations.models import ActionStatus, InterfacePerson, KickOff, Meeting, Side
from tests.operations.factories import contract_in_force, user

pytestmark = pytest.mark.django_db

PLAN = "每周一例会；月度服务报告；重大问题2小时内电话升级至项目负责人。"


def persons(*pairs):
    return [kickoff.InterfacePersonData(person=user(name), responsibility=what) for name, what in pairs]


def hold_kickoff(contract, *pairs, by="requester", held_on=None):
    return kickoff.record_kickoff(
        actor=user(by), contract=contract, held_on=held_on or contract.signed_on, goals="接通率≥95%，首次解决率≥85%",
        communication_plan=PLAN, interface_persons=persons(*(pairs or (("requester", "服务需求与验收"),
                                                                      ("vendor1", "现场管理与交付")))),
    )  # fmt: skip


def test_ops4_kickoff_names_both_sides_interface_persons_shown_as_current(demo):
    contract = contract_in_force("vendor1")
    held = hold_kickoff(contract)
    current = selectors.current_interface_persons([contract.pk])[contract.pk]
    assert {(p.side, p.person.username) for p in current} == {(Side.COMPANY, "requester"), (Side.VENDOR, "vendor1")}
    assert held.contract_id == contract.pk
    with pytest.raises(RuleViolation) as twice:
        hold_kickoff(contract)
    assert twice.value.status == 409


@pytest.mark.parametrize("pairs, code", [
    ((("requester", "需求"),), "interface_persons"),  # only the company's side
    ((("requester", "需求"), ("vendor2", "现场")), "not_a_party"),  # another vendor's user
    ((("requester", "需求"), ("vendor1", " ")), "required"),
])  # fmt: skip
def test_ops4_kickoff_without_both_sides_or_with_an_outsider_is_refused(demo, pairs, code):
    contract = contract_in_force("vendor1")
    contract_in_force("vendor2")
    with pytest.raises(RuleViolation) as refused:
        hold_kickoff(contract, *pairs)
    assert refused.value.code == code
    assert not KickOff.objects.exists() and not InterfacePerson.objects.exists()


def test_ops4_kickoff_before_signing_is_refused(demo):
    contract = contract_in_force("vendor1")
    with pytest.raises(RuleViolation) as refused:
        hold_kickoff(contract, held_on=contract.signed_on - dt.timedelta(days=1))
    assert refused.value.code == "dates"


def test_ops4_replacing_an_interface_person_keeps_the_history(demo):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
    hold_kickoff(contract)
    company = InterfacePerson.objects.get(contract=contract, side=Side.COMPANY)
    with pytest.raises(RuleViolation) as wrong_side:
        kickoff.replace_interface_person(actor=user("requester"), current=company, successor=user("vendor1"),
                                         responsibility="需求", since=today())  # fmt: skip
    assert wrong_side.value.code == "not_a_party"
    kickoff.replace_interface_person(actor=user("requester"), current=company, successor=user("depthead"),
                                     responsibility="服务需求与验收", since=today())  # fmt: skip
    current = selectors.current_interface_persons([contract.pk])[contract.pk]
    assert {p.person.username for p in current} == {"depthead", "vendor1"}
    company.refresh_from_db()
    assert company.until == today()


def test_ops4_contract_in_force_without_kickoff_after_30_days_is_reminded(demo, settings):
    """OPS-4, X-2: past the configured days in force, no kick-off → the project owner is reminded; a kick-off
    or fewer days → no reminder."""
    old = contract_in_force("vendor1", start=today() - dt.timedelta(days=31))
    recent = contract_in_force("vendor1", start=today() - dt.timedelta(days=29))
    held = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    hold_kickoff(held)
    keys = {n.dedup_key for n in reminders.kickoff_missing(today())}
    assert f"kickoff-missing:{old.pk}" in keys
    assert f"kickoff-missing:{recent.pk}" not in keys and f"kickoff-missing:{held.pk}" not in keys
    settings.OPERATIONS_KICKOFF_DAYS = 45
    assert f"kickoff-missing:{old.pk}" not in {n.dedup_key for n in reminders.kickoff_missing(today())}


def meeting(contract, kind="weekly", **overrides):
    values = {"kind": kind, "held_on": today(), "agenda": "1. 上周接通率\n2. 夜班排班", "company_attendees": ["李娜"],
              "vendor_attendees": ["郑海"]}
    values.update(overrides)
    return meetings.record_meeting(actor=user("requester"), contract=contract, **values)


def test_ops3_meeting_with_minutes_and_action_items_tracked_to_closure(demo):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
    held = meeting(contract)
    assert held.number.startswith("MTG-") and held.attendees.count() == 2
    meetings.record_minutes(actor=user("requester"), meeting=held, minutes="接通率92%，夜班增派2席。")
    vendor_item = meetings.add_action_item(actor=user("requester"), meeting=held, description="提交夜班排班表",
                                           owner=user("vendor1"), due_date=today() + dt.timedelta(days=3))  # fmt: skip
    company_item = meetings.add_action_item(actor=user("requester"), meeting=held, description="开通质检系统账号",
                                            owner=user("itowner"), due_date=today())  # fmt: skip
    assert (vendor_item.owner_side, company_item.owner_side) == (Side.VENDOR, Side.COMPANY)
    with pytest.raises(RuleViolation) as outsider:
        meetings.close_action_item(actor=user("vendor2"), item=vendor_item, outcome="好")
    assert outsider.value.status == 403
    meetings.close_action_item(actor=user("vendor1"), item=vendor_item, outcome="排班表已提交")
    vendor_item.refresh_from_db()
    assert vendor_item.status == ActionStatus.CLOSED and vendor_item.closed_by == user("vendor1")
    with pytest.raises(RuleViolation) as twice:
        meetings.close_action_item(actor=user("requester"), item=vendor_item, outcome="再关")
    assert twice.value.status == 409


@pytest.mark.parametrize("overrides, field", [
    ({"owner": None}, "owner"),
    ({"owner": "vendor2"}, "owner"),
    ({"due_date": -1}, "due_date"),
    ({"description": " "}, "description"),
])  # fmt: skip
def test_ops3_action_item_without_owner_or_with_a_bad_date_is_refused(demo, overrides, field):
    contract = contract_in_force("vendor1")
    contract_in_force("vendor2")
    held = meeting(contract)
    values = {"description": "提交排班表", "owner": "vendor1", "due_date": 3, **overrides}
    values["owner"] = user(values["owner"]) if values["owner"] else None
    values["due_date"] = today() + dt.timedelta(days=values["due_date"])
    with pytest.raises(RuleViolation) as refused:
        meetings.add_action_item(actor=user("requester"), meeting=held, **values)
    assert refused.value.field == field
    assert not held.action_items.exists()


def test_ops3_meeting_needs_both_sides_and_a_qbr_its_quarter(demo):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=120))
    with pytest.raises(RuleViolation) as one_side:
        meeting(contract, vendor_attendees=[" "])
    assert one_side.value.field == "vendor_attendees"
    with pytest.raises(RuleViolation) as no_quarter:
        meeting(contract, kind="qbr")
    assert no_quarter.value.code == "quarter"
    qbr = meeting(contract, kind="qbr", quarter=meetings.quarter_start(today()))
    assert qbr.quarter_label.endswith(f"Q{(today().month - 1) // 3 + 1}")
    with pytest.raises(RuleViolation) as future_minutes:
        meetings.record_minutes(actor=user("requester"), meeting=meeting(contract, held_on=today()
                                + dt.timedelta(days=2)), minutes="x")  # fmt: skip
    assert future_minutes.value.field == "minutes"
    assert Meeting.objects.count() == 2


def test_ops3_overdue_action_items_are_reminded_to_owner_and_organiser(demo):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
    held = meeting(contract, held_on=today() - dt.timedelta(days=7))
    late = meetings.add_action_item(actor=user("requester"), meeting=held, description="提交培训记录",
                                    owner=user("vendor1"), due_date=today() - dt.timedelta(days=1))  # fmt: skip
    meetings.add_action_item(actor=user("requester"), meeting=held, description="提交排班",
                             owner=user("vendor1"), due_date=today())  # fmt: skip
    notices = reminders.action_items_overdue(today())
    assert {(n.recipient_id, n.dedup_key.split(":")[1]) for n in notices} == {
        (user("vendor1").pk, str(late.pk)), (user("requester").pk, str(late.pk))}
