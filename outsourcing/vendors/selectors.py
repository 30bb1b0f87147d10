"""Reads of the vendor pool, scoped to what the user may see, at a fixed number of queries.

A vendor user sees only their own vendor (ORG-3); everything else answers as if it did not exist.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from outsourcing.core.timeutil import today
from outsourcing.org.models import Role, User, UserKind
from outsourcing.vendors.models import (
    OPEN_REVIEW_STATUSES,
    POOL_STATUSES,
    AdmissionReview,
    Affiliate,
    ChangeRequestStatus,
    LicenceType,
    ProfileChangeRequest,
    QualificationDocument,
    ServiceCategory,
    Vendor,
    VendorAccount,
    VendorStatus,
)
from outsourcing.vendors.permissions import vendor_id_of

REVIEW_DUE_WITHIN_DAYS = 30


def warning_days() -> int:
    """How many days before expiry a document is flagged (VENDOR_DOCUMENT_WARNING_DAYS, default 60)."""
    return int(getattr(settings, "VENDOR_DOCUMENT_WARNING_DAYS", 60))


def hr_people() -> QuerySet:
    """Active HR staff: they keep the pool and hear of what it needs."""
    return User.objects.filter(role_assignments__role=Role.HR, is_active=True, kind=UserKind.INTERNAL).distinct()


def vendors_for(user) -> QuerySet:
    """Every vendor for staff; only their own for a vendor user; nothing for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Vendor.objects.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return Vendor.objects.filter(pk=own) if own else Vendor.objects.none()
    return Vendor.objects.all()


def with_eligibility_data(vendors: QuerySet) -> QuerySet:
    """Prefetch what qualification.ineligibility_reasons reads, so a list costs the same for any length."""
    return vendors.select_related("affiliate").prefetch_related(
        Prefetch("categories", queryset=ServiceCategory.objects.prefetch_related("required_licences")),
        Prefetch("documents", queryset=QualificationDocument.objects.select_related("licence_type")),
    )


def vendor_list(
    user,
    *,
    search: str = "",
    status: str = "",
    category_id: int | None = None,
    attention: str = "",
    on: dt.date | None = None,
) -> QuerySet:
    """The pool as the list page and the API show it, filtered.

    attention: "expiring" (a document expired or expiring within the warning days), "review_due" (annual
    re-review due within 30 days), "affiliate" (matches the affiliates list).
    """
    day = on or today()
    vendors = vendors_for(user)
    if search:
        vendors = vendors.filter(
            Q(name__icontains=search) | Q(credit_code__icontains=search.upper()) | Q(number__icontains=search)
        )
    if status:
        vendors = vendors.filter(status=status)
    if category_id:
        vendors = vendors.filter(categories__id=category_id)
    if not user.has_perm("vendors.view_internal"):
        attention = ""  # a vendor user learns nothing from internal filters (e.g. the affiliate flag)
    if attention == "expiring":
        vendors = vendors.filter(pk__in=expiring_documents(on=day).values("vendor_id"))
    elif attention == "review_due":
        vendors = vendors.filter(pk__in=reviews_due(day).values("pk"))
    elif attention == "affiliate":
        vendors = vendors.filter(affiliate__isnull=False)
    if category_id:
        vendors = vendors.distinct()
    return with_eligibility_data(vendors).order_by("number")


def vendor_detail(user, pk: int) -> Vendor:
    """One vendor the user may see (Vendor.DoesNotExist otherwise)."""
    return with_eligibility_data(vendors_for(user)).get(pk=pk)


def documents_of(vendor: Vendor) -> list[QualificationDocument]:
    return list(vendor.documents.all())


def document_for(user, pk: int) -> QualificationDocument:
    return QualificationDocument.objects.select_related("vendor", "licence_type").get(
        pk=pk, vendor__in=vendors_for(user)
    )


def reviews_of(vendor: Vendor) -> QuerySet:
    return vendor.reviews.select_related("category", "created_by").order_by("-created_at", "-id")


def review_for(user, pk: int) -> AdmissionReview:
    """An admission review, for company staff only (vendors never see reviews: ORG-3)."""
    if not getattr(user, "is_authenticated", False) or user.is_vendor_user:
        raise AdmissionReview.DoesNotExist
    return (
        AdmissionReview.objects.select_related("vendor__affiliate", "category", "created_by")
        .prefetch_related("results", "category__required_licences", "vendor__documents__licence_type")
        .get(pk=pk)
    )


