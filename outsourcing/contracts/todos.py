"""Contracts waiting on the home page: renewals to decide; for a vendor, signatures to confirm and notices to
answer (registered in ContractsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from outsourcing.contracts import selectors
from outsourcing.core.todos import WaitingItem, waiting_records


def waiting(user) -> list[WaitingItem]:
    if user.is_vendor_user:
        return _for_the_vendor(user)
    items = []
    if user.has_perm("contracts.view_contracts"):
        renewals = selectors.expiring_renewals(owner=user)
        if renewals:
            items.append(
                WaitingItem(
                    _("Contracts ending: decide on renewal"),
                    len(renewals),
                    renewals[0].get_absolute_url() + "#renewal",
                    _("Renew, select a vendor again, or end: the contract's record is beside the decision."),
                )
            )
    return items + _ending(user)


def _ending(user) -> list[WaitingItem]:
    """CON-10: legal reviews the vendors' termination requests; owners evaluate their ended contracts."""
    items = []
    if user.has_perm("contracts.review_termination_request"):
        requests = list(selectors.termination_requests_to_review()[:100])
        if requests:
            items.append(
                WaitingItem(
                    _("Vendors' requests to terminate, waiting for legal"),
                    len(requests),
                    requests[0].contract.get_absolute_url() + "#ending",
                    _("Accept (the exit and handover plan opens) or refuse with the reason."),
                    "danger",
                )
            )
    if user.has_perm("contracts.view_contracts"):
        missing = list(selectors.evaluations_missing_for(user)[:100])
        if missing:
            items.append(
                WaitingItem(
                    _("Closed contracts without their post-project evaluation"),
                    len(missing),
                    missing[0].get_absolute_url() + "#ending",
                    _("Score the vendor and say whether to work with it again: it stays on the vendor's record."),
                )
            )
    return items


def _for_the_vendor(user) -> list[WaitingItem]:
    unconfirmed, unanswered = selectors.awaiting_vendor(user)
    return [
        *waiting_records(unconfirmed, _("Contracts whose signature we have not confirmed"),
                         lambda c: c.get_absolute_url(),
                         _("Confirm on the contract's page that your company signed this version."), "primary"),
        *waiting_records(unanswered, _("Notices from the company to answer"),
                         lambda n: n.contract.get_absolute_url() + "#notices",
                         _("Answer with your remedy or your objection on the contract's page."), "danger"),
    ]  # fmt: skip
