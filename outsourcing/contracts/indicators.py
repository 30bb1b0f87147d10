"""The contracts app's daily risk indicator (RSK-2): a contract in its renewal window without a renewal decision
(CON-6). Registered in the contracts app's AppConfig; the compliance app runs it and keeps its findings."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.selectors import expiring_renewals
from outsourcing.core.indicators import Finding, register_indicator


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


def register() -> None:
    register_indicator("contract_expiring_undecided", gettext_lazy("Contracts expiring without a decision"),
                       "contracts", expiring_without_decision,
                       description=gettext_lazy("A contract in force is within its renewal reminder window and "
                                                "nobody decided to renew, re-source or end it (CON-6)."))  # fmt: skip
