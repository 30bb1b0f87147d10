"""The settlements' daily risk indicator (RSK-2, RSK-4) and disguised-dispatch sign (RSK-3), run and kept by the
compliance app: a settlement paid for months whose compliance proofs were never accepted, and an invoice itemised
as labour dispatch on an outsourcing contract. Each is answered by a few set-based queries."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.indicators import DISPATCH_INVOICE_WORDS
from outsourcing.core.indicators import Finding, register_indicator, register_sign
from outsourcing.core.money import format_cny
from outsourcing.demands.models import Project, ProjectStatus
from outsourcing.settlements.budget import figures_for
from outsourcing.settlements.models import AcceptanceLine, AdjustmentLine, Invoice, Settlement, SettlementStatus
from outsourcing.workforce.models import MonthlyProof, ProofStatus, Worker


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def paid_without_proofs(day: dt.date) -> list[Finding]:
    """A paid settlement covering a month in which the vendor had workers on the project and HR never accepted that
    month's proofs (WRK-6, RSK-4: the company's joint wage liability). Three queries, whatever the number of rows."""
    paid = list(Settlement.objects.filter(status=SettlementStatus.PAID).select_related("contract"))
    if not paid:
        return []
    vendors = {s.contract.vendor_id for s in paid}
    projects = {s.contract.project_id for s in paid}
    accepted = set(MonthlyProof.objects.filter(vendor_id__in=vendors, project_id__in=projects,
                                               status=ProofStatus.ACCEPTED)
                   .values_list("vendor_id", "project_id", "month"))  # fmt: skip
    staffed: dict[tuple[int, int], list[tuple]] = {}
    for v, p, entered, exited in Worker.objects.filter(vendor_id__in=vendors, project_id__in=projects,
                                                       entered_on__isnull=False).values_list(
            "vendor_id", "project_id", "entered_on", "exited_on"):  # fmt: skip
        staffed.setdefault((v, p), []).append((entered, exited))
    findings = []
    for settlement in paid:
        vendor, project = settlement.contract.vendor_id, settlement.contract.project_id
        workers = staffed.get((vendor, project), [])
        missing = [
            month for month in _months(settlement.period_start, settlement.period_end)
            if (vendor, project, month) not in accepted
            and any(entered <= _month_end(month) and (exited is None or exited >= month) for entered, exited in workers)
        ]  # fmt: skip
        if missing:
            findings.append(Finding(
                key=f"settlement:{settlement.pk}", subject=f"{settlement.number} {settlement.contract.number}",
                evidence=_("Paid without accepted compliance proofs for %(months)s")
                % {"months": "、".join(f"{m:%Y-%m}" for m in missing)},
                url=settlement.get_absolute_url(), fix_url=reverse("workforce:proof_list"),
                vendor_id=vendor, contract_id=settlement.contract_id, project_id=project))  # fmt: skip
    return findings


def dispatch_invoice_items(day: dt.date) -> list[Finding]:
    """RSK-3: an invoice the vendor submitted on an outsourcing contract itemised as 劳务派遣 or 人力资源外包 (one
    query): the tax item says the company buys people, not a service."""
    words = Q()
    for word in DISPATCH_INVOICE_WORDS:
        words |= Q(tax_item__contains=word)
    return [
        Finding(key=f"invoice:{i.pk}", subject=f"{i.number} {i.settlement.contract.number}",
                evidence=_("Invoice %(number)s is itemised as “%(item)s”") % {"number": i.number, "item": i.tax_item},
                url=i.settlement.get_absolute_url(), fix_url=i.settlement.get_absolute_url(),
                vendor_id=i.settlement.contract.vendor_id, contract_id=i.settlement.contract_id,
                project_id=i.settlement.contract.project_id)
        for i in Invoice.objects.filter(words).select_related("settlement__contract")
    ]  # fmt: skip


def budget_over_threshold(day: dt.date) -> list[Finding]:
    """RSK-2, SET-6: an active project whose paid and committed spend reached an alert threshold of its budget (the
    lowest of SETTLEMENT_BUDGET_ALERT_PERCENTS, default 80 %); five queries whatever the number of projects."""
    projects = list(Project.objects.filter(status=ProjectStatus.ACTIVE, budget__gt=0).select_related("demand"))
    found = figures_for(projects)
    return [
        Finding(key=f"project:{p.pk}", subject=f"{p.number} {p.name}",
                evidence=_("Spend %(used)s is %(percent)s%% of the budget %(budget)s (risk reserve %(reserve)s)")
                % {"used": format_cny(found[p.pk].used), "percent": found[p.pk].percent,
                   "budget": format_cny(found[p.pk].budget), "reserve": format_cny(found[p.pk].reserve)},
                url=p.get_absolute_url() + "#budget", fix_url=p.get_absolute_url() + "#budget", project_id=p.pk)
        for p in projects if found[p.pk].threshold is not None
    ]  # fmt: skip


def _latest_accepted() -> dict[int, Settlement]:
    """Each contract's latest accepted period that is not waived (one query): the signs below look at how the
    company settles now; a clean next period, or waiving the period, clears them."""
    latest: dict[int, Settlement] = {}
    for settlement in (Settlement.objects.filter(accepted_at__isnull=False).exclude(status=SettlementStatus.WAIVED)
                       .select_related("contract").order_by("contract_id", "-period_start", "-id")):  # fmt: skip
        latest.setdefault(settlement.contract_id, settlement)
    return latest


def _finding(settlement: Settlement, evidence: str) -> Finding:
    contract = settlement.contract
    return Finding(key=f"settlement:{settlement.pk}", subject=f"{settlement.number} {contract.number}",
                   evidence=evidence, url=settlement.get_absolute_url(), fix_url=contract.get_absolute_url(),
                   vendor_id=contract.vendor_id, contract_id=contract.pk, project_id=contract.project_id)  # fmt: skip


def pass_through_lines(day: dt.date) -> list[Finding]:
    """RSK-3: the latest accepted period's lines pass a worker's wage and social insurance (and a fee) through
    (SETTLEMENT_PASS_THROUGH_WORDS: both the wage and the social-insurance words found in its acceptance items or
    line reasons) — the company pays for people, not for a result (three queries)."""
    latest = _latest_accepted()
    texts: dict[int, list[str]] = {}
    for settlement_id, text in AcceptanceLine.objects.filter(settlement_id__in=[s.pk for s in latest.values()]
                                                             ).values_list("settlement_id", "description"):  # fmt: skip
        texts.setdefault(settlement_id, []).append(text)
    for settlement_id, text in AdjustmentLine.objects.filter(settlement_id__in=[s.pk for s in latest.values()]
                                                             ).values_list("settlement_id", "reason"):  # fmt: skip
        texts.setdefault(settlement_id, []).append(text)
    groups = settings.SETTLEMENT_PASS_THROUGH_WORDS
    findings = []
    for settlement in latest.values():
        text = " ".join(texts.get(settlement.pk, []))
        found = {group: [w for w in words if w in text] for group, words in groups.items()}
        if found.get("wage") and found.get("social_insurance"):
            words = "、".join(w for ws in found.values() for w in ws)
            findings.append(_finding(settlement, _("The settlement's lines pass the workers' pay through: %(words)s")
                                     % {"words": words}))  # fmt: skip
    return findings


def headcount_acceptance(day: dt.date) -> list[Finding]:
    """RSK-3: the latest accepted period was accepted by counting people (a quantity in SETTLEMENT_HEADCOUNT_UNITS,
    e.g. 人月) and not by output (two queries)."""
    latest = _latest_accepted()
    units = set(settings.SETTLEMENT_HEADCOUNT_UNITS)
    counted: dict[int, list[str]] = {}
    for settlement_id, unit, quantity in AcceptanceLine.objects.filter(
            settlement_id__in=[s.pk for s in latest.values()], accepted_quantity__gt=0).values_list(
            "settlement_id", "unit", "accepted_quantity"):  # fmt: skip
        if unit.strip() in units:
            counted.setdefault(settlement_id, []).append(f"{quantity.normalize():f} {unit}")
    return [
        _finding(s, _("The period was accepted by counting people: %(quantities)s")
                 % {"quantities": "、".join(counted[s.pk])})
        for s in latest.values() if s.pk in counted
    ]  # fmt: skip


def register() -> None:
    register_sign("settlement_pass_through", gettext_lazy("Settlement passes workers' pay through"), "settlements",
                  pass_through_lines, weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=25,
                  legal_source="劳务派遣暂行规定 art. 27; LEGAL.md §1")  # fmt: skip
    register_sign("headcount_acceptance", gettext_lazy("Period accepted by counting people"), "settlements",
                  headcount_acceptance, weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=20,
                  legal_source="劳务派遣暂行规定 art. 27; LEGAL.md §1")  # fmt: skip
    register_indicator("budget_over_threshold", gettext_lazy("Budget over threshold"), "settlements",
                       budget_over_threshold,
                       description=gettext_lazy("A project's paid and committed spend reached an alert threshold of "
                                                "its budget (SET-6, RSK-2)."))  # fmt: skip
    register_indicator("settlement_paid_without_proofs", gettext_lazy("Settlements paid without proofs"),
                       "settlements", paid_without_proofs,
                       description=gettext_lazy("A settlement was paid for a month whose social-insurance and wage "
                                                "proofs HR never accepted (WRK-6, RSK-4)."))  # fmt: skip
    register_sign("dispatch_invoice_item", gettext_lazy("Invoice itemised as labour dispatch"), "settlements",
                  dispatch_invoice_items, weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=20,
                  legal_source="财税〔2016〕47号; LEGAL.md §4")  # fmt: skip
