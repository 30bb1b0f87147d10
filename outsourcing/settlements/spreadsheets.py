"""Excel export of every settlement list (X-5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from outsourcing.core.excel import Column
from outsourcing.settlements.amounts import figures

SETTLEMENT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda s: s.number, 14),
    Column(gettext_lazy("Contract"), lambda s: s.contract.number, 14),
    Column(gettext_lazy("Vendor"), lambda s: s.contract.vendor.name, 24),
    Column(gettext_lazy("Period"), lambda s: s.period_label, 12),
    Column(gettext_lazy("Status"), lambda s: s.get_status_display(), 16),
    Column(gettext_lazy("Accepted fee"), lambda s: figures(s).fee, 14, money=True),
    Column(gettext_lazy("Lines"), lambda s: figures(s).bonuses + figures(s).capped_deductions, 14, money=True),
    Column(gettext_lazy("Payable"), lambda s: figures(s).payable, 14, money=True),
    Column(gettext_lazy("Requested"), lambda s: s.requested_amount, 14, money=True),
    Column(gettext_lazy("Approved"), lambda s: s.approved_amount, 14, money=True),
    Column(gettext_lazy("Paid"), lambda s: getattr(getattr(s, "payment", None), "amount", None), 14, money=True),
]

TAX_RULE_COLUMNS = [
    Column(gettext_lazy("Tax item"), lambda r: r.tax_item, 20),
    Column(gettext_lazy("Tax method"), lambda r: r.get_method_display(), 16),
    Column(gettext_lazy("Rate (%)"), lambda r: r.rate, 8),
    Column(gettext_lazy("Valid from"), lambda r: r.valid_from, 12),
    Column(gettext_lazy("Valid until"), lambda r: r.valid_until, 12),
    Column(gettext_lazy("Source"), lambda r: r.source, 40),
]
