"""Kick-off (OPS-4), meeting and action-item (OPS-3) pages: lists with Excel export, recording a kick-off with both
sides' interface persons, a meeting with its minutes and action items, and closing an item."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.contracts.models import Contract
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.operations import kickoff, meetings, selectors, spreadsheets
from outsourcing.operations.forms import (
    ActionItemFilterForm,
    ActionItemForm,
    CloseItemForm,
    KickOffForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    ReplacePersonForm,
)
from outsourcing.operations.models import ActionItem, KickOff, Meeting
from outsourcing.operations.permissions import available_actions
from outsourcing.org.models import User, UserKind


def _contract_id(request) -> int | None:
    value = request.GET.get("contract", "")
    return int(value) if value.isdigit() else None


def _chosen(request, contracts: list[Contract]) -> Contract | None:
    chosen = request.POST.get("contract") or request.GET.get("contract")
    return next((c for c in contracts if str(c.pk) == chosen), None)


def _contracts(contracts: list[Contract]):
    return Contract.objects.filter(pk__in=[c.pk for c in contracts]).select_related("vendor")


# --- kick-off (OPS-4)


@require_perm("operations.view_operations")
def kickoff_list(request):
    found = selectors.kickoffs_for(request.user, contract_id=_contract_id(request), search=request.GET.get("q", ""))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Kick-off meetings"), sheet=_("Kick-off meetings"),
                             columns=spreadsheets.KICKOFF_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    persons = selectors.current_interface_persons([k.contract_id for k in page])
    return render(request, "operations/kickoff_list.html", {"page": page, "persons": persons})


@require_perm("operations.hold_meetings")
def kickoff_create(request):
    contracts = [c for c in selectors.live_contracts(request.user, perm="operations.hold_meeting")
                 if not KickOff.objects.filter(contract=c).exists()]  # fmt: skip
    contract = _chosen(request, contracts)
    vendor_people = (User.objects.filter(is_active=True, kind=UserKind.VENDOR,
                                         vendor_account__vendor_id__in=[contract.vendor_id] if contract
                                         else [c.vendor_id for c in contracts]).order_by("full_name"))  # fmt: skip
    staff = User.objects.filter(is_active=True, kind=UserKind.INTERNAL).order_by("full_name")
    form = KickOffForm(request.POST or None, contracts=_contracts(contracts), company_people=staff,
                       vendor_people=vendor_people, initial={"contract": contract.pk if contract else None})
    if request.method == "POST" and form.is_valid():
        held = call_service(form, kickoff.record_kickoff, actor=request.user, **form.arguments())
        if held:
            messages.success(request, _("The kick-off is recorded with both sides' interface persons."))
            return redirect(held.get_absolute_url())
    return render(request, "operations/kickoff_form.html", {"form": form, "contracts": contracts})


def _kickoff_page(request, held: KickOff, replace_form=None):
    people = selectors.party_people(held.contract)
    may_hold = request.user.has_perm("operations.hold_meeting", held.contract)
    return render(request, "operations/kickoff_detail.html", {
        "kickoff": held, "persons": held.contract.interface_persons.all(), "may_hold": may_hold,
        "replace_form": replace_form or (ReplacePersonForm(people=people) if may_hold else None),
        "internal": not request.user.is_vendor_user})  # fmt: skip


@require_perm("operations.view_operations")
def kickoff_detail(request, pk: int):
    try:
        held = selectors.kickoff_for(request.user, pk)
    except KickOff.DoesNotExist as exc:
        raise Http404 from exc
    return _kickoff_page(request, held)


@require_POST
@require_perm("operations.hold_meetings")
def interface_person_replace(request, pk: int, person_pk: int):
    try:
        held = selectors.kickoff_for(request.user, pk)
    except KickOff.DoesNotExist as exc:
        raise Http404 from exc
    current = next((p for p in held.contract.interface_persons.all() if p.pk == person_pk and p.until is None), None)
    if current is None:
        raise Http404
    form = ReplacePersonForm(request.POST, people=selectors.party_people(held.contract))
    if form.is_valid() and call_service(form, kickoff.replace_interface_person, actor=request.user, current=current,
                                        **form.cleaned_data):  # fmt: skip
        messages.success(request, _("The interface person is changed; the predecessor's period is kept."))
        return redirect(held.get_absolute_url())
    return _kickoff_page(request, held, replace_form=form)


# --- meetings and action items (OPS-3)


@require_perm("operations.view_operations")
def meeting_list(request):
    filter_form = MeetingFilterForm(request.GET or None)
    found = selectors.meetings_for(request.user, contract_id=_contract_id(request), **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Meetings"), sheet=_("Meetings"), columns=spreadsheets.MEETING_COLUMNS,
                             rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "operations/meeting_list.html", {"page": page, "filter_form": filter_form})


@require_perm("operations.hold_meetings")
def meeting_create(request):
    contracts = selectors.live_contracts(request.user, perm="operations.hold_meeting")
    contract = _chosen(request, contracts)
    form = MeetingForm(request.POST or None, contracts=_contracts(contracts),
                       initial={"contract": contract.pk if contract else None})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        held = call_service(form, meetings.record_meeting, actor=request.user, **form.arguments())
        if held:
            messages.success(request, _("%(number)s is recorded.") % {"number": held.number})
            return redirect(held.get_absolute_url())
    return render(request, "operations/meeting_form.html", {"form": form, "contracts": contracts})


def meeting_or_404(request, pk: int) -> Meeting:
    try:
        return selectors.meeting_for(request.user, pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def _meeting_page(request, held: Meeting, **forms):
    actions = available_actions(request.user, held)
    people = selectors.party_people(held.contract)
    items = list(held.action_items.all())
    context = {
        "meeting": held, "actions": actions, "items": items, "internal": not request.user.is_vendor_user,
        "item_actions": {item.pk: available_actions(request.user, item) for item in items},
        "minutes_form": forms.get("minutes_form") or (MinutesForm(initial={"minutes": held.minutes})
                                                      if "record_minutes" in actions else None),
        "item_form": forms.get("item_form") or (ActionItemForm(people=people) if "add_action_item" in actions
                                                else None),
        "close_form": CloseItemForm(),
    }  # fmt: skip
    return render(request, "operations/meeting_detail.html", context)


@require_perm("operations.view_operations")
def meeting_detail(request, pk: int):
    return _meeting_page(request, meeting_or_404(request, pk))


@require_POST
@require_perm("operations.hold_meetings")
def meeting_minutes(request, pk: int):
    held = meeting_or_404(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid() and call_service(form, meetings.record_minutes, actor=request.user, meeting=held,
                                        minutes=form.cleaned_data["minutes"]):  # fmt: skip
        messages.success(request, _("The minutes are recorded."))
        return redirect(held.get_absolute_url())
    return _meeting_page(request, held, minutes_form=form)


@require_POST
@require_perm("operations.hold_meetings")
def meeting_action_item(request, pk: int):
    held = meeting_or_404(request, pk)
    form = ActionItemForm(request.POST, people=selectors.party_people(held.contract))
    if form.is_valid() and call_service(form, meetings.add_action_item, actor=request.user, meeting=held,
                                        **form.cleaned_data):  # fmt: skip
        messages.success(request, _("The action item is recorded and its owner told."))
        return redirect(held.get_absolute_url() + "#action-items")
    return _meeting_page(request, held, item_form=form)


@require_POST
@require_perm("operations.view_operations")
def action_item_close(request, pk: int):
    try:
        item = selectors.action_items_for(request.user).get(pk=pk)
    except ActionItem.DoesNotExist as exc:
        raise Http404 from exc
    form = CloseItemForm(request.POST)
    if form.is_valid() and call_service(form, meetings.close_action_item, actor=request.user, item=item,
                                        outcome=form.cleaned_data["outcome"]):  # fmt: skip
        messages.success(request, _("The action item is closed."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(item.get_absolute_url())


@require_perm("operations.view_operations")
def action_item_list(request):
    filter_form = ActionItemFilterForm(request.GET or None)
    found = selectors.action_items_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Action items"), sheet=_("Action items"),
                             columns=spreadsheets.ACTION_ITEM_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "operations/action_item_list.html", {"page": page, "filter_form": filter_form})


