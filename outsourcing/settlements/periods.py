"""A contract's settlement periods from its settlement cycle (monthly, quarterly, at each milestone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from outsourcing.contracts.models import Contract, SettlementCycle


@dataclass(frozen=True)
class PeriodSpan:
    start: dt.date
    end: dt.date
    is_final: bool
    milestone_id: int | None = None


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _calendar(contract: Contract, months: int) -> list[tuple[dt.date, dt.date]]:
    spans = []
    first = contract.start_date.replace(day=1)
    first = first.replace(month=(first.month - 1) // months * months + 1)
    while first <= contract.end_date:
        index = first.month - 1 + months
        following = dt.date(first.year + index // 12, index % 12 + 1, 1)
        spans.append((max(first, contract.start_date), min(following - dt.timedelta(days=1), contract.end_date)))
        first = following
    return spans


def periods_of(contract: Contract, milestones=None) -> list[PeriodSpan]:
    """Every settlement period of the contract, in order; the last is the final settlement."""
    if contract.settlement_cycle == SettlementCycle.MILESTONE:
        spans, start = [], contract.start_date
        items = list(milestones if milestones is not None else contract.milestones.all())
        for index, milestone in enumerate(items):
            end = max(milestone.due_date, start)
            spans.append(PeriodSpan(start, end, index == len(items) - 1, milestone.pk))
            start = end + dt.timedelta(days=1)
        return spans
    months = 3 if contract.settlement_cycle == SettlementCycle.QUARTERLY else 1
    spans = _calendar(contract, months)
    return [PeriodSpan(s, e, i == len(spans) - 1) for i, (s, e) in enumerate(spans)]


def period_containing(contract: Contract, day: dt.date, milestones=None) -> PeriodSpan | None:
    return next((p for p in periods_of(contract, milestones) if p.start <= day <= p.end), None)
