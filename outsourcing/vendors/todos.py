"""The vendor pool's work waiting on the home page (registered in VendorsConfig.ready())."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem
from outsourcing.vendors import selectors
from outsourcing.vendors.permissions import vendor_id_of


def waiting(user) -> list[WaitingItem]:
    """HR: re-reviews due, change requests to confirm, documents running out; a vendor user: its own documents."""
    items = []
    if user.has_perm("vendors.manage_vendors"):
        due = selectors.reviews_due().count()
        if due:
            items.append(
                WaitingItem(
                    _("Annual vendor re-reviews due"),
                    due,
                    reverse("vendors:list") + "?attention=review_due",
                    _("Every qualified vendor is reviewed again each year: open the re-review from its page."),
                )
            )
        to_verify = selectors.documents_to_verify().count()
        if to_verify:
            items.append(
                WaitingItem(
                    _("Vendor documents to verify"),
                    to_verify,
                    reverse("vendors:documents_to_verify"),
                    _("Documents vendors recorded count for eligibility once you have checked the originals."),
                )
            )
        changes = selectors.pending_change_requests().count()
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
        expiring = selectors.expiring_document_count(vendor_id=own)
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
