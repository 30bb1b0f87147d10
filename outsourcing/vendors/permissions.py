"""Who may see and do what in the vendor pool; the one place pages, API and templates ask.

Company staff read the pool. HR keeps it (creates vendors, records documents, reviews, due diligence,
status). Management may also move vendors between tiers. The administrator keeps the catalogues
(service categories, licence types, affiliates). A vendor user sees only their own company and never
internal notes, reviews or diligence (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, is_admin, is_internal, is_vendor_user


def vendor_id_of(user) -> int | None:
    """The vendor a vendor user belongs to (None for staff or an unlinked account)."""
    if not getattr(user, "is_authenticated", False) or not user.is_vendor_user:
        return None
    account = getattr(user, "vendor_account", None)
    return account.vendor_id if account is not None else None


def _vendor_id(obj) -> int | None:
    if obj is None:
        return None
    return obj.pk if obj.__class__.__name__ == "Vendor" else getattr(obj, "vendor_id", None)


@rules.predicate
def is_own_vendor(user, obj) -> bool:
    """The object is the user's vendor, or belongs to it."""
    own = vendor_id_of(user)
    return own is not None and own == _vendor_id(obj)


@rules.predicate
def review_is_editable(user, review) -> bool:
    return review is not None and review.is_editable


@rules.predicate
def vendor_not_removed(user, obj) -> bool:
    """A blacklisted vendor's own users may read what is theirs but change nothing."""
    from outsourcing.vendors.models import VendorStatus

    vendor = obj if obj.__class__.__name__ == "Vendor" else getattr(obj, "vendor", None)
    return vendor is not None and vendor.status != VendorStatus.REMOVED


@rules.predicate
def may_be_reviewed(user, vendor) -> bool:
    """A prospect (admission) or a vendor in the pool (re-review), with no review open."""
    from outsourcing.vendors.models import OPEN_REVIEW_STATUSES, POOL_STATUSES, VendorStatus

    if vendor is None or not (vendor.status == VendorStatus.PROSPECT or vendor.status in POOL_STATUSES):
        return False
    return not vendor.reviews.filter(status__in=OPEN_REVIEW_STATUSES).exists()


is_hr = has_role(Role.HR)
is_management = has_role(Role.MANAGEMENT)

rules.add_perm("vendors.view_pool", is_internal)
rules.add_perm("vendors.manage_vendors", is_internal & is_hr)
rules.add_perm("vendors.change_status", is_internal & (is_hr | is_management))
rules.add_perm("vendors.manage_catalogue", is_internal & is_admin)
rules.add_perm("vendors.list_vendors", is_internal | is_vendor_user)  # what each sees: selectors.vendors_for
rules.add_perm("vendors.view_vendor", is_internal | (is_vendor_user & is_own_vendor))
# Internal notes, reviews, diligence, scores: company staff only, never a vendor user (ORG-3).
rules.add_perm("vendors.view_internal", is_internal)
rules.add_perm("vendors.use_portal", is_vendor_user)
rules.add_perm("vendors.request_profile_change", is_vendor_user & is_own_vendor & vendor_not_removed)
rules.add_perm("vendors.start_review", is_internal & is_hr & may_be_reviewed)
rules.add_perm("vendors.create_account", is_internal & is_hr & vendor_not_removed)
# Files, by the attachments engine's convention "<app>.view_<model>" / "<app>.attach_<model>".
rules.add_perm("vendors.view_qualificationdocument", is_internal | (is_vendor_user & is_own_vendor))
rules.add_perm(
    "vendors.attach_qualificationdocument",
    (is_internal & is_hr) | (is_vendor_user & is_own_vendor & vendor_not_removed),
)
rules.add_perm("vendors.change_qualificationdocument", is_internal & is_hr)
rules.add_perm("vendors.verify_qualificationdocument", is_internal & is_hr)
rules.add_perm("vendors.view_admissionreview", is_internal)
rules.add_perm("vendors.attach_admissionreview", is_internal & is_hr & review_is_editable)
rules.add_perm("vendors.change_admissionreview", is_internal & is_hr & review_is_editable)
rules.add_perm("vendors.view_duediligence", is_internal)
rules.add_perm("vendors.attach_duediligence", is_internal & is_hr)
