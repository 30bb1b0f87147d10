"""What each person sees first: what waits for them, what is due, and what their roles mean."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals import selectors as approval_selectors
from outsourcing.contracts import selectors as contract_selectors
from outsourcing.demands import selectors as demand_selectors
from outsourcing.org import selectors as org_selectors
from outsourcing.org.models import ROLE_DUTIES, Role
from outsourcing.vendors import selectors as vendor_selectors
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import selectors as workforce_selectors


@dataclass(frozen=True)
class WaitingItem:
    """A count of things waiting for the user, with where to deal with them."""

    title: str
    count: int
    url: str
    hint: str = ""
    tone: str = "warning"


def waiting_items(user) -> list[WaitingItem]:
    """Everything waiting for `user`, from each app that has something for them."""
    items: list[WaitingItem] = []
    if user.has_perm("approvals.view_inbox"):
        waiting_approvals = approval_selectors.inbox_count(user)
        if waiting_approvals:
            items.append(
                WaitingItem(
                    _("Approvals waiting for my decision"),
                    waiting_approvals,
                    reverse("approvals:inbox"),
                    _("Approve, return or reject them in place."),
                    "primary",
                )
            )
    if user.has_perm("demands.add_demand"):
        returned = demand_selectors.returned_to(user).count()
        if returned:
            items.append(
                WaitingItem(
                    _("My demands returned for revision"),
                    returned,
                    reverse("demands:list") + "?status=returned",
                    _("Read the comments in the approval timeline, edit and resubmit."),
                )
            )
    items.extend(_vendor_pool_items(user))
    if user.has_perm("contracts.view_contracts"):
        renewals = contract_selectors.expiring_renewals(owner=user)
        if renewals:
            items.append(
                WaitingItem(
                    _("Contracts ending: decide on renewal"),
                    len(renewals),
                    renewals[0].get_absolute_url() + "#renewal",
                    _("Renew, select a vendor again, or end: the contract's record is beside the decision."),
                )
            )
    items.extend(_contract_ending_items(user))
    items.extend(_workforce_items(user))
    items.extend(_vendor_portal_items(user))
    if user.has_perm("org.manage_organisation"):
        without_role = org_selectors.users_without_role().count()
        if without_role:
            items.append(
                WaitingItem(
                    _("Active users without a role"),
                    without_role,
                    reverse("org:user_list"),
                    _("They can log in but see nothing: give them a role or deactivate them."),
                )
            )
        if org_selectors.current_authority_matrix() is None:
            items.append(
                WaitingItem(
                    _("No authority matrix published"),
                    1,
                    reverse("org:authority_matrix_edit"),
                    _("Approval levels by amount are undefined until one is published."),
                    "danger",
                )
            )
    return items


def _contract_ending_items(user) -> list[WaitingItem]:
    """CON-10: legal reviews the vendors' termination requests; owners evaluate their ended contracts."""
    items = []
    if user.has_perm("contracts.review_termination_request"):
        requests = list(contract_selectors.termination_requests_to_review()[:100])
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
        missing = list(contract_selectors.evaluations_missing_for(user)[:100])
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


def _workforce_items(user) -> list[WaitingItem]:
    items = []
    if user.has_perm("workforce.decide_entry"):
        filed = workforce_selectors.awaiting_entry_decision(user).count()
        if filed:
            items.append(
                WaitingItem(
                    _("Workers filed, waiting for the entry decision"),
                    filed,
                    reverse("workforce:list") + "?status=filed",
                    _("Approve when both proofs are attached and the agreement is in force."),
                )
            )
    if user.has_perm("workforce.check_proofs"):
        to_check = workforce_selectors.proofs_for(user, status="submitted").count()
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
        still_open = workforce_selectors.open_after_exit_for(user).count()
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


def _vendor_portal_items(user) -> list[WaitingItem]:
    """A vendor user: signatures to confirm, notices and requests to answer, monthly proofs HR returned."""
    if not user.is_vendor_user:
        return []
    items = []
    unconfirmed, unanswered = contract_selectors.awaiting_vendor(user)
    requests = workforce_selectors.open_requests_to_vendor(user)
    exits = workforce_selectors.open_exit_requests_to_vendor(user)
    returned = workforce_selectors.proofs_for(user, status="gaps")
    for found, title, url, hint, tone in (
        (unconfirmed, _("Contracts whose signature we have not confirmed"), lambda c: c.get_absolute_url(),
         _("Confirm on the contract's page that your company signed this version."), "primary"),
        (unanswered, _("Notices from the company to answer"), lambda n: n.contract.get_absolute_url() + "#notices",
         _("Answer with your remedy or your objection on the contract's page."), "danger"),
        (requests, _("Requests about our workers to answer"), lambda r: r.worker.get_absolute_url() + "#requests",
         _("The company asks your site manager to look into it; answer on the worker's page."), "warning"),
        (exits, _("Exit requests from the company to answer"), lambda r: r.get_absolute_url(),
         _("The company asks for a worker's exit, for a reason from the contract: record the exit on the worker's "
           "page."), "warning"),
        (returned, _("Monthly proofs HR returned with gaps"),
         lambda _proof: reverse("workforce:proof_list") + "?status=gaps",
         _("Correct the roster or add the missing files, then send them again."), "danger"),
    ):  # fmt: skip
        count = found.count()
        if count:
            items.append(WaitingItem(title, count, url(found.first()), hint, tone))
    return items


def _vendor_pool_items(user) -> list[WaitingItem]:
    """HR: re-reviews due, change requests to confirm, documents running out; a vendor user: its own documents."""
    items = []
    if user.has_perm("vendors.manage_vendors"):
        due = vendor_selectors.reviews_due().count()
        if due:
            items.append(
                WaitingItem(
                    _("Annual vendor re-reviews due"),
                    due,
                    reverse("vendors:list") + "?attention=review_due",
                    _("Every qualified vendor is reviewed again each year: open the re-review from its page."),
                )
            )
        to_verify = vendor_selectors.documents_to_verify().count()
        if to_verify:
            items.append(
                WaitingItem(
                    _("Vendor documents to verify"),
                    to_verify,
                    reverse("vendors:documents_to_verify"),
                    _("Documents vendors recorded count for eligibility once you have checked the originals."),
                )
            )
        changes = vendor_selectors.pending_change_requests().count()
        if changes:
            items.append(
                WaitingItem(
                    _("Vendor data changes to confirm"),
                    changes,
                    reverse("vendors:change_requests"),
                    _("Vendors asked to change their master data; it applies once you confirm."),
                )
            )
    own = vendor_id_of(user)
    if own or user.has_perm("vendors.manage_vendors"):
        expiring = vendor_selectors.expiring_document_count(vendor_id=own)
        if expiring:
            items.append(
                WaitingItem(
                    _("Vendor documents expired or expiring"),
                    expiring,
                    reverse("vendors:portal") if own else reverse("vendors:list") + "?attention=expiring",
                    _("Lapsed required licences make a vendor ineligible for new sourcing until renewed."),
                    "danger",
                )
            )
    return items


def role_cards(user) -> list[dict]:
    """The user's roles with the duties the policy gives them, and the scope they hold them for."""
    cards: dict[str, dict] = {}
    for assignment in user.role_assignments_cached:
        card = cards.setdefault(
            assignment.role,
            {"role": Role(assignment.role).label, "duties": ROLE_DUTIES.get(assignment.role, ""), "scopes": []},
        )
        if assignment.department_id:
            card["scopes"].append(assignment.department.name)
    order = list(Role.values)
    return [cards[code] for code in sorted(cards, key=order.index)]
