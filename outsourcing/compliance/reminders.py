"""Daily checks of risk and compliance (run by `manage.py run_daily_jobs`): every registered indicator (RSK-2),
its new findings told to HR once each; risks due for review told to their owner (RSK-1); the
disguised-dispatch signs and scores per project, a level change told to HR (RSK-3)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from outsourcing.compliance import arrears, daily, department_report, incidents, ratio, scores, selectors
from outsourcing.compliance.models_audits import Audit
from outsourcing.core.indicators import indicator
from outsourcing.core.notices import Notice, daily_check
from outsourcing.org.models import Role


@daily_check("compliance.indicators")
def indicators(today: dt.date) -> list[Notice]:
    hr = selectors.hr_ids()
    notices = []
    for outcome in daily.run_all(today):
        if not outcome.opened:
            continue
        entry = indicator(outcome.indicator)
        title = _("%(indicator)s: %(count)s new") % {"indicator": entry.label if entry else outcome.indicator,
                                                     "count": len(outcome.opened)}  # fmt: skip
        url = reverse("compliance:indicator_detail", args=[outcome.indicator])
        notices += [Notice(recipient_id=uid, title=title, url=url, level="warning",
                           dedup_key=f"indicator:{outcome.indicator}:{today}") for uid in hr]  # fmt: skip
    return notices


@daily_check("compliance.risk_reviews")
def risk_reviews(today: dt.date) -> list[Notice]:
    return [
        Notice(recipient_id=risk.owner_id, title=_("Review the risk %(risk)s (due %(day)s)")
               % {"risk": str(risk), "day": risk.review_on}, url=risk.get_absolute_url(), level="warning",
               dedup_key=f"risk-review:{risk.pk}:{risk.review_on}")
        for risk in selectors.risks_due_for_review(today)
    ]  # fmt: skip


@daily_check("compliance.dispatch_scores")
def dispatch_scores(today: dt.date) -> list[Notice]:
    """Every disguised-dispatch sign, then every project's score; a level change is told to HR (RSK-3)."""
    scores.run_signs(today)
    return scores.rescore(today)


@daily_check("compliance.work_injury_clock")
def work_injury_clock(today: dt.date) -> list[Notice]:
    """INC-3: reminders on days 7, 20 and 28 (settings) without the vendor's filing receipt; escalation after 30."""
    return incidents.injury_clock(today)


@daily_check("compliance.annual_audit")
def annual_audit(today: dt.date) -> list[Notice]:
    """AUD-1: at least one special audit a year (P3§7): while the year has none, HR and internal audit are reminded
    once a month."""
    if Audit.objects.filter(year=today.year).exists():
        return []
    title = _("No special audit of outsourcing for %(year)s yet: open this year's audit") % {"year": today.year}
    return [Notice(recipient_id=uid, title=title, url=reverse("compliance:audit_list"), level="warning",
                   dedup_key=f"audit-missing:{today.year}:{today.month}")
            for uid in incidents.role_ids(Role.HR, Role.AUDITOR)]  # fmt: skip


@daily_check("compliance.wage_arrears")
def wage_arrears(today: dt.date) -> list[Notice]:
    """RSK-4: proofs reporting an unpaid wage become wage-arrears incidents, once each."""
    return arrears.raise_wage_arrears(today)


@daily_check("compliance.dispatch_ratio")
def dispatch_ratio(today: dt.date) -> list[Notice]:
    """RSK-7: HR is alerted while the dispatch ratio is above the cap (once a month)."""
    return ratio.alert(today, selectors.hr_ids())


@daily_check("compliance.department_reports")
def department_reports(today: dt.date) -> list[Notice]:
    """AUD-3: each quarter the department heads are told their outsourcing risk report is ready."""
    return department_report.quarterly_notices(today)
