"""Reading risk and compliance: the indicators with their open findings (RSK-2), the register and its heat map
(RSK-1)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet

from outsourcing.compliance.models import LIVE_RISK, FindingStatus, IndicatorFinding, IndicatorRun, Risk
from outsourcing.core.indicators import indicators
from outsourcing.org.models import Role, RoleAssignment


def hr_ids() -> list[int]:
    return list(RoleAssignment.objects.filter(role=Role.HR, user__is_active=True)
                .values_list("user_id", flat=True).distinct())  # fmt: skip


def indicator_rows() -> list[dict]:
    """Every registered indicator with its open findings and its last run (two queries)."""
    counts = dict(IndicatorFinding.objects.filter(status=FindingStatus.OPEN).order_by()
                  .values_list("indicator").annotate(n=Count("id")))  # fmt: skip
    last_day = IndicatorRun.objects.aggregate(day=Max("day"))["day"]
    last_runs = {run.indicator: run for run in IndicatorRun.objects.filter(day=last_day)} if last_day else {}
    return [{"code": i.code, "label": i.label, "owner_app": i.owner_app, "description": i.description,
             "open": counts.get(i.code, 0), "last_run": last_runs.get(i.code)} for i in indicators()]  # fmt: skip


def findings(*, indicator: str = "", status: str = FindingStatus.OPEN, vendor_id=None, contract_id=None,
             project_id=None) -> QuerySet:  # fmt: skip
    found = IndicatorFinding.objects.all()
    if indicator:
        found = found.filter(indicator=indicator)
    if status:
        found = found.filter(status=status)
    for field, value in (("vendor_id", vendor_id), ("contract_id", contract_id), ("project_id", project_id)):
        if value:
            found = found.filter(**{field: value})
    return found.annotate(live_risks=Count("risks", filter=Q(risks__status__in=LIVE_RISK))).order_by(
        "indicator", "-opened_on", "id"
    )


def risks(*, status: str = "", category: str = "", search: str = "", live: bool = False) -> QuerySet:
    found = Risk.objects.select_related("owner", "vendor", "contract", "project", "finding")
    if status:
        found = found.filter(status=status)
    if live:
        found = found.filter(status__in=LIVE_RISK)
    if category:
        found = found.filter(category=category)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(title__icontains=search))
    return found


def risks_due_for_review(day: dt.date) -> QuerySet:
    return Risk.objects.filter(status__in=LIVE_RISK, review_on__lte=day).select_related("owner")


def heat_map(found) -> dict:
    """Live risks counted per likelihood × impact cell (inherent and residual), for the chart: 5×5 cells."""
    cells = {"inherent": {}, "residual": {}}
    rows = (
        found.filter(status__in=LIVE_RISK)
        .order_by()
        .values_list("likelihood", "impact", "residual_likelihood", "residual_impact")
    )
    for likelihood, impact, r_likelihood, r_impact in rows:
        cells["inherent"][(likelihood, impact)] = cells["inherent"].get((likelihood, impact), 0) + 1
        cells["residual"][(r_likelihood, r_impact)] = cells["residual"].get((r_likelihood, r_impact), 0) + 1
    return {kind: [{"x": imp, "y": lik, "count": n, "score": lik * imp} for (lik, imp), n in sorted(counted.items())]
            for kind, counted in cells.items()}  # fmt: skip


def live_risks_of(**link) -> QuerySet:
    return Risk.objects.filter(status__in=LIVE_RISK, **link).select_related("owner")
