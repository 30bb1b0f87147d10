"""The workforce app's daily risk indicators (RSK-2), each a few set-based queries: a worker on site without a
confidentiality agreement of its vendor in force or without the entry record with its signed undertaking (WRK-4,
CON-5), access still granted after the worker's exit (WRK-5), last month's compliance proofs not sent once their
due day has passed (WRK-6). Registered in the workforce app's AppConfig; the compliance app keeps the findings."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import LIVE_STATUSES, ConfidentialityAgreement, Contract
from outsourcing.core.indicators import Finding, register_indicator, register_sign, screen_signs_of
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.selectors import expiring_documents
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.models import EntryRecord, Worker, WorkerRequest, WorkerStatus


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


def request_dictates_for_worker(day: dt.date) -> list[Finding]:
    """RSK-3: a request to the vendor sent although the text screen warned it dictates a named worker's leave, pay,
    discipline, hiring or dismissal (OPS-2), within the look-back window, on a live contract (two queries)."""
    signs = screen_signs_of(WorkerRequest, day)
    if not signs:
        return []
    requests = (WorkerRequest.objects.filter(pk__in=list(signs), worker__contract__status__in=LIVE_STATUSES)
                .select_related("worker").order_by("pk"))  # fmt: skip
    return [
        Finding(key=f"request:{r.pk}", subject=f"{r.worker.badge_number} · {r.subject}",
                evidence=_("A request about %(worker)s sent despite the screen's warning (%(terms)s): “%(subject)s”")
                % {"worker": r.worker.name, "terms": "、".join(t for s in signs[r.pk] for t in s.terms),
                   "subject": r.subject},
                url=r.worker.get_absolute_url() + f"#request-{r.pk}", fix_url=r.worker.get_absolute_url(),
                vendor_id=r.worker.vendor_id, contract_id=r.worker.contract_id, project_id=r.worker.project_id)
        for r in requests
    ]  # fmt: skip


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def long_tenure(day: dt.date) -> list[Finding]:
    """RSK-3: a worker on site on the same post of the same project for longer than DISPATCH_TENURE_MONTHS, counted
    from the first entry across every contract (renewals) of that project (one query)."""
    same = Worker.objects.filter(id_hash=OuterRef("id_hash"), project_id=OuterRef("project_id"), post=OuterRef("post"),
                                 entered_on__isnull=False).order_by().values("id_hash")  # fmt: skip
    limit = _months_before(day, settings.DISPATCH_TENURE_MONTHS)
    found = (Worker.objects.filter(status=WorkerStatus.ON_SITE).exclude(id_hash="")
             .annotate(first=Subquery(same.annotate(m=Min("entered_on")).values("m")),
                       contracts=Subquery(same.annotate(n=Count("contract_id", distinct=True)).values("n")))
             .filter(first__lte=limit).order_by("pk"))  # fmt: skip
    return [
        Finding(key=f"worker:{w.pk}", subject=f"{w.badge_number} {w.name}",
                evidence=_("On the post “%(post)s” since %(first)s (%(months)s months), across %(contracts)s "
                           "contract(s)") % {"post": w.post, "first": w.first, "contracts": w.contracts,
                                             "months": (day.year - w.first.year) * 12 + day.month - w.first.month},
                url=w.get_absolute_url(), fix_url=w.get_absolute_url(), vendor_id=w.vendor_id,
                contract_id=w.contract_id, project_id=w.project_id)
        for w in found
    ]  # fmt: skip


def vendor_lacking_proofs(day: dt.date) -> list[Finding]:
    """RSK-3: the vendor of a live contract has an expired licence without a verified renewal, or has not sent last
    month's compliance proofs past their due day (three queries)."""
    expired: dict[int, list[str]] = {}
    for d in expiring_documents(on=day, days=-1):
        expired.setdefault(d.vendor_id, []).append(f"{d.licence_type.name} {d.number}")
    missing = {(f.vendor_id, f.project_id): f.evidence for f in proofs_missing(day)}
    pairs = set(Contract.objects.filter(status__in=LIVE_STATUSES, vendor_id__in=list(expired))
                .values_list("vendor_id", "project_id")) if expired else set()  # fmt: skip
    findings: dict[tuple[int, int], Finding] = {}
    for vendor_project in pairs | set(missing):
        vendor_id, project_id = vendor_project
        reasons = []
        if vendor_id in expired:
            reasons.append(_("expired: %(documents)s") % {"documents": "、".join(expired[vendor_id])})
        if vendor_project in missing:
            reasons.append(missing[vendor_project])
        if not reasons:
            continue
        findings[vendor_project] = Finding(
            key=f"vendor:{vendor_id}:project:{project_id}", subject=str(vendor_id), evidence="; ".join(reasons),
            url=reverse("vendors:detail", args=[vendor_id]), fix_url=reverse("vendors:detail", args=[vendor_id]),
            vendor_id=vendor_id, project_id=project_id)  # fmt: skip
    names = dict(Vendor.objects.filter(pk__in={v for v, _p in findings}).values_list("pk", "name"))
    return [Finding(**{**f.__dict__, "subject": names.get(f.vendor_id, f.subject)}) for f in findings.values()]


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
    # The disguised-dispatch signs it owns (RSK-3), scored per project by the compliance app.
    register_sign(
        "request_dictates_for_worker",
        gettext_lazy("Requests dictating for named workers"),
        "workforce",
        request_dictates_for_worker,
        weight_setting="DISPATCH_SIGN_WEIGHTS",
        default_weight=20,
        legal_source="劳务派遣暂行规定 art. 27; policy 四不直接 (P1§10); OPS-2; LEGAL.md §1",
    )
    register_sign(
        "long_tenure",
        gettext_lazy("Same post beyond the tenure limit"),
        "workforce",
        long_tenure,
        weight_setting="DISPATCH_SIGN_WEIGHTS",
        default_weight=15,
        legal_source="劳动合同法 art. 66 (temporary posts ≤ 6 months); LEGAL.md §1 (default 12 months)",
    )
    register_sign("vendor_lacking_proofs", gettext_lazy("Vendor lacking licences or proofs"), "workforce",
                  vendor_lacking_proofs, weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=10,
                  legal_source="劳动合同法 art. 57; 保障农民工工资支付条例 art. 18; LEGAL.md §1")  # fmt: skip
