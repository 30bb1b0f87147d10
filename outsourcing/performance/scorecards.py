"""The vendor's scorecard (PRF-4 per vendor): every contract of the vendor the reader may see, each with its SLA
in force, its evaluations' totals against the pass mark and its KPIs' recent actuals against their targets —
read through `selectors.series_many`, the figures the evaluation scores — at a fixed number of queries, whatever
the number of contracts. Staff read the contracts they may see; the vendor reads its own, in the portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.safestring import mark_safe

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.operations.selectors import scoped
from outsourcing.performance import bands, periods
from outsourcing.performance.models import Evaluation, EvaluationStatus, Kpi, Pip, PipStatus, SlaItem, SlaVersion
from outsourcing.performance.selectors import Figure, series_many

# A scorecard cell's colour by its rating (the page has hundreds of cells: a class, not a badge per cell).
CELL_CLASSES = {"red": "table-danger", "amber": "table-warning", "green": "table-success"}


def period_label(period: str, start: dt.date) -> str:
    return f"{start.year}Q{(start.month - 1) // 3 + 1}" if period == "quarterly" else start.isoformat()[:7]


def kpi_points(sla, item, found: dict, ranges) -> list[dict]:
    """One KPI's actual and rating per period (the scorecard's and a QBR's points), rated by the item's bands."""
    find = bands.band_finder(item.thresholds)
    points = []
    for start, end in ranges:
        figure = found[(start, end)].get(item.kpi_id, Figure(None, {}))
        band = find(figure.actual) if figure.actual is not None else None
        rating = band["rating"] if band else ""
        actual = float(figure.actual) if figure.actual is not None else None
        points.append({"period": period_label(sla.period, start), "rating": rating, "actual": actual,
                       "text": "—" if actual is None else f"{actual:.2f}".rstrip("0").rstrip(".")})  # fmt: skip
    return points


def kpi_cells(points: list[dict]) -> str:
    """A scorecard row's cells, coloured by rating (hundreds of cells a page: built once here, not per template tag)."""
    # Safe as built: the class and the rating come from fixed sets, the text is a formatted number or a dash.
    return mark_safe("".join(f'<td class="text-center {CELL_CLASSES.get(p["rating"], "text-body-secondary")}" '
                             f'data-rating="{p["rating"]}">{p["text"]}</td>' for p in points))  # noqa: S308


def vendor_scorecard(user, vendor, *, day: dt.date, count: int = 6) -> dict:
    contracts = list(
        scoped(user, Contract.objects.filter(vendor=vendor, status__in=(*LIVE_STATUSES, ContractStatus.CLOSED)),
               contract="").select_related("project").order_by("number")
    )  # fmt: skip
    ids = [c.pk for c in contracts]
    days = {c.pk: min(day, c.end_date) for c in contracts}  # today, or the last day of an ended contract
    in_force = _slas(days) if contracts else {}
    evaluations: dict[int, list[Evaluation]] = {}
    for evaluation in Evaluation.objects.filter(contract_id__in=ids).exclude(status=EvaluationStatus.DRAFT).order_by(
            "period_start", "id"):  # fmt: skip
        evaluations.setdefault(evaluation.contract_id, []).append(evaluation)
    open_pips = Pip.objects.filter(contract_id__in=ids, status__in=[PipStatus.OPEN, PipStatus.EXTENDED])
    pips = {p.contract_id: p for p in open_pips}
    plan, ranges_of = [], {}
    for contract in contracts:
        sla, items = in_force.get(contract.pk, (None, []))
        if sla is None:
            continue
        first = max(contract.start_date, sla.valid_from)
        ranges_of[contract.pk] = periods.periods(sla.period, first, days[contract.pk])[-count:]
        plan.append((contract.pk, items, ranges_of[contract.pk]))
    found = series_many(plan)
    rows, charts, totals = [], [], []
    for contract in contracts:
        (sla, items), results = in_force.get(contract.pk, (None, [])), evaluations.get(contract.pk, [])
        scored = [e.total for e in results if e.total is not None]
        totals += scored
        kpis = []
        if sla is not None:
            for item in items:
                points = kpi_points(sla, item, found[contract.pk], ranges_of[contract.pk])
                kpis.append({"name": item.kpi.name, "unit": item.kpi.unit, "target": item.target,
                             "weight": item.weight, "points": points, "cells": kpi_cells(points)})  # fmt: skip
        recent = results[-12:]
        pass_score = float(sla.pass_score) if sla else 60.0
        charts.append({"id": f"contract-{contract.pk}", "name": contract.number, "unit": "", "weight": "100",
                       "target": pass_score, "min": 0, "max": 100,
                       "bands": [{"from": 0, "to": pass_score, "rating": "red"},
                                 {"from": pass_score, "to": 100, "rating": "green"}],
                       "points": [{"period": e.period_label, "actual": float(e.total) if e.total is not None else None,
                                   "rating": {True: "green", False: "red"}.get(e.passed, "")} for e in recent],
                       "red": sum(1 for e in recent if e.passed is False)})  # fmt: skip
        rows.append({"contract": contract, "sla": sla, "kpis": kpis, "results": recent[::-1][:6],
                     "evaluations": len(results), "failed": sum(1 for e in results if e.passed is False),
                     "average": _average(scored), "latest": results[-1] if results else None,
                     "pip": pips.get(contract.pk), "chart": charts[-1]["id"]})  # fmt: skip
    return {"vendor": vendor, "rows": rows, "charts": charts, "average": _average(totals),
            "evaluations": sum(r["evaluations"] for r in rows), "failed": sum(r["failed"] for r in rows),
            "open_pips": sum(1 for r in rows if r["pip"])}  # fmt: skip


