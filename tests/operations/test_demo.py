"""The demo's operations slice (OPS-1): loaded through the services with the rest of the demo, dates in order."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from outsourcing.operations.models import InstructionStatus, WorkInstruction

pytestmark = pytest.mark.django_db


def test_ops1_demo_instructions_tell_a_consistent_story(demo, client_for):
    call_command("load_demo", stdout=io.StringIO())
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
