"""The demo's operations slice (OPS-1): loaded through the services with the rest of the demo, dates in order."""

from __future__ import annotations

import pytest

from outsourcing.core.timeutil import today
from outsourcing.operations import reminders
from outsourcing.operations.models import ActionItem, InstructionStatus, KickOff, Meeting, WorkInstruction

pytestmark = pytest.mark.django_db


def test_ops1_ops3_ops4_demo_operations_tell_a_consistent_story(loaded_demo, demo, client_for):
    found = list(WorkInstruction.objects.select_related("contract", "addressee"))
    assert {i.status for i in found} == set(InstructionStatus.values)
    for instruction in found:
        assert instruction.contract.start_date <= instruction.issued_on <= instruction.acknowledge_by
        assert instruction.issued_on <= instruction.due_date <= instruction.contract.end_date
        if instruction.acknowledged_at:
            assert instruction.acknowledged_at.date() >= instruction.issued_on
        if instruction.completed_at:
            assert instruction.completed_at >= instruction.acknowledged_at
    assert {i.addressee.username for i in found} == {"vendor1", "vendor2"}
    page = client_for("vendor1").get("/operations/").content.decode()
    assert all((i.number in page) == (i.addressee.username == "vendor1") for i in found)
    kickoffs = list(KickOff.objects.select_related("contract"))
    assert len(kickoffs) == 2 and all(k.contract.signed_on <= k.held_on <= today() for k in kickoffs)
    tally = WorkInstruction.objects.get(addressee__username="vendor2").contract
    assert f"kickoff-missing:{tally.pk}" in {n.dedup_key for n in reminders.kickoff_missing(today())}
    qbr = Meeting.objects.get(kind="qbr")
    assert qbr.quarter <= qbr.held_on and qbr.minutes and qbr.action_items.count() == 2
    assert {i.status for i in ActionItem.objects.filter(meeting__kind="weekly")} == {"open", "closed"}
    assert reminders.action_items_overdue(today())
    portal = client_for("vendor1")
    assert qbr.number not in portal.get("/operations/meetings/").content.decode()
    weekly = Meeting.objects.get(kind="weekly")
    assert portal.get(weekly.get_absolute_url()).status_code == 200
