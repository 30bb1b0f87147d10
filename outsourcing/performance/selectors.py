"""Reads of performance management, scoped to what the user may see, at a fixed number of queries; and the
period figures the evaluation and the dashboard share (PRF-4: the dashboard shows exactly what is scored)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet, Sum

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import LIVE_STATUSES, Amendment, ChangeKind, Contract, ContractStatus
from outsourcing.operations.selectors import scoped
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, Role
from outsourcing.org.selectors import subtree_ids
from outsourcing.performance import bands, periods, sources
from outsourcing.performance.models import (
    FINAL_STATUSES,
    DataSource,
    Evaluation,
    EvaluationItem,
    EvaluationStatus,
    Kpi,
    KpiValue,
    Pip,
    PipStatus,
    PlanStatus,
    RectificationPlan,
    SlaItem,
    SlaVersion,
    VendorFeedback,
    VendorReport,
)
from outsourcing.vendors.permissions import vendor_id_of

AGGREGATES = {"avg": Avg, "sum": Sum, "min": Min, "max": Max}
DISPUTE_STATUSES = (EvaluationStatus.DISPUTED, EvaluationStatus.RESOLVED)


# ---------------------------------------------------------------------------------------------------
# KPI library and SLAs


def kpis_for(user, *, category: str = "", search: str = "", usable: bool | None = None) -> QuerySet:
    """The library for company staff; a vendor user sees only the KPIs of its own contracts' SLAs."""
    found = Kpi.objects.all()
    if getattr(user, "is_vendor_user", False):
        own = vendor_id_of(user)
        found = found.filter(sla_items__sla__contract__vendor_id=own).distinct() if own else found.none()
    if category:
        found = found.filter(category=category)
    if search:
        found = found.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return found.order_by("category", "code")


def slas_for(user, *, contract_id: int | None = None, status: str = "") -> QuerySet:
    found = scoped(user, SlaVersion.objects.all())
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if status:
        found = found.filter(status=status)
    return (
        found.select_related("contract__vendor", "contract__project", "created_by")
        .prefetch_related(Prefetch("items", queryset=SlaItem.objects.select_related("kpi")))
        .order_by("contract__number", "-version")
    )  # fmt: skip


def sla_in_force(contract_id: int, day: dt.date) -> SlaVersion | None:
    """The approved version with the latest start on or before `day` (PRF-2: an evaluation points at it)."""
    return (
        SlaVersion.objects.filter(contract_id=contract_id, status=ApprovalState.APPROVED, valid_from__lte=day)
        .select_related("contract").prefetch_related(Prefetch("items", queryset=SlaItem.objects.select_related("kpi")))
        .order_by("-valid_from", "-version").first()
    )  # fmt: skip


def current_slas(contract_ids, day: dt.date) -> dict[int, SlaVersion]:
    found: dict[int, SlaVersion] = {}
    rows = SlaVersion.objects.filter(contract_id__in=list(contract_ids), status=ApprovalState.APPROVED,
                                     valid_from__lte=day)  # fmt: skip
    rows = rows.order_by("contract_id", "-valid_from", "-version")
    for sla in rows:
        found.setdefault(sla.contract_id, sla)
    return found


def slas_due_for_review(day: dt.date, *, months: int = 6) -> list[SlaVersion]:
    """Versions in force longer than `months` on a live contract with no newer version (PRF-2's review)."""
    limit = day - dt.timedelta(days=months * 30)
    latest = current_slas(Contract.objects.filter(status__in=LIVE_STATUSES).values_list("pk", flat=True), day)
    pending = set(SlaVersion.objects.filter(status=ApprovalState.IN_APPROVAL).values_list("contract_id", flat=True))
    return [sla for cid, sla in latest.items() if sla.valid_from < limit and cid not in pending]


