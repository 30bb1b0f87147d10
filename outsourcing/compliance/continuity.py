"""Critical services (RSK-5, P3§4 管控措施1): HR marks a service category critical; each live contract of a critical
category needs the vendor's continuity plan and the company's fallback, tested and reviewed on dates the daily job
watches. Two indicators of the compliance app (RSK-2): a critical service's contract without a plan (or with its
review or test overdue), and vendor concentration (one vendor holding more than the configured share of a critical
category's live contract amount). Each is a few set-based queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_continuity import ContinuityPlan, CriticalService
from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today


def _keeper(actor) -> None:
    if not actor.has_perm("compliance.manage_risks"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR and legal keep the critical services."), status=403)


@transaction.atomic
def mark_critical(*, actor, category, reason: str) -> CriticalService:
    _keeper(actor)
    if category is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the service category."), field="category")
    required_text(reason, message=_("Say why the service is critical."), field="reason", max_length=300)
    marked = CriticalService.objects.filter(category=category).first() or CriticalService(category=category)
    marked.reason = reason.strip()
    marked.stamp(actor)
    marked.save()
    return marked


@transaction.atomic
def record_plan(*, actor, contract: Contract, vendor_plan: str, company_fallback: str, reviewed_on: dt.date,
                next_review_on: dt.date, tested_on: dt.date | None = None) -> ContinuityPlan:  # fmt: skip
    """The contract's continuity plan as reviewed (recorded again, it replaces the last review)."""
    _keeper(actor)
    required_text(vendor_plan, message=_("Describe the vendor's continuity plan."), field="vendor_plan")
    required_text(company_fallback, message=_("Describe the company's fallback."), field="company_fallback")
    if reviewed_on is None or reviewed_on > today() or (tested_on is not None and tested_on > today()):
        raise RuleViolation(ErrorCode.FUTURE_DATE, _("Review and test dates are today or earlier."),
                            field="reviewed_on")  # fmt: skip
    if next_review_on is None or next_review_on <= reviewed_on:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("The next review comes after this one."),
                            field="next_review_on")  # fmt: skip
    plan = ContinuityPlan.objects.filter(contract=contract).first() or ContinuityPlan(contract=contract)
    plan.vendor_plan, plan.company_fallback = vendor_plan.strip(), company_fallback.strip()
    plan.reviewed_on, plan.next_review_on, plan.tested_on = reviewed_on, next_review_on, tested_on
    plan.stamp(actor)
    plan.save()
    return plan


def critical_contracts():
    critical = CriticalService.objects.values("category_id")
    return Contract.objects.filter(status__in=LIVE_STATUSES, award__event__category_id__in=critical)


def plan_gaps(day: dt.date) -> list[Finding]:
    """A live contract of a critical service without a plan, with its review overdue or not tested within the
    configured days (two queries)."""
    contracts = list(critical_contracts().select_related("vendor", "award__event__category").order_by("number"))
    plans = {p.contract_id: p for p in ContinuityPlan.objects.filter(contract__in=contracts)}
    tested_since = day - dt.timedelta(days=settings.CONTINUITY_TEST_DAYS)
    found = []
    for contract in contracts:
        plan, name = plans.get(contract.pk), contract.award.event.category.name
        if plan is None:
            why = _("%(category)s is a critical service: no continuity plan recorded") % {"category": name}
        elif plan.next_review_on < day:
            why = _("%(category)s: the continuity plan's review was due on %(day)s") % {
                "category": name, "day": plan.next_review_on}  # fmt: skip
        elif plan.tested_on is None or plan.tested_on < tested_since:
            why = _("%(category)s: the continuity plan has not been tested since %(day)s") % {
                "category": name, "day": tested_since}  # fmt: skip
        else:
            continue
        found.append(Finding(key=f"contract:{contract.pk}", subject=f"{contract.number} {contract.title}",
                             evidence=why, url=contract.get_absolute_url(),
                             fix_url=reverse("compliance:critical_services"), vendor_id=contract.vendor_id,
                             contract_id=contract.pk, project_id=contract.project_id))  # fmt: skip
    return found


def concentration(day: dt.date) -> list[Finding]:
    """One vendor holding more than VENDOR_CONCENTRATION_SHARE of a critical category's live contract amount (one
    grouped query)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    rows = critical_contracts().order_by().values("award__event__category_id", "award__event__category__name",
                                                  "vendor_id", "vendor__name")  # fmt: skip
    by_vendor = list(rows.annotate(total=Sum("amount")))
    for row in by_vendor:
        totals[row["award__event__category_id"]] += row["total"] or Decimal(0)
    share_cap = settings.VENDOR_CONCENTRATION_SHARE
    found = []
    for row in by_vendor:
        whole = totals[row["award__event__category_id"]]
        if not whole or (row["total"] or 0) / whole <= share_cap:
            continue
        share = (row["total"] / whole * 100).quantize(Decimal("1"))
        found.append(Finding(
            key=f"category:{row['award__event__category_id']}:vendor:{row['vendor_id']}",
            subject=f"{row['award__event__category__name']} · {row['vendor__name']}",
            evidence=_("%(vendor)s holds %(share)s %% of the critical service %(category)s (more than %(cap)s %%)") % {
                "vendor": row["vendor__name"], "share": share, "category": row["award__event__category__name"],
                "cap": (share_cap * 100).quantize(Decimal("1"))},
            url=reverse("vendors:detail", args=[row["vendor_id"]]), fix_url=reverse("compliance:critical_services"),
            vendor_id=row["vendor_id"]))  # fmt: skip
    return found


def register() -> None:
    register_indicator("critical_service_without_plan", gettext_lazy("Critical service without a tested continuity "
                                                                     "plan"), "compliance", plan_gaps,
                       description=gettext_lazy("A live contract of a service marked critical has no continuity "
                                                "plan, or its review or test is overdue (RSK-5)."))  # fmt: skip
    register_indicator("vendor_concentration", gettext_lazy("Vendor concentration"), "compliance", concentration,
                       description=gettext_lazy("One vendor holds more than the configured share of a critical "
                                                "service (RSK-2)."))  # fmt: skip
