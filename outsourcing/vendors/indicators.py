"""The vendor pool's daily risk indicator (RSK-2): qualification documents that expired without a verified renewal.

Registered in the vendors app's AppConfig; the compliance app runs it each day and keeps its findings."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.vendors.selectors import expiring_documents


def expired_documents(day: dt.date) -> list[Finding]:
    """Documents whose validity ended before `day` and that no verified later document of the same type replaces
    (one query)."""
    return [
        Finding(key=f"document:{d.pk}", subject=f"{d.vendor.number} {d.vendor.name}",
                evidence=_("%(licence)s %(number)s expired on %(day)s") % {"licence": d.licence_type.name,
                                                                            "number": d.number, "day": d.valid_until},
                url=d.get_absolute_url(), fix_url=reverse("vendors:detail", args=[d.vendor_id]) + "#documents",
                vendor_id=d.vendor_id)
        for d in expiring_documents(on=day, days=-1)
    ]  # fmt: skip


def register() -> None:
    register_indicator("vendor_document_expired", gettext_lazy("Expired vendor documents"), "vendors",
                       expired_documents,
                       description=gettext_lazy("A licence or certificate of a vendor in the pool expired and no "
                                                "verified renewal replaces it (VEN-3)."))  # fmt: skip