def slas_changed_under(day: dt.date) -> list[tuple[SlaVersion, Amendment]]:
    """(version in force, amendment) for live contracts amended in scope or price (an approved amendment, not a
    renewal agreement) after their SLA version was approved, with no newer version in approval: the SLA is
    reviewed after a major contract change, besides the six-month rule (PRF-2). Two queries."""
    latest = current_slas(Contract.objects.filter(status__in=LIVE_STATUSES).values_list("pk", flat=True), day)
    pending = set(SlaVersion.objects.filter(status=ApprovalState.IN_APPROVAL).values_list("contract_id", flat=True))
    changes = Amendment.objects.filter(contract_id__in=list(latest), kind=ChangeKind.AMENDMENT,
                                       status=ApprovalState.APPROVED).order_by("-updated_at", "-id")  # fmt: skip
    found, seen = [], set()
    for amendment in changes.select_related("contract__project"):
        sla = latest[amendment.contract_id]
        approved = sla.approved_at or sla.created_at
        if amendment.contract_id in seen or amendment.contract_id in pending or amendment.updated_at <= approved:
            continue
        seen.add(amendment.contract_id)
        sla.contract = amendment.contract
        found.append((sla, amendment))
    return found


def live_contracts(user, *, perm: str) -> list[Contract]:
    found = scoped(user, Contract.objects.filter(status__in=LIVE_STATUSES), contract="")
    found = found.select_related("vendor", "project__department").order_by("-start_date", "-id")
    return [contract for contract in found if user.has_perm(perm, contract)]


# ---------------------------------------------------------------------------------------------------
# Values (PRF-3)


def values_for(user, *, contract_id: int | None = None, kpi_id: int | None = None, search: str = "",
               history: bool = False) -> QuerySet:  # fmt: skip
    found = scoped(user, KpiValue.objects.all())
    if not history:
        found = found.filter(replaced_by__isnull=True)
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if kpi_id:
        found = found.filter(kpi_id=kpi_id)
    if search:
        found = found.filter(Q(contract__number__icontains=search) | Q(kpi__code__icontains=search)
                             | Q(kpi__name__icontains=search))  # fmt: skip
    return found.select_related("contract__vendor", "kpi", "created_by", "replaced_by").order_by("-measured_on",
                                                                                                "-id")  # fmt: skip


def value_for(user, pk: int) -> KpiValue:
    return values_for(user, history=True).get(pk=pk)


def value_history(value: KpiValue) -> list[KpiValue]:
    """The value and every earlier value it corrects, newest first."""
    chain, current = [value], value
    while True:
        earlier = KpiValue.objects.filter(replaced_by=current).select_related("created_by").first()
        if earlier is None:
            return chain
        chain.append(earlier)
        current = earlier


# ---------------------------------------------------------------------------------------------------
# The period figures: one grouped query for the values, one per computed source and period


@dataclass(frozen=True)
class Figure:
    actual: Decimal | None
    inputs: dict


def period_figures(*, contract: Contract, items, start: dt.date, end: dt.date) -> dict[int, Figure]:
    """{kpi id: Figure} for the SLA items over [start, end]: entered values aggregated in the database (the
    item's period figure), computed KPIs from the system's data. A KPI without data has actual None."""
    return series(contract=contract, items=items, ranges=[(start, end)])[(start, end)]


def series(*, contract: Contract, items, ranges: list[tuple[dt.date, dt.date]]) -> dict:
    """{(start, end): {kpi id: Figure}} for several periods of one contract (see `series_many`)."""
    return series_many([(contract.pk, items, ranges)])[contract.pk]