def open_review_of(vendor: Vendor) -> AdmissionReview | None:
    return vendor.reviews.filter(status__in=OPEN_REVIEW_STATUSES).first()


def diligence_of(vendor: Vendor) -> QuerySet:
    return vendor.diligence.select_related("created_by")


def status_history(vendor: Vendor) -> QuerySet:
    return vendor.status_changes.select_related("changed_by")


def accounts_of(vendor: Vendor) -> QuerySet:
    return vendor.accounts.select_related("user").order_by("user__username")


def change_requests_of(vendor: Vendor) -> QuerySet:
    return vendor.change_requests.select_related("requested_by", "decided_by")


def pending_change_requests() -> QuerySet:
    return ProfileChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING).select_related(
        "vendor", "requested_by"
    )


def change_request_for(user, pk: int) -> ProfileChangeRequest:
    return ProfileChangeRequest.objects.select_related("vendor").get(pk=pk, vendor__in=vendors_for(user))


def reviews_due(on: dt.date | None = None, *, within_days: int = REVIEW_DUE_WITHIN_DAYS) -> QuerySet:
    """Vendors in the pool whose annual re-review falls due within `within_days` and is not yet open (VEN-5)."""
    day = on or today()
    return (
        Vendor.objects.filter(status__in=POOL_STATUSES, next_review_due__lte=day + dt.timedelta(days=within_days))
        .exclude(reviews__status__in=OPEN_REVIEW_STATUSES)
        .order_by("next_review_due", "number")
    )


def licence_types() -> QuerySet:
    return LicenceType.objects.order_by("is_certification", "name")


def affiliates() -> QuerySet:
    return Affiliate.objects.order_by("name")


def categories() -> QuerySet:
    return ServiceCategory.objects.prefetch_related("required_licences").order_by("code")


def expiring_documents(on: dt.date | None = None, days: int | None = None) -> QuerySet:
    """Documents that expired, or expire within `days` (default: the warning setting), as of `on`.

    A document already replaced by a later one of the same type is left out: it needs no reminder.
    """
    day = on or today()
    horizon = day + dt.timedelta(days=warning_days() if days is None else days)
    renewal = QualificationDocument.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=horizon),
        vendor_id=OuterRef("vendor_id"),
        licence_type_id=OuterRef("licence_type_id"),
        valid_from__lte=horizon,
        verified_at__isnull=False,  # a renewal counts once HR has verified it
    )
    return (
        QualificationDocument.objects.filter(valid_until__isnull=False, valid_until__lte=horizon)
        .exclude(vendor__status=VendorStatus.REMOVED)
        .exclude(Exists(renewal))
        .select_related("vendor", "licence_type")
        .order_by("valid_until", "id")
    )


def expiring_document_count(*, vendor_id: int | None = None, on: dt.date | None = None) -> int:
    """How many documents need renewing (the daily reminder's list), for one vendor or the whole pool."""
    documents = expiring_documents(on=on)
    return (documents.filter(vendor_id=vendor_id) if vendor_id else documents).count()


def documents_to_verify(*, vendor_id: int | None = None) -> QuerySet:
    """Documents vendors recorded themselves that HR has not verified yet."""
    documents = QualificationDocument.objects.filter(verified_at__isnull=True).exclude(
        vendor__status=VendorStatus.REMOVED
    )
    return (documents.filter(vendor_id=vendor_id) if vendor_id else documents).select_related("vendor", "licence_type")


def portal_user_ids(vendor_ids) -> dict[int, list[int]]:
    """The active portal users of each vendor."""
    users: dict[int, list[int]] = {}
    for vendor_id, user_id in VendorAccount.objects.filter(vendor_id__in=vendor_ids, user__is_active=True).values_list(
        "vendor_id", "user_id"
    ):
        users.setdefault(vendor_id, []).append(user_id)
    return users


def holds_valid_licence(vendor: Vendor, licence_code: str, *, on: dt.date | None = None) -> bool:
    """Whether the vendor has a verified document of this licence type valid on the day (e.g. for special
    work under a contract, CON-9)."""
    day = on or today()
    return (
        vendor.documents.filter(licence_type__code=licence_code, verified_at__isnull=False, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .exists()
    )
