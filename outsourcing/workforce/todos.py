"""Workers and proofs waiting on the home page, for HR, the business department and the vendor (registered in
WorkforceConfig.ready())."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem, waiting_records
from outsourcing.workforce import selectors
from outsourcing.workforce.models import ProofStatus


def waiting(user) -> list[WaitingItem]:
    items = _for_the_vendor(user) if user.is_vendor_user else []
    if user.has_perm("workforce.decide_entry"):
        filed = selectors.awaiting_entry_decision(user).count()
        if filed:
            items.append(
                WaitingItem(
                    _("Workers filed, waiting for the entry decision"),
                    filed,
                    reverse("workforce:entry_batch"),
                    _("Approve when both proofs are attached and the agreement is in force; tick many at once."),
                )
            )
    if user.has_perm("workforce.check_proofs"):
        to_check = selectors.proofs_for(user, status=ProofStatus.SUBMITTED).count()
        if to_check:
            items.append(
                WaitingItem(
                    _("Monthly compliance proofs to check"),
                    to_check,
                    reverse("workforce:proof_list") + "?status=submitted",
                    _("Gaps block that month's settlement."),
                )
            )
    if user.has_perm("workforce.close_access"):
        still_open = selectors.open_after_exit_for(user).count()
        if still_open:
            items.append(
                WaitingItem(
                    _("Exited workers with access or items still open"),
                    still_open,
                    reverse("workforce:list") + "?status=exited",
                    _("Close the access and take the items back on the worker's page."),
                    "danger",
                )
            )
    return items


def _for_the_vendor(user) -> list[WaitingItem]:
    """A vendor user: requests and exit requests to answer, monthly proofs HR returned."""
    return [
        *waiting_records(selectors.open_requests_to_vendor(user), _("Requests about our workers to answer"),
                         lambda r: r.worker.get_absolute_url() + "#requests",
                         _("The company asks your site manager to look into it; answer on the worker's page.")),
        *waiting_records(selectors.open_exit_requests_to_vendor(user), _("Exit requests from the company to answer"),
                         lambda r: r.get_absolute_url(),
                         _("The company asks for a worker's exit, for a reason from the contract: record the exit on "
                           "the worker's page.")),
        *waiting_records(selectors.proofs_for(user, status=ProofStatus.GAPS), _("Monthly proofs HR returned with gaps"),
                         lambda _proof: reverse("workforce:proof_list") + "?status=gaps",
                         _("Correct the roster or add the missing files, then send them again."), "danger"),
    ]  # fmt: skip