def series_many(plan) -> dict[int, dict]:
    """{contract id: {(start, end): {kpi id: Figure}}} for [(contract id, SLA items, periods)]: one grouped query
    per aggregation for every entered KPI, contract and period together, one per computed source and period —
    whatever the number of contracts (the evaluation, the dashboard and the vendor's scorecard read this)."""
    plan = [(cid, list(items), list(ranges)) for cid, items, ranges in plan]
    result: dict = {cid: {r: {} for r in ranges} for cid, _items, ranges in plan}
    plan = [row for row in plan if row[2]]
    if not plan:
        return result
    by_aggregation: dict[str, set[int]] = {}
    computed: dict[tuple, set[int]] = {}
    for cid, items, ranges in plan:
        for item in items:
            if item.kpi.data_source == DataSource.COMPUTED:
                for bounds in ranges:
                    computed.setdefault((item.kpi.computed_from, bounds), set()).add(cid)
            else:
                by_aggregation.setdefault(item.aggregation, set()).add(item.kpi_id)
    first = min(r[0][0] for _c, _i, r in plan)
    last = max(r[-1][1] for _c, _i, r in plan)
    contract_ids = [cid for cid, _i, _r in plan]
    months: dict[str, dict] = {}
    for aggregation, kpi_ids in by_aggregation.items():
        rows = (
            KpiValue.objects.filter(contract_id__in=contract_ids, kpi_id__in=sorted(kpi_ids), replaced_by__isnull=True,
                                    period_start__gte=periods.month_start(first), period_start__lte=last)
            .order_by().values("contract_id", "kpi_id", "period_start")
            .annotate(figure=AGGREGATES[aggregation]("value"), count=Count("value"))
        )  # fmt: skip
        found = months.setdefault(aggregation, {})
        for row in rows:
            found[(row["contract_id"], row["kpi_id"], row["period_start"])] = (row["figure"], row["count"])
    figures = {key: sources.compute(key[0], contract_ids=sorted(cids), start=key[1][0], end=key[1][1])
               for key, cids in computed.items()}  # fmt: skip
    month_lists = {bounds: periods.months(*bounds) for _c, _i, ranges in plan for bounds in ranges}
    for cid, items, ranges in plan:
        for item in items:
            for start, end in ranges:
                if item.kpi.data_source == DataSource.COMPUTED:
                    value, inputs = figures[(item.kpi.computed_from, (start, end))].get(cid, (None, {}))
                    figure = Figure(value, {"source": item.kpi.computed_from, **inputs})
                else:
                    found = months[item.aggregation]
                    figure = _combine(item.aggregation, [(m, found[(cid, item.kpi_id, m)])
                                                         for m in month_lists[(start, end)]
                                                         if (cid, item.kpi_id, m) in found])  # fmt: skip
                result[cid][(start, end)][item.kpi_id] = figure
    return result


def _combine(aggregation: str, found: list) -> Figure:
    """A quarter's figure from its months' figures (a month's is its own)."""
    if not found:
        return Figure(None, {})
    count = sum(c for _m, (_f, c) in found)
    figures = [Decimal(f) for _m, (f, _c) in found]
    if aggregation == "sum":
        value = sum(figures, Decimal(0))
    elif aggregation == "min":
        value = min(figures)
    elif aggregation == "max":
        value = max(figures)
    else:  # the average of every value: each month's average weighted by its count
        value = sum((Decimal(f) * c for _m, (f, c) in found), Decimal(0)) / count
    return Figure(value.quantize(Decimal("0.0001")), {"aggregation": aggregation, "values": count,
                                                      "months": [m.isoformat()[:7] for m, _x in found]})  # fmt: skip


def rating_of(item, actual: Decimal | None) -> tuple[str, Decimal | None]:
    """(rating, score) of a figure by the item's thresholds; ("", None) without data."""
    if actual is None:
        return "", None
    band = bands.band_of(item.thresholds, actual)
    if band is None:
        return "", None
    return band["rating"], Decimal(band["score"])


# ---------------------------------------------------------------------------------------------------
# Evaluations (PRF-6)


def evaluations_for(user, *, status: str = "", contract_id: int | None = None, search: str = "") -> QuerySet:
    found = scoped(user, Evaluation.objects.all())
    if getattr(user, "is_vendor_user", False):
        found = found.exclude(status=EvaluationStatus.DRAFT)  # a draft is the company's working paper
    if status in EvaluationStatus.values:
        found = found.filter(status=status)
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(contract__number__icontains=search))
    return found.select_related("contract__vendor", "contract__project", "sla").order_by("-period_start", "-id")


def evaluation_for(user, pk: int) -> Evaluation:
    return evaluations_for(user).select_related("answered_by", "created_by").prefetch_related(
        Prefetch("items", queryset=EvaluationItem.objects.select_related("resolved_by", "resolved_with_hr"))
    ).get(pk=pk)  # fmt: skip


def published_past_deadline(day: dt.date) -> QuerySet:
    return Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED, answer_by__lt=day)


def published_answer_due(day: dt.date, *, within: int = 3) -> QuerySet:
    return Evaluation.objects.filter(
        status=EvaluationStatus.PUBLISHED, answer_by__gte=day, answer_by__lte=day + dt.timedelta(days=within)
    ).select_related("contract")


