"""Pages of a vendor's records: qualification documents, due diligence, admission reviews (VEN-2..VEN-4)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.vendors import admission, qualification, selectors
from outsourcing.vendors.forms import DiligenceForm, DocumentForm, ReviewFindingsForm, StartReviewForm
from outsourcing.vendors.models import AdmissionReview, QualificationDocument
from outsourcing.vendors.views import render_vendor_with, vendor_or_404


def _document_or_404(request, pk: int) -> QualificationDocument:
    try:
        return selectors.document_for(request.user, pk)
    except QualificationDocument.DoesNotExist as exc:
        raise Http404 from exc


def _document_fields(form) -> dict:
    d = form.cleaned_data
    return {
        "licence_type": d["licence_type"],
        "number": d["number"],
        "issuer": d["issuer"],
        "valid_from": d["valid_from"],
        "valid_until": d.get("valid_until"),
        "scope": d.get("scope", ""),
    }


@require_perm("vendors.list_vendors")
def document_create(request, pk: int):
    """HR on the vendor's page, or the vendor's own user in the portal, records a document with its scan."""
    vendor = vendor_or_404(request, pk)
    if not request.user.has_perm("vendors.attach_qualificationdocument", vendor):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            qualification.add_document,
            actor=request.user,
            vendor=vendor,
            upload=form.cleaned_data.get("file"),
            **_document_fields(form),
        )
        if document:
            messages.success(request, _("%(document)s recorded.") % {"document": document})
            return redirect(document.get_absolute_url())
    return render(request, "vendors/document_form.html", {"form": form, "vendor": vendor, "document": None})


@require_perm("vendors.list_vendors")
def document_detail(request, pk: int):
    document = _document_or_404(request, pk)
    return render(
        request,
        "vendors/document_detail.html",
        {
            "document": document,
            "vendor": document.vendor,
            "validity": qualification.validity(document),
            "can_edit": request.user.has_perm("vendors.change_qualificationdocument", document),
            "can_verify": not document.is_verified
            and request.user.has_perm("vendors.verify_qualificationdocument", document),
        },
    )


@require_POST
@require_perm("vendors.verify_qualificationdocument")
def document_verify(request, pk: int):
    document = _document_or_404(request, pk)
    qualification.verify_document(actor=request.user, document=document)
    messages.success(
        request, _("%(document)s verified: it now counts for the vendor's eligibility.") % {"document": document}
    )
    return redirect(document.get_absolute_url())


@require_perm("vendors.list_vendors")
def document_edit(request, pk: int):
    document = _document_or_404(request, pk)
    if not request.user.has_perm("vendors.change_qualificationdocument", document):
        raise PermissionDenied
    initial = {name: getattr(document, name) for name in DocumentForm.base_fields if name != "file"}
    form = DocumentForm(request.POST or None, initial=initial, with_file=False)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, qualification.update_document, actor=request.user, document=document, **_document_fields(form)
        )
        if saved:
            messages.success(request, _("%(document)s saved.") % {"document": saved})
            return redirect(saved.get_absolute_url())
    return render(
        request, "vendors/document_form.html", {"form": form, "vendor": document.vendor, "document": document}
    )


@require_POST
@require_perm("vendors.manage_vendors")
def diligence_create(request, pk: int):
    vendor = vendor_or_404(request, pk)
    form = DiligenceForm(request.POST)
    if form.is_valid():
        done = call_service(form, admission.record_diligence, actor=request.user, vendor=vendor, **form.cleaned_data)
        if done:
            messages.success(request, _("Due diligence “%(kind)s” recorded.") % {"kind": done.get_kind_display()})
            return redirect(vendor.get_absolute_url() + "#diligence")
    return render_vendor_with(request, vendor, diligence_form=form, open_section="diligence")


@require_POST
@require_perm("vendors.manage_vendors")
def review_create(request, pk: int):
    vendor = vendor_or_404(request, pk)
    form = StartReviewForm(request.POST, vendor=vendor)
    if form.is_valid():
        review = call_service(
            form,
            admission.start_review,
            actor=request.user,
            vendor=vendor,
            category=form.cleaned_data["category"],
        )
        if review:
            return redirect(review.get_absolute_url())
    return render_vendor_with(request, vendor, review_form=form)


def _review_or_404(request, pk: int) -> AdmissionReview:
    try:
        return selectors.review_for(request.user, pk)
    except AdmissionReview.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("vendors.view_admissionreview")
def review_detail(request, pk: int):
    review = _review_or_404(request, pk)
    can_change = request.user.has_perm("vendors.change_admissionreview", review)
    form = ReviewFindingsForm(request.POST or None, review=review) if can_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            submitting = "submit" in request.POST
            saved = call_service(
                form,
                admission.save_and_submit if submitting else admission.record_findings,
                actor=request.user,
                review=review,
                findings=form.findings(),
                conclusion=form.cleaned_data["conclusion"],
                affiliate_assessment=form.cleaned_data.get("affiliate_assessment", ""),
            )
            if saved:
                done = (
                    _("Review %(number)s submitted to legal and finance.")
                    if submitting
                    else _("Review %(number)s saved.")
                )
                messages.success(request, done % {"number": review.number})
                return redirect(review.get_absolute_url())
        review = _review_or_404(request, pk)
    return render(
        request,
        "vendors/review_detail.html",
        {
            "review": review,
            "vendor": review.vendor,
            "form": form,
            "results": list(review.results.all()),
            "blockers": admission.blockers_for_viewer(user=request.user, review=review),
            "diligence": selectors.diligence_of(review.vendor)[:10],
        },
    )
