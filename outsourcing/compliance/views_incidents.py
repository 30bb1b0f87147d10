"""Incident pages (INC-1..INC-4): the list (exported to Excel), recording, the incident with its timeline, required
actions and acknowledgements; the vendor answers in the portal (the same page, its own incidents only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.compliance import incidents, selectors, spreadsheets
from outsourcing.compliance.forms import ActionForm, CloseForm, IncidentForm, NoteForm, RespondForm
from outsourcing.compliance.models_incidents import IncidentAction, IncidentKind, IncidentStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm

# The POST actions on an incident's page and the form each reads.
ACTIONS = {"respond": RespondForm, "note": NoteForm, "add-action": ActionForm, "close": CloseForm,
           "acknowledge": None}  # fmt: skip


@require_perm("compliance.view_incidents")
def incident_list(request):
    status = request.GET.get("status", "") if request.GET.get("status") in IncidentStatus.values else ""
    kind = request.GET.get("kind", "") if request.GET.get("kind") in IncidentKind.values else ""
    found = selectors.incidents_for(request.user, status=status, kind=kind)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Incidents"), sheet=_("Incidents"), columns=spreadsheets.INCIDENT_COLUMNS,
                             rows=found)  # fmt: skip
    return render(request, "compliance/incident_list.html", {
        "page": Paginator(found, 50).get_page(request.GET.get("page")), "status": status, "kind": kind,
        "statuses": IncidentStatus.choices, "kinds": IncidentKind.choices})  # fmt: skip


@require_perm("compliance.record_incident")
def incident_create(request):
    form = IncidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        incident = call_service(form, incidents.record_incident, actor=request.user, data=form.to_data())
        if incident is not None:
            messages.success(request, _("Incident %(number)s recorded; HR, legal and the vendor are told.")
                             % {"number": incident.number})  # fmt: skip
            return redirect(incident)
    return render(request, "compliance/incident_form.html", {"form": form})


def _incident(request, pk: int):
    incident = get_object_or_404(selectors.incidents_for(request.user), pk=pk)
    if not request.user.has_perm("compliance.read_incident", incident):
        raise Http404
    return incident


@require_perm("compliance.view_incidents")
def incident_detail(request, pk: int):
    incident = _incident(request, pk)
    user = request.user
    pending = incident.acknowledgements.filter(person=user, acknowledged_at__isnull=True).exists()
    forms = {}
    if user.has_perm("compliance.respond_incident", incident) and incident.status != IncidentStatus.CLOSED:
        forms["respond"] = RespondForm()
    if user.has_perm("compliance.manage_incidents") and incident.status != IncidentStatus.CLOSED:
        forms.update({"note": NoteForm(), "add_action": ActionForm(), "close": CloseForm()})
    return render(request, "compliance/incident_detail.html", {
        "incident": incident, "events": incident.events.select_related("actor"),
        "actions": incident.actions.select_related("owner"),
        "acknowledgements": incident.acknowledgements.select_related("person"), "pending": pending, "forms": forms,
        "internal": not user.is_vendor_user})  # fmt: skip


@require_POST
@require_perm("compliance.view_incidents")
def incident_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    incident = _incident(request, pk)
    form = ACTIONS[action](request.POST) if ACTIONS[action] else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(incident)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "respond":
            incidents.respond(actor=request.user, incident=incident, **data)
        elif action == "note":
            incidents.note(actor=request.user, incident=incident, **data)
        elif action == "add-action":
            incidents.add_action(actor=request.user, incident=incident, **data)
        elif action == "close":
            incidents.close(actor=request.user, incident=incident, **data)
        else:
            incidents.acknowledge(actor=request.user, incident=incident)
    except RuleViolation as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Saved."))
    return redirect(incident)


@require_POST
@require_perm("compliance.view_incidents")
def action_done(request, pk: int):
    action = get_object_or_404(IncidentAction.objects.select_related("incident"), pk=pk)
    incident = _incident(request, action.incident_id)
    try:
        incidents.complete_action(actor=request.user, action=action)
    except RuleViolation as exc:
        messages.error(request, str(exc.message))
    return redirect(incident)
