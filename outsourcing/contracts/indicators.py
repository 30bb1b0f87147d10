"""The contracts app's daily risk indicator (RSK-2): a contract in its renewal window without a renewal decision
(CON-6); and its disguised-dispatch signs (RSK-3): headcount × hours pricing, an invoice itemised as 劳务派遣 or
人力资源外包 on an outsourcing contract. Registered in the contracts app's AppConfig; the compliance app runs them and
keeps their findings."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import LIVE_STATUSES, Contract, PricingModel
from outsourcing.contracts.selectors import expiring_renewals
from outsourcing.core.indicators import Finding, register_indicator, register_sign


def expiring_without_decision(day: dt.date) -> list[Finding]:
    """Contracts in force ending within their reminder window, with no renewal decision in approval or approved
    (two queries: the candidates and their decisions)."""
    return [
        Finding(key=f"contract:{c.pk}", subject=f"{c.number} {c.title}",
                evidence=_("Ends on %(day)s (%(days)s days) and no renewal decision was taken")
                % {"day": c.end_date, "days": (c.end_date - day).days},
                url=c.get_absolute_url(), fix_url=c.get_absolute_url() + "#renewal",
                vendor_id=c.vendor_id, contract_id=c.pk, project_id=c.project_id)
        for c in expiring_renewals(on=day)
    ]  # fmt: skip


def _live() -> object:
    return Contract.objects.filter(status__in=LIVE_STATUSES).select_related("project").order_by("pk")


def headcount_pricing(day: dt.date) -> list[Finding]:
    """RSK-3: a live contract priced by headcount × hours (one query)."""
    return [
        Finding(key=f"contract:{c.pk}", subject=f"{c.number} {c.title}",
                evidence=_("Priced by headcount × hours: the fee follows the people, not the output"),
                url=c.get_absolute_url(), fix_url=c.get_absolute_url(), vendor_id=c.vendor_id, contract_id=c.pk,
                project_id=c.project_id)
        for c in _live().filter(pricing_model=PricingModel.HEADCOUNT_HOURS)
    ]  # fmt: skip


DISPATCH_INVOICE_WORDS = ("劳务派遣", "人力资源外包")


def dispatch_invoice(day: dt.date) -> list[Finding]:
    """RSK-3: a live outsourcing contract invoiced as 劳务派遣 or 人力资源外包 (one query)."""
    words = Q()
    for word in DISPATCH_INVOICE_WORDS:
        words |= Q(invoice_type__contains=word)
    return [
        Finding(key=f"contract:{c.pk}", subject=f"{c.number} {c.title}",
                evidence=_("Invoiced as “%(invoice)s” on an outsourcing contract") % {"invoice": c.invoice_type},
                url=c.get_absolute_url(), fix_url=c.get_absolute_url(), vendor_id=c.vendor_id, contract_id=c.pk,
                project_id=c.project_id)
        for c in _live().filter(words)
    ]  # fmt: skip


def register() -> None:
    register_indicator("contract_expiring_undecided", gettext_lazy("Contracts expiring without a decision"),
                       "contracts", expiring_without_decision,
                       description=gettext_lazy("A contract in force is within its renewal reminder window and "
                                                "nobody decided to renew, re-source or end it (CON-6)."))  # fmt: skip
    register_sign(
        "headcount_pricing",
        gettext_lazy("Headcount × hours pricing"),
        "contracts",
        headcount_pricing,
        weight_setting="DISPATCH_SIGN_WEIGHTS",
        default_weight=25,
        legal_source="劳务派遣暂行规定 art. 27; LEGAL.md §1 (人数×单价)",
    )
    register_sign("dispatch_invoice", gettext_lazy("Invoiced as labour dispatch"), "contracts", dispatch_invoice,
                  weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=20,
                  legal_source="财税〔2016〕47号; LEGAL.md §4")  # fmt: skip
