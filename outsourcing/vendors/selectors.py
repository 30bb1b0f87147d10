"""Reads of the vendor pool, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from outsourcing.vendors.models import Vendor
from outsourcing.vendors.permissions import vendor_id_of


def vendors_for(user) -> QuerySet:
    """Every vendor for staff; only their own for a vendor user; nothing for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Vendor.objects.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return Vendor.objects.filter(pk=own) if own else Vendor.objects.none()
    return Vendor.objects.all()


def vendor_list(user, *, search: str = "", status: str = "", category_id: int | None = None) -> QuerySet:
    vendors = vendors_for(user).select_related("affiliate").prefetch_related("categories")
    if search:
        vendors = vendors.filter(
            Q(name__icontains=search) | Q(credit_code__icontains=search) | Q(number__icontains=search)
        )
    if status:
        vendors = vendors.filter(status=status)
    if category_id:
        vendors = vendors.filter(categories__id=category_id).distinct()
    return vendors.order_by("number")
