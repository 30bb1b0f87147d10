"""Contracts waiting on the home page: renewals to decide; for a vendor, signatures to confirm and notices to
answer (registered in ContractsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from outsourcing.contracts import selectors
from outsourcing.core.todos import WaitingItem


def waiting(user) -> list[WaitingItem]:
    if user.is_vendor_user:
        return _for_the_vendor(user)
    if not user.has_perm("contracts.view_contracts"):
        return []
    renewals = selectors.expiring_renewals(owner=user)
    if not renewals:
        return []
    return [
        WaitingItem(
            _("Contracts ending: decide on renewal"),
            len(renewals),
            renewals[0].get_absolute_url() + "#renewal",
            _("Renew, select a vendor again, or end: the contract's record is beside the decision."),
        )
    ]


def _for_the_vendor(user) -> list[WaitingItem]:
    unconfirmed, unanswered = selectors.awaiting_vendor(user)
    items = []
    for found, title, url, hint, tone in (
        (unconfirmed, _("Contracts whose signature we have not confirmed"), lambda c: c.get_absolute_url(),
         _("Confirm on the contract's page that your company signed this version."), "primary"),
        (unanswered, _("Notices from the company to answer"), lambda n: n.contract.get_absolute_url() + "#notices",
         _("Answer with your remedy or your objection on the contract's page."), "danger"),
    ):  # fmt: skip
        count = found.count()
        if count:
            items.append(WaitingItem(title, count, url(found.first()), hint, tone))
    return items
