"""Declared state machines: which status may follow which, checked by one function for every document.

A machine is a small table (`{from: {to, …}}`); `check` refuses any other move with the stable code
`forbidden_transition`, and `forbidden_pairs` lists every move a test must see refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict

FORBIDDEN_TRANSITION = "forbidden_transition"
_declared: list[StateMachine] = []  # every machine any app declares, so one test tries all of them


@dataclass(frozen=True)
class StateMachine:
    name: object  # what the document is called, in the reader's language (a lazy string)
    transitions: Mapping[str, frozenset[str]]
    labels: Mapping[str, object] | None = None  # value → label, for the message

    def __post_init__(self):
        _declared.append(self)

    def states(self) -> list[str]:
        seen = dict.fromkeys(self.transitions)
        for targets in self.transitions.values():
            seen.update(dict.fromkeys(targets))
        return list(seen)

    def may(self, current: str, to: str) -> bool:
        return to in self.transitions.get(current, frozenset())

    def check(self, current: str, to: str) -> None:
        """Refuse a move the table does not allow (409: it conflicts with the record's current state)."""
        if not self.may(current, to):
            label = (self.labels or {}).get
            raise Conflict(
                FORBIDDEN_TRANSITION,
                _("A %(what)s cannot go from “%(current)s” to “%(to)s”.")
                % {"what": self.name, "current": label(current, current), "to": label(to, to)},
            )

    def move(self, record, to: str, *, field: str = "status") -> None:
        """Check the move and set the new status on `record` (the caller saves it inside its transaction)."""
        self.check(getattr(record, field), to)
        setattr(record, field, to)

    def forbidden_pairs(self) -> Iterable[tuple[str, str]]:
        states = self.states()
        return [(a, b) for a in states for b in states if a != b and not self.may(a, b)]


def declared_machines() -> list[StateMachine]:
    return list(_declared)
