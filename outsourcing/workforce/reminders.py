"""Daily checks of workers (run by `manage.py run_daily_jobs`): access and items still open the day after
the exit (WRK-5, one alert per open item, never repeated), access past its end date while the worker is still
active, the month's proofs due and overdue (X-2), special-operation certificates running out (CON-9), and the
retention job (WRK-11). Each notice has a dedup key: running the job twice sends nothing twice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outsourcing.core.notices import Notice, daily_check
from outsourcing.vendors.selectors import hr_people, portal_user_ids
from outsourcing.workforce import proofs, retention, selectors


def _recipients(worker) -> list[int]:
    return sorted({worker.project.owner_id, *selectors.department_head_ids(worker.project.department)})


@daily_check("workforce.open_after_exit")
def open_after_exit(today: dt.date) -> list[Notice]:
    open_parts = [
        (grant, "grant", _("%(worker)s exited on %(date)s, access still open: %(resource)s"), grant.resource,
         _("Close the access and record it on the worker's page."))
        for grant in selectors.grants_open_after_exit(today)
    ] + [
        (item, "item", _("%(worker)s exited on %(date)s, item not returned: %(item)s"), item.description,
         _("Take the item back and record it on the worker's page."))
        for item in selectors.items_open_after_exit(today)
    ]  # fmt: skip
    notices = []
    for part, kind, title, what, body in open_parts:
        worker = part.worker
        facts = {"worker": worker.badge_number, "date": worker.exited_on.isoformat(), "resource": what, "item": what}
        notices.extend(
            Notice(recipient_id=user_id, title=title % facts, body=body, url=worker.get_absolute_url() + "#access",
                   dedup_key=f"worker-open-{kind}:{part.pk}", level="danger")
            for user_id in _recipients(worker)
        )  # fmt: skip
    return notices


@daily_check("workforce.access_past_end")
def access_past_end(today: dt.date) -> list[Notice]:
    """An access grant past its end date while the worker is still active: close it, or request a new one."""
    notices = []
    for grant in selectors.grants_past_end(today):
        worker = grant.worker
        facts = {"worker": worker.badge_number, "resource": grant.resource, "date": grant.valid_until.isoformat()}
        title = _("%(worker)s: access to %(resource)s ended on %(date)s and is still open") % facts
        body = _("Record its closing on the worker's page, or request a new grant if still needed.")
        notices.extend(
            Notice(recipient_id=user_id, title=title, body=body, url=worker.get_absolute_url() + "#access",
                   dedup_key=f"worker-grant-past-end:{grant.pk}:{facts['date']}", level="warning")
            for user_id in _recipients(worker)
        )  # fmt: skip
    return notices


@daily_check("workforce.proofs_due")
def proofs_due(today: dt.date) -> list[Notice]:
    """Last month's compliance proofs (WRK-6): the vendor is reminded from PROOF_REMINDER_DAYS before the due day
    (PROOF_DUE_DAY of this month) until it sends them; once the day has passed, HR is told."""
    month = selectors.months_back(proofs.first_of_month(today), 1)
    due = today.replace(day=min(settings.PROOF_DUE_DAY, proofs.month_end(today).day))
    if today < due - dt.timedelta(days=settings.PROOF_REMINDER_DAYS):
        return []
    missing = selectors.proofs_not_sent(None, month=month)
    if not missing:
        return []
    notices = []
    if today <= due:
        accounts = portal_user_ids({row["vendor_id"] for row in missing})
        for row in missing:
            facts = {"month": f"{month:%Y-%m}", "project": row["project__number"], "date": due.isoformat()}
            title = _("Send the compliance proofs of %(month)s for %(project)s by %(date)s") % facts
            body = _("The roster with wages, the social-insurance list (Excel) and the payment proofs.")
            key = f"proofs-due:{row['vendor_id']}:{row['project_id']}:{month:%Y-%m}"
            notices.extend(
                Notice(recipient_id=user_id, title=title, body=body, url=reverse("workforce:proof_submit"),
                       dedup_key=key, level="warning")
                for user_id in accounts.get(row["vendor_id"], [])
            )  # fmt: skip
        return notices
    hr = list(hr_people().values_list("pk", flat=True))
    for row in missing:
        facts = {"vendor": row["vendor__name"], "month": f"{month:%Y-%m}", "project": row["project__number"],
                 "date": due.isoformat()}  # fmt: skip
        title = _("%(vendor)s has not sent the compliance proofs of %(month)s for %(project)s (due %(date)s)") % facts
        key = f"proofs-overdue:{row['vendor_id']}:{row['project_id']}:{month:%Y-%m}"
        notices.extend(
            Notice(recipient_id=user_id, title=title, url=reverse("workforce:proof_list"), dedup_key=key,
                   level="danger")
            for user_id in hr
        )  # fmt: skip
    return notices


@daily_check("workforce.certificates_expiring")
def certificates_expiring(today: dt.date) -> list[Notice]:
    """Special-operation certificates of active workers on special work expiring within CERTIFICATE_REMINDER_DAYS
    (CON-9): the vendor and the project owner, once per certificate and expiry date. A certificate already
    followed by a later one of the same operation is not reminded."""
    found = list(selectors.certificates_expiring(today, settings.CERTIFICATE_REMINDER_DAYS))
    renewed = selectors.certificates_renewed(found)
    accounts = portal_user_ids({c.worker.vendor_id for c in found})
    notices = []
    for certificate in found:
        if certificate.pk in renewed:
            continue
        worker = certificate.worker
        facts = {"worker": worker.badge_number, "operation": certificate.operation,
                 "date": certificate.valid_until.isoformat()}  # fmt: skip
        notices.extend(
            Notice(recipient_id=user_id, title=_("%(worker)s's certificate for %(operation)s expires on %(date)s")
                   % facts, body=_("Without a valid certificate the worker may not do the special work."),
                   url=certificate.get_absolute_url(),
                   dedup_key=f"worker-certificate:{certificate.pk}:{facts['date']}", level="warning")
            for user_id in [worker.project.owner_id, *accounts.get(worker.vendor_id, [])]
        )  # fmt: skip
    return notices


@daily_check("workforce.retention")
def anonymise_expired(today: dt.date) -> list[Notice]:
    done = retention.anonymise_due(today)
    if not done:
        return []
    title = ngettext(
        "%(count)d worker record anonymised after its retention period",
        "%(count)d worker records anonymised after their retention period",
        len(done),
    ) % {"count": len(done)}
    return [
        Notice(recipient_id=user_id, title=title, body=", ".join(w.badge_number for w in done),
               dedup_key=f"worker-retention:{today.isoformat()}", email=False)
        for user_id in hr_people().values_list("pk", flat=True)
    ]  # fmt: skip
