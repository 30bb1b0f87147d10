"""The workforce app's daily risk indicators (RSK-2), each a few set-based queries: a worker on site without a
confidentiality agreement of its vendor in force or without the entry record with its signed undertaking (WRK-4,
CON-5), access still granted after the worker's exit (WRK-5), last month's compliance proofs not sent once their
due day has passed (WRK-6). Registered in the workforce app's AppConfig; the compliance app keeps the findings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import ConfidentialityAgreement
from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.models import EntryRecord, Worker, WorkerStatus


def without_confidentiality(day: dt.date) -> list[Finding]:
    """Workers on site whose vendor has no confidentiality agreement in force on `day`, or who have no entry record
    with the signed undertaking (one query)."""
    agreement = ConfidentialityAgreement.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day), vendor_id=OuterRef("vendor_id"), valid_from__lte=day
    )
    entry = EntryRecord.objects.filter(worker_id=OuterRef("pk"))
    found = (Worker.objects.filter(status=WorkerStatus.ON_SITE)
             .annotate(has_agreement=Exists(agreement), has_entry=Exists(entry))
             .filter(Q(has_agreement=False) | Q(has_entry=False))
             .select_related("vendor").order_by("pk"))  # fmt: skip
    findings = []
    for w in found:
        missing = []
        if not w.has_agreement:
            missing.append(_("no confidentiality agreement of %(vendor)s in force") % {"vendor": w.vendor.name})
        if not w.has_entry:
            missing.append(_("no entry record with the signed confidentiality undertaking"))
        findings.append(Finding(key=f"worker:{w.pk}", subject=f"{w.badge_number} {w.name}",
                                evidence=_("On site with %(missing)s") % {"missing": "; ".join(missing)},
                                url=w.get_absolute_url(), fix_url=w.get_absolute_url() + "#entry",
                                vendor_id=w.vendor_id, contract_id=w.contract_id, project_id=w.project_id))  # fmt: skip
    return findings


def access_after_exit(day: dt.date) -> list[Finding]:
    """Grants still open the day after the worker's exit or later (one query)."""
    return [
        Finding(key=f"grant:{g.pk}", subject=f"{g.worker.badge_number} {g.worker.name}",
                evidence=_("%(grant)s (%(resource)s) still granted; exited on %(day)s")
                % {"grant": g.number, "resource": g.resource, "day": g.worker.exited_on},
                url=g.worker.get_absolute_url() + "#access", fix_url=g.worker.get_absolute_url() + "#access",
                vendor_id=g.worker.vendor_id, contract_id=g.worker.contract_id, project_id=g.worker.project_id)
        for g in selectors.grants_open_after_exit(day).select_related("worker").order_by("pk")
    ]  # fmt: skip


def proofs_missing(day: dt.date) -> list[Finding]:
    """Last month's proofs (WRK-6) not sent for a vendor and project with workers on site, once the due day
    (PROOF_DUE_DAY) has passed (two queries)."""
    due = day.replace(day=min(settings.PROOF_DUE_DAY, proofs.month_end(day).day))
    if day <= due:
        return []
    month = selectors.months_back(proofs.first_of_month(day), 1)
    return [
        Finding(key=f"proofs:{row['vendor_id']}:{row['project_id']}:{month:%Y-%m}",
                subject=f"{row['vendor__name']} · {row['project__number']}",
                evidence=_("The compliance proofs of %(month)s (%(workers)s workers) were due on %(day)s")
                % {"month": f"{month:%Y-%m}", "workers": row["workers"], "day": due},
                url=reverse("workforce:proof_list"), fix_url=reverse("workforce:proof_list"),
                vendor_id=row["vendor_id"], project_id=row["project_id"])
        for row in selectors.proofs_not_sent(None, month=month)
    ]  # fmt: skip


def register() -> None:
    register_indicator(
        "worker_without_confidentiality",
        gettext_lazy("Workers on site without confidentiality"),
        "workforce",
        without_confidentiality,
        description=gettext_lazy(
            "An active worker whose vendor has no confidentiality agreement in "
            "force, or without the entry record and its signed undertaking."
        ),
    )
    register_indicator(
        "access_after_exit",
        gettext_lazy("Access not revoked after exit"),
        "workforce",
        access_after_exit,
        description=gettext_lazy("A system, network or area grant still open after the worker left (WRK-5)."),
    )
    register_indicator("proofs_missing", gettext_lazy("Missing monthly proofs"), "workforce", proofs_missing,
                       description=gettext_lazy("Last month's roster, social-insurance list and payment proofs were "
                                                "not sent by their due day (WRK-6)."))  # fmt: skip