def disputes_open(day: dt.date) -> QuerySet:
    return Evaluation.objects.filter(status=EvaluationStatus.DISPUTED).select_related("contract__project")


def final_results(contract_id: int) -> list[Evaluation]:
    """The contract's final evaluations, newest first (for the PIP trigger)."""
    return list(Evaluation.objects.filter(contract_id=contract_id, status__in=FINAL_STATUSES)
                .order_by("-period_start", "-id"))  # fmt: skip


def finished_periods(day: dt.date) -> list[tuple[Contract, dt.date, dt.date]]:
    """(contract, start, end) of the last finished period of each live contract with an SLA in force."""
    found = []
    contracts = list(Contract.objects.filter(status__in=LIVE_STATUSES).select_related("project", "vendor"))
    slas = current_slas([c.pk for c in contracts], day)
    for contract in contracts:
        sla = slas.get(contract.pk)
        if sla is None:
            continue
        start, end = periods.period_bounds(sla.period, day)
        start, end = periods.period_bounds(sla.period, start - dt.timedelta(days=1))
        if end >= contract.start_date and end >= sla.valid_from:
            found.append((contract, start, end))
    return found


def evaluations_due(day: dt.date) -> list[tuple[Contract, dt.date, dt.date]]:
    """(contract, start, end) of the last finished period of each live contract with an SLA and no evaluation."""
    done = set(Evaluation.objects.values_list("contract_id", "period_start"))
    return [(c, start, end) for c, start, end in finished_periods(day) if (c.pk, start) not in done]


# ---------------------------------------------------------------------------------------------------
# Rectification plans and PIPs (PRF-7)


def plans_for(user, *, status: str = "") -> QuerySet:
    found = scoped(user, RectificationPlan.objects.all())
    if status:
        found = found.filter(status=status)
    return found.select_related("contract__vendor", "evaluation").order_by("-created_at", "-id")


def plan_for(user, pk: int) -> RectificationPlan:
    return plans_for(user).select_related("decided_by").get(pk=pk)


def plans_overdue(day: dt.date) -> QuerySet:
    return RectificationPlan.objects.filter(status__in=[PlanStatus.REQUESTED, PlanStatus.RETURNED],
                                            submit_by__lt=day).select_related("contract__project")  # fmt: skip


def plans_past_deadline(day: dt.date) -> QuerySet:
    return RectificationPlan.objects.filter(status=PlanStatus.ACCEPTED, deadline__lt=day,
                                            evaluation__contract__status__in=LIVE_STATUSES)  # fmt: skip


def pips_for(user, *, status: str = "") -> QuerySet:
    found = scoped(user, Pip.objects.all())
    if status:
        found = found.filter(status=status)
    return found.select_related("contract__vendor", "contract__project").order_by("-created_at", "-id")


def pip_for(user, pk: int) -> Pip:
    return pips_for(user).prefetch_related("milestones", "triggered_by").select_related("closed_by").get(pk=pk)


def pips_due(day: dt.date) -> QuerySet:
    return (
        Pip.objects.filter(status__in=[PipStatus.OPEN, PipStatus.EXTENDED])
        .filter(Q(extended_to__isnull=True, deadline__lt=day) | Q(extended_to__lt=day))
        .select_related("contract__project")
    )


# ---------------------------------------------------------------------------------------------------
# The vendor's reports (PRF-5) and feedback on the company (PRF-8)


def reports_for(user) -> QuerySet:
    return scoped(user, VendorReport.objects.all()).select_related("contract__vendor", "created_by").order_by(
        "-period_start", "-id")  # fmt: skip


def report_for(user, pk: int) -> VendorReport:
    return reports_for(user).select_related("contract__project").get(pk=pk)


def feedback_for(user) -> QuerySet:
    """A vendor: its own; HR and internal audit: all; the project's department: its projects'; nobody else."""
    if not getattr(user, "is_authenticated", False):
        return VendorFeedback.objects.none()
    found = VendorFeedback.objects.all()
    if user.is_vendor_user:
        found = scoped(user, found)
    elif not ({Role.HR, Role.AUDITOR} & set(user.role_codes)):
        own = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
        found = found.filter(contract__project__department_id__in=subtree_ids(own)) if own else found.none()
    return found.select_related("contract__vendor", "created_by").order_by("-period_start", "-id")


