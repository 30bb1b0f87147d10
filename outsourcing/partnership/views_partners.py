"""Joint projects (PTN-3), annual awards with the certificate (PTN-4), the strategic tier's changes and each
strategic vendor's relationship plan (PTN-5, VEN-5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.partnership import awards, joint, selectors, spreadsheets, tiers
from outsourcing.partnership.forms import ActivityForm, ActivityRecordForm, AwardForm, TierForm
from outsourcing.partnership.models import Award, JointProject, PlanActivity, TierChange
from outsourcing.vendors.models import Vendor, VendorStatus

# --- joint projects (PTN-3)


@require_perm("partnership.view_partnership")
def joint_list(request):
    return render(request, "partnership/joint_list.html", {"projects": selectors.joint_projects_for(request.user)})


@require_perm("partnership.view_partnership")
def joint_detail(request, pk: int):
    try:
        project = selectors.joint_project_for(request.user, pk)
    except JointProject.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "partnership/joint_detail.html", {"project": project,
                  "internal": not request.user.is_vendor_user})  # fmt: skip


# --- annual awards (PTN-4)


def _year(request) -> int:
    value = request.GET.get("year", "") or request.POST.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= today().year else today().year - 1


@require_perm("partnership.view_partnership")
def award_list(request):
    found = selectors.awards_for(request.user)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Annual awards"), sheet=_("Annual awards"),
                             columns=spreadsheets.AWARD_COLUMNS, rows=found)  # fmt: skip
    year = _year(request)
    may_propose = request.user.has_perm("partnership.propose_awards")
    listed = awards.candidates(year) if may_propose else []
    form = AwardForm(candidates=listed) if may_propose and listed else None
    return render(request, "partnership/award_list.html", {"awards": found, "year": year, "candidates": listed,
                  "form": form, "simplified": 0 < len(listed) < awards.MIN_CANDIDATES,
                  "fact_columns": awards.fact_columns()})  # fmt: skip


@require_POST
@require_perm("partnership.propose_awards")
def award_create(request):
    year = _year(request)
    listed = awards.candidates(year)
    form = AwardForm(request.POST, candidates=listed)
    if form.is_valid():
        vendor = get_object_or_404(Vendor, pk=int(form.cleaned_data["vendor"]))
        award = call_service(form, awards.propose_award, actor=request.user, year=year, vendor=vendor,
                             title=form.cleaned_data["title"], reasons=form.cleaned_data["reasons"],
                             simplified_reason=form.cleaned_data["simplified_reason"])  # fmt: skip
        if award:
            messages.success(request, _("%(number)s is submitted to management's decision.") % {"number": award.number})
            return redirect(award.get_absolute_url())
    return render(request, "partnership/award_list.html", {"awards": selectors.awards_for(request.user), "year": year,
                  "candidates": listed, "form": form, "fact_columns": awards.fact_columns(),
                  "simplified": 0 < len(listed) < awards.MIN_CANDIDATES})  # fmt: skip


def _award(request, pk: int) -> Award:
    try:
        return selectors.awards_for(request.user).get(pk=pk)
    except Award.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("partnership.view_partnership")
def award_detail(request, pk: int):
    return render(request, "partnership/award_detail.html", {"award": _award(request, pk),
                  "internal": not request.user.is_vendor_user})  # fmt: skip


@require_perm("partnership.view_partnership")
def award_certificate(request, pk: int):
    award = _award(request, pk)
    if award.approval_state != ApprovalState.APPROVED:
        raise Http404
    return pdf_response(awards.certificate(award), filename=f"{award.number}.pdf")


# --- the strategic tier (VEN-5, PTN-5)


@require_perm("partnership.propose_tier_changes")
def tier_list(request):
    found = selectors.tier_changes_for(request.user)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Strategic tier changes"), sheet=_("Strategic tier changes"),
                             columns=spreadsheets.TIER_COLUMNS, rows=found)  # fmt: skip
    strategic = Vendor.objects.filter(status=VendorStatus.STRATEGIC).order_by("number")
    return render(request, "partnership/tier_list.html", {"changes": found, "proposed": tiers.proposed_changes(),
                  "strategic": strategic, "form": TierForm()})  # fmt: skip


@require_POST
@require_perm("partnership.propose_tier_changes")
def tier_create(request, vendor_pk: int):
    vendor = get_object_or_404(Vendor, pk=vendor_pk)
    form = TierForm(request.POST)
    if form.is_valid():
        change = tiers.propose_tier_change(actor=request.user, vendor=vendor, **form.cleaned_data)
        messages.success(request, _("%(number)s is submitted to management's decision.") % {"number": change.number})
        return redirect(change.get_absolute_url())
    messages.error(request, _("Choose the direction and give the reason."))
    return redirect("partnership:tier_list")


@require_perm("partnership.propose_tier_changes")
def tier_detail(request, pk: int):
    try:
        change = selectors.tier_changes_for(request.user).get(pk=pk)
    except TierChange.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "partnership/tier_detail.html", {"change": change})


def _plan_vendor(request, vendor_pk: int) -> Vendor:
    vendor = get_object_or_404(Vendor, pk=vendor_pk)
    if not request.user.has_perm("partnership.read_vendor_record", vendor):
        raise Http404
    return vendor


@require_perm("partnership.view_partnership")
def plan(request, vendor_pk: int):
    vendor = _plan_vendor(request, vendor_pk)
    may_keep = request.user.has_perm("partnership.keep_plans")
    form = ActivityForm(request.POST or None) if may_keep else None
    posted = request.method == "POST" and form is not None and form.is_valid()
    if posted and call_service(form, joint.plan_activity, actor=request.user, vendor=vendor, **form.cleaned_data):
        messages.success(request, _("The activity is planned; it is reminded when due."))
        return redirect("partnership:plan", vendor_pk=vendor.pk)
    return render(request, "partnership/plan.html", {"vendor": vendor, "activities": selectors.plan_for(
        request.user, vendor.pk), "form": form, "record_form": ActivityRecordForm() if may_keep else None,
        "today": today()})  # fmt: skip


@require_POST
@require_perm("partnership.keep_plans")
def activity_record(request, pk: int):
    activity = get_object_or_404(PlanActivity, pk=pk)
    form = ActivityRecordForm(request.POST)
    if form.is_valid():
        joint.record_activity(actor=request.user, activity=activity, **form.cleaned_data)
        messages.success(request, _("The activity's record is saved."))
    else:
        messages.error(request, _("Give the day it was held and the record."))
    return redirect("partnership:plan", vendor_pk=activity.vendor_id)
