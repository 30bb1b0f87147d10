"""Operations data beside a contract's renewal decision (CON-6): the work instructions and the meetings with
the vendor, contributed to the contracts app's history registry in OperationsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext as _

from outsourcing.contracts.history import register_history_section
from outsourcing.operations.models import Meeting, WorkInstruction


def instruction_rows(contract) -> list[str]:
    return [
        f"{i.number} {i.issued_on} · {i.subject} · {i.get_status_display()}"
        for i in WorkInstruction.objects.filter(contract=contract).order_by("issued_on", "id")[:50]
    ]


def meeting_rows(contract) -> list[str]:
    return [
        f"{m.number} {m.held_on} · {m.get_kind_display()}" + ("" if m.minutes_recorded_at else " · " + _("no minutes"))
        for m in Meeting.objects.filter(contract=contract).order_by("held_on", "id")[:50]
    ]


def register() -> None:
    register_history_section(code="instructions", order=40, title=lambda: _("Work instructions"),
                             rows=instruction_rows)  # fmt: skip
    register_history_section(code="meetings", order=45, title=lambda: _("Meetings with the vendor"), rows=meeting_rows)
