"""Daily checks of workers (run by `manage.py run_daily_jobs`): access and items still open the day after
the exit (WRK-5, one alert per open item, never repeated), and the retention job (WRK-11)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outsourcing.core.notices import Notice, daily_check
from outsourcing.vendors.selectors import hr_people
from outsourcing.workforce import retention, selectors


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
