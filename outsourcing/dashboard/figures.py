"""The dashboards' figures (X-7): each one is the total of an app's own list selector, scoped to the viewer as
that list is, aggregated in the database (a fixed number of queries), and carries the link to that list with
the list's filters. Management sees the company, a department head the department (the selectors scope it),
HR the compliance view, a vendor its own settlements, workers and scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from outsourcing.compliance import ratio
from outsourcing.compliance import selectors as compliance
from outsourcing.compliance.models import LIVE_RISK, DispatchLevel, RiskStatus, rating_level
from outsourcing.compliance.models_incidents import IncidentKind, IncidentStatus
from outsourcing.contracts.models import LIVE_STATUSES
from outsourcing.contracts.selectors import contracts_for
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.dashboard.errors import ErrorCode
from outsourcing.performance.models import FINAL_STATUSES, EvaluationStatus
from outsourcing.performance.selectors import evaluations_for
from outsourcing.settlements.models import SettlementStatus
from outsourcing.settlements.selectors import amounts_of, settlements_for
from outsourcing.vendors.models import VendorStatus
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.vendors.selectors import vendors_for
from outsourcing.workforce.models import WorkerStatus
from outsourcing.workforce.selectors import workers_for

ZERO = Decimal("0")


@dataclass(frozen=True)
class Period:
    """The period every chart shares: a year ("2026") or a month ("2026-03")."""

    key: str
    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[dt.date]:
        first, found = self.start, []
        while first <= self.end:
            found.append(first)
            first = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return found


def parse_period(value: str | None, *, day: dt.date | None = None) -> Period:
    """The period asked for (default: this year); a malformed or a future one is refused."""
    day = day or today()
    text = (value or "").strip() or str(day.year)
    try:
        if len(text) == 4:
            year = int(text)
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif len(text) == 7 and text[4] == "-":
            start = dt.date(int(text[:4]), int(text[5:]), 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            raise ValueError(text)
    except ValueError as exc:
        raise RuleViolation(ErrorCode.BAD_PERIOD, _("A period is a year (2026) or a month (2026-03)."),
                            field="period") from exc  # fmt: skip
    if start > day:
        raise RuleViolation(ErrorCode.FUTURE_PERIOD, _("The period %(period)s has not begun yet: the figures of a "
                                                       "future period do not exist.") % {"period": text},
                            field="period")  # fmt: skip
    return Period(text, start, min(end, day))


def _url(name: str, **filters) -> str:
    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def _rows(found, field: str, label: str, *, total: str = "", link=None) -> list[dict]:
    """Grouped totals of a list, largest first: [{label, value, url}]."""
    values = (found.order_by().values(field, label).annotate(value=Sum(total) if total else Count("id"))
              .order_by("-value", label))  # fmt: skip
    return [{"label": row[label] or _("(none)"), "value": row["value"] or 0,
             "url": link(row[field]) if link and row[field] else ""} for row in values]  # fmt: skip


def spend(user, period: Period) -> dict:
    """Actual (paid in the period), committed (approved unpaid and the rest of the live contracts' value) and the
    budget of their projects; actual by department, vendor, category and month."""
    paid = settlements_for(user, status=SettlementStatus.PAID, paid_from=period.start, paid_until=period.end)
    approved = settlements_for(user, status=SettlementStatus.APPROVED)
    live = contracts_for(user).filter(status__in=LIVE_STATUSES).order_by()
    value = live.aggregate(amount=Sum("amount"))["amount"] or ZERO
    paid_on_live = amounts_of(settlements_for(user).filter(contract__in=live.values("pk")))["paid"]
    approved_unpaid = amounts_of(approved)["approved"]
    budget = _budget(live)
    actual = amounts_of(paid)["paid"]
    months = {row["month"]: row["value"] for row in paid.order_by().annotate(month=TruncMonth("payment__paid_on"))
              .values("month").annotate(value=Sum("payment__amount"))}  # fmt: skip
    link = _url("settlements:list", status=SettlementStatus.PAID, paid_from=period.start, paid_until=period.end)
    return {
        "actual": actual, "actual_url": link,
        "approved_unpaid": approved_unpaid, "approved_url": _url("settlements:list", status=SettlementStatus.APPROVED),
        "remaining": max(value - paid_on_live - approved_unpaid, ZERO),
        "committed": approved_unpaid + max(value - paid_on_live - approved_unpaid, ZERO),
        "budget": budget, "contracts_url": _url("contracts:list"),
        "by_department": _rows(paid, "contract__project__department_id", "contract__project__department__name",
                               total="payment__amount"),
        "by_vendor": _rows(paid, "contract__vendor_id", "contract__vendor__name", total="payment__amount",
                           link=lambda pk: reverse("vendors:detail", args=[pk])),
        "by_category": _rows(paid, "contract__award__event__category_id", "contract__award__event__category__name",
                             total="payment__amount"),
        "by_month": [{"label": f"{m:%Y-%m}", "value": _month_value(months, m),
                      "url": _url("settlements:list", status=SettlementStatus.PAID, paid_from=m,
                                  paid_until=(m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                                  - dt.timedelta(days=1))} for m in period.months],
    }  # fmt: skip


def _month_value(months: dict, month: dt.date) -> Decimal:
    for key, value in months.items():  # TruncMonth answers a date on SQLite and PostgreSQL alike
        if key and (key.year, key.month) == (month.year, month.month):
            return value or ZERO
    return ZERO


def _budget(live) -> Decimal:
    """The approved budgets of the projects the live contracts serve, each project once."""
    from outsourcing.demands.models import Project

    found = Project.objects.filter(pk__in=live.values("project_id")).aggregate(b=Sum("budget"))["b"]
    return found or ZERO


def headcount(user, period: Period) -> dict:
    """Outsourced workers on site by vendor, project and department; joiners and leavers in the period."""
    on_site = workers_for(user, status=WorkerStatus.ON_SITE)
    everyone = workers_for(user).order_by()
    moves = everyone.aggregate(joiners=Count("id", filter=_between("entered_on", period)),
                               leavers=Count("id", filter=_between("exited_on", period)))  # fmt: skip
    return {
        "on_site": on_site.count(), "on_site_url": _url("workforce:list", status=WorkerStatus.ON_SITE),
        "joiners": moves["joiners"], "leavers": moves["leavers"],
        "leavers_url": _url("workforce:list", status=WorkerStatus.EXITED),
        "by_vendor": _rows(on_site, "vendor_id", "vendor__name",
                           link=lambda pk: _url("workforce:list", status=WorkerStatus.ON_SITE, vendor=pk)),
        "by_project": _rows(on_site, "project_id", "project__name",
                            link=lambda pk: _url("workforce:list", status=WorkerStatus.ON_SITE, project=pk)),
        "by_department": _rows(on_site, "project__department_id", "project__department__name"),
    }  # fmt: skip


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def vendors(user) -> dict:
    """The pool by status (the strategic status is the top tier)."""
    counts = dict(vendors_for(user).order_by().values_list("status").annotate(n=Count("id")))
    rows = [{"label": str(label), "value": counts.get(code, 0), "url": _url("vendors:list", status=code)}
            for code, label in VendorStatus.choices]  # fmt: skip
    strategic = counts.get(VendorStatus.STRATEGIC, 0)
    return {"by_status": rows, "strategic": strategic, "total": sum(counts.values())}


def performance(user, period: Period) -> dict:
    """Grades of the final evaluations of periods starting in this one, by month; the worst five; disputes."""
    found = evaluations_for(user).filter(period_start__gte=period.start, period_start__lte=period.end)
    final = found.filter(status__in=FINAL_STATUSES)
    grades = [{"label": row["grade"] or _("(none)"), "value": row["n"]}
              for row in final.order_by().values("grade").annotate(n=Count("id")).order_by("grade")]  # fmt: skip
    by_month = list(final.order_by().annotate(month=TruncMonth("period_start")).values("month", "grade")
                    .annotate(n=Count("id")).order_by("month", "grade"))  # fmt: skip
    worst = list(final.exclude(total=None).order_by("total", "contract__number", "period_start")[:5])
    disputes = evaluations_for(user, status=EvaluationStatus.DISPUTED).count()
    return {
        "grades": grades,
        "by_month": [{"month": f"{row['month']:%Y-%m}", "grade": row["grade"], "value": row["n"]}
                     for row in by_month if row["month"]],
        "worst": [{"label": f"{e.contract.vendor.name} · {e.contract.number} · {e.period_start:%Y-%m}",
                   "value": e.total, "grade": e.grade, "url": e.get_absolute_url()} for e in worst],
        "evaluations_url": _url("performance:evaluation_list"),
        "disputes": disputes, "disputes_url": _url("performance:evaluation_list", status=EvaluationStatus.DISPUTED),
    }  # fmt: skip


def dispatch_ratio(period: Period) -> dict:
    """The dispatch ratio at the period's end against its cap (RSK-7), as the compliance page computes it."""
    found = ratio.current(min(period.end, today()))
    return {"percent": found.percent, "cap": found.cap, "above": found.above, "near": found.near,
            "url": _url("compliance:dispatch_ratio")}  # fmt: skip


def risks(user) -> dict:
    """Live risks by inherent level and by status, the disguised-dispatch scores by level (compliance readers)."""
    live = compliance.risks(live=True).order_by().values_list("status", "likelihood", "impact")
    by_level = {"high": 0, "medium": 0, "low": 0}
    by_status = dict.fromkeys(LIVE_RISK, 0)
    for status, likelihood, impact in live:
        by_level[rating_level(likelihood * impact)] += 1
        by_status[status] += 1
    scores = dict(compliance.scores().order_by().values_list("level").annotate(n=Count("id")))
    labels = dict(RiskStatus.choices)
    return {
        "open": sum(by_status.values()),
        "by_level": [{"label": level, "value": n, "url": _url("compliance:risk_list")}
                     for level, n in by_level.items()],
        "by_status": [{"label": str(labels[code]), "value": n, "url": _url("compliance:risk_list", status=code)}
                      for code, n in by_status.items()],
        "scores": [{"label": str(label), "value": scores.get(code, 0), "url": _url("compliance:score_list")}
                   for code, label in DispatchLevel.choices],
    }  # fmt: skip


def incidents(user, period: Period) -> dict:
    """Incidents that occurred in the period, by kind; how many are still open."""
    found = compliance.incidents_for(user).filter(occurred_on__gte=period.start, occurred_on__lte=period.end)
    counts = dict(found.order_by().values_list("kind").annotate(n=Count("id")))
    kinds = [{"label": str(label), "value": counts[code], "url": _url("compliance:incident_list", kind=code)}
             for code, label in IncidentKind.choices if counts.get(code)]  # fmt: skip
    return {"in_period": sum(row["value"] for row in kinds), "by_kind": kinds,
            "open": compliance.incidents_for(user, status=IncidentStatus.OPEN).count(),
            "open_url": _url("compliance:incident_list", status=IncidentStatus.OPEN)}  # fmt: skip


def figures_for(user, period: Period) -> dict:
    """Every panel the user may see, each under the permission of the list behind it."""
    found: dict = {"period": {"key": period.key, "start": period.start, "end": period.end}}
    if user.has_perm("settlements.view_settlements"):
        found["spend"] = spend(user, period)
        if user.is_vendor_user:  # the company's budget and its other commitments are internal
            for key in ("budget", "remaining", "committed"):
                found["spend"].pop(key)
    if user.has_perm("workforce.view_workers"):
        found["headcount"] = headcount(user, period)
    if user.has_perm("vendors.view_pool") and not user.is_vendor_user:
        found["vendors"] = vendors(user)
    if user.has_perm("performance.view_performance"):
        found["performance"] = performance(user, period)
        own = vendor_id_of(user) if user.is_vendor_user else None
        if own:  # the vendor's own scorecard, where its grades come from
            found["performance"]["scorecard_url"] = reverse("performance:scorecard", args=[own])
    if user.has_perm("compliance.view_compliance"):
        found["risks"] = risks(user)
        found["risks"]["dispatch_ratio"] = dispatch_ratio(period)
    if user.has_perm("compliance.view_incidents"):
        found["incidents"] = incidents(user, period)
    return found