def _slas(days: dict[int, dt.date]) -> dict[int, tuple[SlaVersion, list[SlaItem]]]:
    """{contract id: (the SLA version in force on the contract's day, its items with their KPIs)}: three queries."""
    versions = SlaVersion.objects.filter(contract_id__in=list(days), status=ApprovalState.APPROVED).order_by(
        "contract_id", "-valid_from", "-version"
    )
    chosen: dict = {}
    for sla in versions:
        if sla.contract_id not in chosen and sla.valid_from <= days[sla.contract_id]:
            chosen[sla.contract_id] = sla
    # The items of the chosen versions, each KPI read once however many contracts measure it.
    items = list(SlaItem.objects.filter(sla__in=list(chosen.values())).order_by("sla_id", "id"))
    kpis = Kpi.objects.in_bulk({i.kpi_id for i in items})
    by_sla: dict[int, list] = {}
    for item in items:
        item.kpi = kpis[item.kpi_id]
        by_sla.setdefault(item.sla_id, []).append(item)
    return {cid: (sla, by_sla.get(sla.pk, [])) for cid, sla in chosen.items()}


def _average(scores) -> Decimal | None:
    scores = list(scores)
    return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01")) if scores else None


def qbr_section(request, meeting) -> dict | None:
    """The quarter's performance on a QBR's page (OPS-3): the contract's evaluations of the quarter and each KPI's
    quarter figure against its target — the evaluation's own figures."""
    user = getattr(request, "user", None)
    contract = getattr(meeting, "contract", None)
    if user is None or contract is None or not meeting.quarter or not user.has_perm("performance.read_record",
                                                                                     contract):  # fmt: skip
        return None
    start, end = periods.period_bounds("quarterly", meeting.quarter)
    results = Evaluation.objects.filter(contract=contract, period_start__gte=start, period_start__lte=end)
    results = list(results.exclude(status=EvaluationStatus.DRAFT).order_by("period_start"))
    sla, items = _slas({contract.pk: min(end, contract.end_date)}).get(contract.pk, (None, []))
    kpis = []
    if sla is not None:
        found = series_many([(contract.pk, items, [(start, end)])])[contract.pk]
        kpis = [{"name": item.kpi.name, "unit": item.kpi.unit, "target": item.target,
                 "point": kpi_points(sla, item, found, [(start, end)])[0]} for item in items]  # fmt: skip
    if not results and not kpis:
        return None
    return {"results": results, "kpis": kpis, "sla": sla, "contract": contract}
