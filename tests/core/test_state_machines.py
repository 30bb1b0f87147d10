"""Every declared state machine refuses every move it does not declare, with one code (consolidation #13 item 1;
the machines of CON-6/CON-8/CON-10, WRK-1..WRK-5, SRC-1..SRC-7 and every approvable document, WF-2)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from outsourcing.core.errors import Conflict
from outsourcing.core.states import FORBIDDEN_TRANSITION, declared_machines

ROOT = Path(__file__).resolve().parents[2] / "outsourcing"


def _machines():
    with translation.override("en"):
        return {str(machine.name): machine for machine in declared_machines()}


def test_the_lifecycle_machines_are_declared():
    names = set(_machines())
    assert {"approvable document", "contract", "worker's filing", "sourcing event"} <= names


@pytest.mark.parametrize("name", sorted(_machines()))
def test_every_forbidden_move_is_refused_and_changes_nothing(name):
    machine = _machines()[name]
    pairs = machine.forbidden_pairs()
    assert pairs, "a machine where every move is allowed declares nothing"
    for current, to in pairs:
        record = SimpleNamespace(status=current)
        with pytest.raises(Conflict) as refused:
            machine.move(record, to)
        assert refused.value.code == FORBIDDEN_TRANSITION, (current, to)
        assert record.status == current


@pytest.mark.parametrize("name", sorted(_machines()))
def test_every_declared_move_is_allowed(name):
    machine = _machines()[name]
    for current, targets in machine.transitions.items():
        for to in targets:
            record = SimpleNamespace(status=current)
            machine.move(record, to)
            assert record.status == to


# The documents whose status only their machine may change, and the variable names services use for them.
GUARDED = {"contract": "ContractStatus", "worker": "WorkerStatus", "event": "EventStatus"}


def test_no_service_sets_a_guarded_status_around_its_machine():
    assignment = re.compile(r"\b(" + "|".join(GUARDED) + r")\.status\s*=[^=]")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if assignment.search(line)
    ]
    assert offenders == []
