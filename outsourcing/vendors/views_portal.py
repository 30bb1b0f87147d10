"""The vendor portal (ORG-3) and what HR does for it: portal accounts and confirming profile changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.vendors import selectors, services
from outsourcing.vendors.forms import ChangeDecisionForm, ProfileChangeForm, VendorAccountForm
from outsourcing.vendors.models import ProfileChangeRequest, Vendor
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.vendors.views import render_vendor_with, vendor_or_404, vendor_page_context


def _own_vendor(request) -> Vendor:
    own = vendor_id_of(request.user)
    if own is None:
        raise Http404
    return vendor_or_404(request, own)


@require_perm("vendors.use_portal")
def portal(request):
    """My company: the vendor user's own record, documents and change requests; nothing internal."""
    vendor = _own_vendor(request)
    return render(request, "vendors/vendor_detail.html", vendor_page_context(request, vendor))


@require_perm("vendors.use_portal")
def portal_profile(request):
    vendor = _own_vendor(request)
    form = ProfileChangeForm(request.POST or None, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, services.request_profile_change, actor=request.user, vendor=vendor, changes=form.changes()
        )
        if done:
            messages.success(request, _("Your change request was sent to HR; the data changes once HR confirms it."))
            return redirect("vendors:portal")
    return render(request, "vendors/portal_profile.html", {"form": form, "vendor": vendor})


@require_POST
@require_perm("vendors.manage_vendors")
def account_create(request, pk: int):
    vendor = vendor_or_404(request, pk)
    form = VendorAccountForm(request.POST)
    if form.is_valid():
        user = call_service(
            form, services.create_vendor_account, actor=request.user, vendor=vendor, **form.cleaned_data
        )
        if user:
            messages.success(
                request,
                _("Portal account %(username)s created for %(vendor)s.")
                % {"username": user.username, "vendor": vendor},
            )
            return redirect(vendor.get_absolute_url() + "#accounts")
    return render_vendor_with(request, vendor, account_form=form)


@require_perm("vendors.manage_vendors")
def change_request_list(request):
    return render(request, "vendors/change_requests.html", {"requests": selectors.pending_change_requests()})


@require_perm("vendors.verify_qualificationdocument")
def documents_to_verify(request):
    return render(request, "vendors/documents_to_verify.html", {"documents": selectors.documents_to_verify()})


@require_POST
@require_perm("vendors.manage_vendors")
def change_request_decide(request, pk: int):
    try:
        change = selectors.change_request_for(request.user, pk)
    except ProfileChangeRequest.DoesNotExist as exc:
        raise Http404 from exc
    form = ChangeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or to reject the change."))
        return redirect(change.vendor.get_absolute_url() + "#change-requests")
    confirm = form.cleaned_data["decision"] == "confirm"
    decided = call_service(
        form, services.decide_profile_change, actor=request.user, request=change, confirm=confirm,
        note=form.cleaned_data["note"],
    )  # fmt: skip
    if decided is None:
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return render_vendor_with(request, change.vendor, decision_error=(change.pk, errors))
    if confirm:
        messages.success(request, _("The change of %(vendor)s is confirmed and applied.") % {"vendor": change.vendor})
    else:
        messages.success(request, _("The change of %(vendor)s is rejected.") % {"vendor": change.vendor})
    return redirect(change.vendor.get_absolute_url() + "#change-requests")
