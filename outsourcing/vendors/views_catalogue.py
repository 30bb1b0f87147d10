"""The administrator's lists for the pool (categories, licence types, affiliates) and HR's Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.excel import template_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.vendors import catalogue, selectors, spreadsheets
from outsourcing.vendors.forms import AffiliateForm, CategoryForm, ImportForm, LicenceTypeForm
from outsourcing.vendors.models import Affiliate, LicenceType, ServiceCategory


@require_perm("vendors.view_pool")
def catalogue_page(request):
    return render(
        request,
        "vendors/catalogue.html",
        {
            "categories": selectors.categories(),
            "licence_types": selectors.licence_types(),
            "affiliates": selectors.affiliates(),
            "can_manage": request.user.has_perm("vendors.manage_catalogue"),
        },
    )


def _edit(request, *, form_class, instance, initial, service, instance_arg, title):
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, service, actor=request.user, **{instance_arg: instance}, **form.cleaned_data)
        if saved:
            messages.success(request, _("%(name)s saved.") % {"name": saved})
            return redirect("vendors:catalogue")
    return render(request, "vendors/catalogue_form.html", {"form": form, "title": title, "instance": instance})


@require_perm("vendors.manage_catalogue")
def category_edit(request, pk: int | None = None):
    category = get_object_or_404(ServiceCategory, pk=pk) if pk else None
    initial = (
        {
            "code": category.code,
            "name": category.name,
            "required_licences": list(category.required_licences.all()),
            "scope_keywords": category.scope_keywords,
            "is_active": category.is_active,
        }
        if category
        else None
    )
    return _edit(
        request,
        form_class=CategoryForm,
        instance=category,
        initial=initial,
        service=catalogue.save_category,
        instance_arg="category",
        title=_("Service category"),
    )


@require_perm("vendors.manage_catalogue")
def licence_type_edit(request, pk: int | None = None):
    licence_type = get_object_or_404(LicenceType, pk=pk) if pk else None
    initial = (
        {"code": licence_type.code, "name": licence_type.name, "is_certification": licence_type.is_certification}
        if licence_type
        else None
    )
    return _edit(
        request,
        form_class=LicenceTypeForm,
        instance=licence_type,
        initial=initial,
        service=catalogue.save_licence_type,
        instance_arg="licence_type",
        title=_("Licence type"),
    )


@require_perm("vendors.manage_catalogue")
def affiliate_edit(request, pk: int | None = None):
    affiliate = get_object_or_404(Affiliate, pk=pk) if pk else None
    initial = (
        {"name": affiliate.name, "credit_code": affiliate.credit_code, "relation": affiliate.relation}
        if affiliate
        else None
    )
    return _edit(
        request,
        form_class=AffiliateForm,
        instance=affiliate,
        initial=initial,
        service=catalogue.save_affiliate,
        instance_arg="affiliate",
        title=_("Affiliate"),
    )


@require_POST
@require_perm("vendors.manage_catalogue")
def affiliate_remove(request, pk: int):
    affiliate = get_object_or_404(Affiliate, pk=pk)
    catalogue.remove_affiliate(actor=request.user, affiliate=affiliate)
    messages.success(request, _("%(name)s removed from the affiliates list.") % {"name": affiliate.name})
    return redirect("vendors:catalogue")


@require_perm("vendors.manage_vendors")
def vendor_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = call_service(form, spreadsheets.import_vendors, actor=request.user, upload=form.cleaned_data["file"])
        if result is not None:
            created, errors = result
            if created:
                messages.success(request, _("%(n)s vendors imported as prospects.") % {"n": len(created)})
                return redirect("vendors:list")
    return render(request, "vendors/vendor_import.html", {"form": form, "errors": errors})


@require_perm("vendors.manage_vendors")
def vendor_import_template(request):
    return template_response(
        filename=_("Vendor import template"),
        sheet=_("Vendors"),
        columns=spreadsheets.IMPORT_COLUMNS,
        notes=spreadsheets.template_notes(),
    )
