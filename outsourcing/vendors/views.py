"""Vendor pool pages: the list with filters and Excel, the vendor's page (VEN-6), master data, status."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.vendors import selectors, services
from outsourcing.vendors.admission import DILIGENCE_FOR_ROLE
from outsourcing.vendors.forms import (
    DiligenceForm,
    DocumentForm,
    StartReviewForm,
    StatusChangeForm,
    VendorAccountForm,
    VendorFilterForm,
    VendorForm,
)
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.qualification import ineligibility_reasons, legal_entity_reason, scope_reasons, validity
from outsourcing.vendors.spreadsheets import EXPORT_COLUMNS


def vendor_or_404(request, pk: int) -> Vendor:
    try:
        return selectors.vendor_detail(request.user, pk)
    except Vendor.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("vendors.view_pool")
def vendor_list(request):
    filter_form = VendorFilterForm(request.GET or None)
    vendors = selectors.vendor_list(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Vendor pool"), sheet=_("Vendor pool"), columns=EXPORT_COLUMNS, rows=vendors)
    page = Paginator(vendors, 30).get_page(request.GET.get("page"))
    rows = [{"vendor": v, "reasons": ineligibility_reasons(v)} for v in page]
    return render(request, "vendors/vendor_list.html", {"page": page, "rows": rows, "filter_form": filter_form})


def vendor_page_context(request, vendor: Vendor) -> dict:
    """Everything known about the vendor (VEN-6); internal sections only for company staff (ORG-3)."""
    user = request.user
    internal = user.has_perm("vendors.view_internal")
    documents = [{"document": d, "validity": validity(d)} for d in selectors.documents_of(vendor)]
    context = {
        "vendor": vendor,
        "internal": internal,
        "documents": documents,
        "reasons": ineligibility_reasons(vendor),
        "legal_entity_reason": legal_entity_reason(vendor),
        "scope_reasons": scope_reasons(vendor),
        "change_requests": selectors.change_requests_of(vendor),
        "can_add_document": user.has_perm("vendors.attach_qualificationdocument", vendor),
    }
    if not internal:
        return context
    can_manage = user.has_perm("vendors.manage_vendors")
    allowed = services.allowed_status_changes(user, vendor)
    context.update(
        {
            "can_manage": can_manage,
            "reviews": selectors.reviews_of(vendor),
            "open_review": selectors.open_review_of(vendor),
            "diligence": selectors.diligence_of(vendor),
            "diligence_kinds_needed": DILIGENCE_FOR_ROLE.values(),
            "history": selectors.status_history(vendor),
            "accounts": selectors.accounts_of(vendor),
            "status_form": StatusChangeForm(allowed=allowed) if allowed else None,
            "review_form": StartReviewForm(vendor=vendor) if user.has_perm("vendors.start_review", vendor) else None,
            "document_form": DocumentForm() if can_manage else None,
            "diligence_form": DiligenceForm() if can_manage else None,
            "account_form": VendorAccountForm() if user.has_perm("vendors.create_account", vendor) else None,
        }
    )
    return context


@require_perm("vendors.view_pool")
def vendor_detail(request, pk: int):
    vendor = vendor_or_404(request, pk)
    return render(request, "vendors/vendor_detail.html", vendor_page_context(request, vendor))


def _save(request, vendor: Vendor | None):
    form = VendorForm(request.POST or None, initial=VendorForm.initial_from(vendor) if vendor else None, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        if vendor is None:
            saved = call_service(form, services.register_vendor, actor=request.user, data=form.to_data())
        else:
            saved = call_service(form, services.update_vendor, actor=request.user, vendor=vendor, data=form.to_data())
        if saved:
            messages.success(request, _("Vendor %(name)s saved.") % {"name": saved.name})
            if saved.affiliate_id:
                messages.warning(
                    request,
                    _("%(name)s matches the company's affiliate %(affiliate)s: the admission review must assess it.")
                    % {"name": saved.name, "affiliate": saved.affiliate.name},
                )
            return redirect(saved.get_absolute_url())
    return render(request, "vendors/vendor_form.html", {"form": form, "vendor": vendor})


@require_perm("vendors.manage_vendors")
def vendor_create(request):
    return _save(request, None)


@require_perm("vendors.manage_vendors")
def vendor_edit(request, pk: int):
    return _save(request, vendor_or_404(request, pk))


@require_POST
@require_perm("vendors.change_status")
def vendor_status(request, pk: int):
    vendor = vendor_or_404(request, pk)
    form = StatusChangeForm(request.POST, allowed=services.allowed_status_changes(request.user, vendor))
    changed = form.is_valid() and call_service(
        form,
        services.change_status,
        actor=request.user,
        vendor=vendor,
        to_status=form.cleaned_data["to_status"],
        reason=form.cleaned_data["reason"],
    )
    if changed:
        vendor = changed
        messages.success(
            request, _("%(name)s is now %(status)s.") % {"name": vendor.name, "status": vendor.get_status_display()}
        )
        return redirect(vendor.get_absolute_url())
    return render_vendor_with(request, vendor, status_form=form)


def render_vendor_with(request, vendor: Vendor, **forms):
    """The vendor's page again, with the refused form and its errors in place."""
    context = vendor_page_context(request, vendor)
    context.update(forms)
    return render(request, "vendors/vendor_detail.html", context)
