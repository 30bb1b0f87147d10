"""The contract's history beside the renewal decision (CON-6, P2 3.1(1)): sections that apps contribute.

The renewal decision is taken "with the historical performance data" beside it. Contracts come before
workers, operations, performance, settlements and compliance in the lifecycle and may not import them, so
each app registers a history section in its AppConfig.ready():

    from outsourcing.contracts.history import register_history_section
    register_history_section(code="settlements", order=60, title=lambda: _("Settlements"), rows=settled_rows)

`rows(contract)` returns plain lines (already in the reader's language); an empty list means nothing to
show. The page and the API render the same sections, and a decision keeps a copy of them as they stood
when it was taken (`RenewalDecision.history`), so the audit reads what the approvers read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HistorySection:
    code: str
    order: int
    title: Callable[[], str]
    rows: Callable  # (contract) -> list[str]


_sections: dict[str, HistorySection] = {}


def register_history_section(*, code: str, order: int, title: Callable[[], str], rows: Callable) -> None:
    _sections[code] = HistorySection(code, order, title, rows)


def unregister_history_section(code: str) -> None:
    _sections.pop(code, None)


def history_sections() -> list[HistorySection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.code))


def history_of(contract) -> list[dict]:
    """Every registered section with its lines for this contract: [{"code", "title", "rows"}]."""
    return [
        {"code": section.code, "title": str(section.title()), "rows": [str(r) for r in section.rows(contract)]}
        for section in history_sections()
    ]
