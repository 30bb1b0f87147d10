"""Daily checks of the vendor pool (registered with core.notices; run by `manage.py run_daily_jobs`).

- Qualification documents expiring within the warning days, or expired: HR and the vendor's own users
  hear once when a document enters the window and once when it lapses (VEN-2, X-2).
- Annual re-reviews falling due: HR hears once per vendor and due date (VEN-5, P3§5-2).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.vendors import selectors


@daily_check("vendors.document_expiry")
def document_expiry(today: dt.date) -> list[Notice]:
    documents = list(selectors.expiring_documents(on=today))
    if not documents:
        return []
    hr_ids = list(selectors.hr_people().values_list("pk", flat=True))
    accounts = selectors.portal_user_ids({d.vendor_id for d in documents})
    notices = []
    for document in documents:
        lapsed = document.valid_until < today
        values = {
            "vendor": document.vendor.name,
            "document": document.licence_type.name,
            "number": document.number,
            "date": document.valid_until.isoformat(),
            "days": (document.valid_until - today).days,
        }
        if lapsed:
            title = _("%(vendor)s: %(document)s expired on %(date)s") % values
            body = (
                _(
                    "%(document)s No. %(number)s expired on %(date)s. If the service category requires it, the vendor "
                    "cannot be invited to sourcing until a renewed document is recorded."
                )
                % values
            )
        else:
            title = _("%(vendor)s: %(document)s expires on %(date)s (in %(days)s days)") % values
            body = _("%(document)s No. %(number)s expires on %(date)s. Ask for the renewed document in time.") % values
        stage = "expired" if lapsed else "expiring"
        for recipient in [*hr_ids, *accounts.get(document.vendor_id, [])]:
            notices.append(
                Notice(
                    recipient_id=recipient,
                    title=title,
                    body=body,
                    url=document.get_absolute_url(),
                    dedup_key=f"vendor-document:{document.pk}:{document.valid_until.isoformat()}:{stage}",
                    level="danger" if lapsed else "warning",
                )
            )
    return notices


@daily_check("vendors.annual_review_due")
def annual_review_due(today: dt.date) -> list[Notice]:
    vendors = list(selectors.reviews_due(today))
    hr_ids = list(selectors.hr_people().values_list("pk", flat=True))
    return [
        Notice(
            recipient_id=recipient,
            title=_("Annual re-review of %(vendor)s due on %(date)s")
            % {"vendor": vendor.name, "date": vendor.next_review_due.isoformat()},
            body=_(
                "Every qualified vendor is reviewed again each year (outsourcing policy, part 3, article 5): open the "
                "re-review from the vendor's page."
            ),
            url=vendor.get_absolute_url(),
            dedup_key=f"vendor-annual-review:{vendor.pk}:{vendor.next_review_due.isoformat()}",
            level="warning",
        )
        for vendor in vendors
        for recipient in hr_ids
    ]
