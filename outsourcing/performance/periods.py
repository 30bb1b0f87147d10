"""Evaluation periods: a month or a quarter, named by its first day."""

from __future__ import annotations

import calendar
import datetime as dt


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month or quarter `day` falls in."""
    start = quarter_start(day) if period == "quarterly" else month_start(day)
    last_month = start.month + (2 if period == "quarterly" else 0)
    return start, dt.date(start.year, last_month, calendar.monthrange(start.year, last_month)[1])


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from `first`'s month to `last`'s."""
    found, month = [], month_start(first)
    while month <= last:
        found.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


def periods(period: str, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    found, day = [], first
    while day <= last:
        bounds = period_bounds(period, day)
        found.append(bounds)
        day = bounds[1] + dt.timedelta(days=1)
    return found