# ---------------------------------------------------------------------------------------------------
# The dashboard (PRF-4), the contract and vendor pages' sections


def dashboard(contract: Contract, *, day: dt.date, count: int = 12) -> dict:
    """Each KPI of the SLA in force: its actual per period against the target, with the bands, over the last
    `count` periods of the contract's term — from `series`, the evaluation's own figures."""
    sla = sla_in_force(contract.pk, day) or sla_in_force(contract.pk, contract.end_date)
    if sla is None:
        return {"sla": None, "charts": []}
    last = min(day, contract.end_date)
    ranges = periods.periods(sla.period, max(contract.start_date, sla.valid_from), last)[-count:]
    items = list(sla.items.all())
    found = series(contract=contract, items=items, ranges=ranges)
    charts = []
    for item in items:
        points = []
        for start, end in ranges:
            figure = found[(start, end)].get(item.kpi_id, Figure(None, {}))
            rating, _score = rating_of(item, figure.actual)
            label = f"{start.year}Q{(start.month - 1) // 3 + 1}" if sla.period == "quarterly" else f"{start:%Y-%m}"
            points.append({"period": label, "actual": float(figure.actual) if figure.actual is not None else None,
                           "rating": rating})  # fmt: skip
        charts.append({"id": f"kpi-{item.kpi_id}", "name": item.kpi.name, "unit": item.kpi.unit,
                       "target": float(item.target), "weight": str(item.weight),
                       "min": float(item.kpi.minimum), "max": float(item.kpi.maximum),
                       "bands": [{"from": float(b["from"]), "to": float(b["to"]), "rating": b["rating"]}
                                 for b in item.thresholds],
                       "points": points, "red": sum(1 for p in points if p["rating"] == "red")})  # fmt: skip
    return {"sla": sla, "charts": charts}


def contract_results(contract_ids) -> dict[int, list[Evaluation]]:
    found: dict[int, list[Evaluation]] = {}
    for evaluation in Evaluation.objects.filter(contract_id__in=list(contract_ids)).exclude(
            status=EvaluationStatus.DRAFT).order_by("-period_start"):  # fmt: skip
        found.setdefault(evaluation.contract_id, []).append(evaluation)
    return found


def contract_section(request, contract) -> dict | None:
    """The SLA in force, the latest results, open plans and PIP on the contract's page (PRF-4, CON-6)."""
    user = getattr(request, "user", None)
    if user is None or contract.status not in (*LIVE_STATUSES, ContractStatus.CLOSED):
        return None
    if not user.has_perm("performance.read_record", contract):
        return None
    from outsourcing.core.timeutil import today

    results = contract_results([contract.pk]).get(contract.pk, [])
    if user.is_vendor_user:
        results = [r for r in results if r.status != EvaluationStatus.DRAFT]
    return {"contract": contract, "sla": sla_in_force(contract.pk, today()), "results": results[:6],
            "evaluations": len(results), "disputes": sum(1 for r in results if r.status in DISPUTE_STATUSES),
            "plans": RectificationPlan.objects.filter(contract=contract).count(),
            "pips": list(Pip.objects.filter(contract=contract).order_by("-created_at")),
            "may_draft": user.has_perm("performance.draft_sla", contract)}  # fmt: skip


def vendor_section(request, vendor) -> dict | None:
    """The vendor's performance history (VEN-6): its evaluations' grades per contract, staff only."""
    user = getattr(request, "user", None)
    if user is None or user.is_vendor_user or not user.has_perm("performance.view_performance"):
        return None
    results = scoped(user, Evaluation.objects.filter(contract__vendor=vendor).exclude(status=EvaluationStatus.DRAFT))
    results = list(results.select_related("contract").order_by("-period_start")[:12])
    pips = scoped(user, Pip.objects.filter(contract__vendor=vendor)).select_related("contract")
    if not results and not pips:
        return None
    return {"vendor": vendor, "results": results, "pips": list(pips)}
