"""Computed KPIs (PRF-1 data source "computed"): figures the system already holds, read through the earlier
apps' selectors for a contract and a period. Each returns {contract_id: (value, inputs)}; a contract with no
data in the period is absent ("not evaluated", never 0 or 100)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from outsourcing.operations.selectors import acknowledgement_timeliness
from outsourcing.workforce.models import Worker

Figures = dict[int, tuple[Decimal, dict]]


def instruction_acknowledgement(*, contract_ids, start: dt.date, end: dt.date) -> Figures:
    """Work instructions acknowledged by their day, in percent of those issued in the period (OPS-1)."""
    found = acknowledgement_timeliness(start=start, end=end, contract_ids=contract_ids)
    return {
        cid: (row.rate, {"issued": row.issued, "on_time": row.on_time, "late": row.late, "waiting": row.waiting})
        for cid, row in found.items() if row.rate is not None
    }  # fmt: skip


def staff_stability(*, contract_ids, start: dt.date, end: dt.date) -> Figures:
    """Staff stability: 100 − leavers in the period over the people on site during it, in percent (WRK-8's
    turnover, per contract). A contract with nobody on site in the period has no figure."""
    rows = (
        Worker.objects.filter(contract_id__in=list(contract_ids), entered_on__isnull=False, entered_on__lte=end)
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=start))
        .order_by().values("contract_id")
        .annotate(people=Count("id"), leavers=Count("id", filter=Q(exited_on__gte=start, exited_on__lte=end)))
    )  # fmt: skip
    figures = {}
    for row in rows:
        if row["people"]:
            rate = Decimal(100) - Decimal(row["leavers"]) * 100 / row["people"]
            figures[row["contract_id"]] = (rate.quantize(Decimal("0.01")),
                                           {"people": row["people"], "leavers": row["leavers"]})  # fmt: skip
    return figures


SOURCES: dict[str, tuple[object, Callable[..., Figures]]] = {
    "instruction_acknowledgement": (_("Work instructions acknowledged on time (%)"), instruction_acknowledgement),
    "staff_stability": (_("Staff stability (100 − turnover %)"), staff_stability),
}


def choices() -> list[tuple[str, str]]:
    return [(code, label) for code, (label, _fn) in SOURCES.items()]


def compute(code: str, *, contract_ids, start: dt.date, end: dt.date) -> Figures:
    return SOURCES[code][1](contract_ids=contract_ids, start=start, end=end)
