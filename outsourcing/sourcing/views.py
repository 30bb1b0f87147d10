"""Sourcing event pages: the list, the event (everything the viewer may see of it), and the organiser's
actions from draft to the opening of the answers and through the stages (SRC-1..SRC-5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.sourcing import award as awarding
from outsourcing.sourcing import events, scoring, selectors
from outsourcing.sourcing.forms import (
    AwardForm,
    CancelForm,
    CandidateForm,
    DeclarationForm,
    EventFilterForm,
    EventForm,
    NegotiationForm,
    PanelMemberForm,
    StageResultForm,
)
from outsourcing.sourcing.models import Candidate, EventStatus, SourcingEvent, Stage


def event_or_404(request, pk: int) -> SourcingEvent:
    try:
        return selectors.event_for(request.user, pk)
    except SourcingEvent.DoesNotExist as exc:
        raise Http404 from exc


EXPORT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda e: e.number, 16),
    Column(gettext_lazy("Title"), lambda e: e.title, 30),
    Column(gettext_lazy("Project"), lambda e: e.project.number, 16),
    Column(gettext_lazy("Service category"), lambda e: e.category.name, 12),
    Column(gettext_lazy("Method"), lambda e: e.get_method_display(), 14),
    Column(gettext_lazy("Answers due by"), lambda e: e.deadline, 18),
    Column(gettext_lazy("Candidates"), lambda e: e.candidate_count, 10),
    Column(gettext_lazy("Status"), lambda e: e.get_status_display(), 14),
]


@require_perm("sourcing.view_events")
def event_list(request):
    filter_form = EventFilterForm(request.GET or None)
    found = selectors.events_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=_("Sourcing events"), sheet=_("Sourcing events"), columns=EXPORT_COLUMNS, rows=found
        )
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "sourcing/event_list.html", {"page": page, "filter_form": filter_form})


def event_page_context(request, event: SourcingEvent, **forms) -> dict:
    user = request.user
    organiser = user.has_perm("sourcing.manage_events")
    member = selectors.member_of(user, event)
    outcome = selectors.results_for(user, event)
    award = awarding.live_award(event)
    context = {
        "event": event,
        "organiser": organiser,
        "project_readable": user.has_perm("demands.view_project", event.project),
        "candidates": selectors.candidates_of(event),
        "bids": selectors.bids_for(user, event),
        "answers_visible": selectors.answers_visible(user, event),
        "member": member,
        "progress": selectors.scoring_progress(event),
        "results": outcome,
        "award": award,
        "past_awards": event.awards.exclude(pk=getattr(award, "pk", None)).select_related("winner__vendor"),
        "departures": awarding.departures(award) if award else [],
        "negotiations": selectors.negotiations_of(event),
        "stages": [(stage, stage == event.stage) for stage in Stage],
    }
    if member is not None and member.declared_at is None:
        context["declaration_form"] = forms.get("declaration_form") or DeclarationForm()
    if organiser:
        if event.status == EventStatus.DRAFT:
            context["candidate_form"] = forms.get("candidate_form") or CandidateForm(event=event)
            context["invitation_blockers"] = events.invitation_blockers(event, user)
            request_state = getattr(getattr(event, "single_source", None), "status", None)
            context["can_request_single_source"] = event.is_single_source and request_state in (
                None,
                "draft",
                "returned",
            )
        if event.status not in (EventStatus.AWARDING, EventStatus.AWARDED, EventStatus.CANCELLED) and not (
            event.status == EventStatus.EVALUATING and event.stage == Stage.SCORING
        ):
            context["panel_form"] = forms.get("panel_form") or PanelMemberForm()
            context["panel_gaps"] = events.panel_gaps(event)
        if event.status == EventStatus.EVALUATING and event.stage != Stage.SCORING:
            context["stage_form"] = forms.get("stage_form") or StageResultForm()
        if outcome is not None and outcome.complete and event.status in (EventStatus.EVALUATING, EventStatus.AWARDING):
            context["negotiation_form"] = forms.get("negotiation_form") or NegotiationForm(event=event)
            if award is None or award.status == ApprovalState.RETURNED:
                initial = {"winner": outcome.leader.candidate.pk} if outcome.leader else {}
                if award is not None:
                    initial = {"winner": award.winner_id, "amount": award.amount, "reason": award.reason}
                context["award_form"] = forms.get("award_form") or AwardForm(initial=initial, event=event)
        if event.status not in (EventStatus.AWARDED, EventStatus.CANCELLED, EventStatus.AWARDING):
            context["cancel_form"] = forms.get("cancel_form") or CancelForm()
    return context


@require_perm("sourcing.view_events")
def event_detail(request, pk: int):
    event = event_or_404(request, pk)
    return render(request, "sourcing/event_detail.html", event_page_context(request, event))


def render_event_with(request, event: SourcingEvent, **forms):
    """The event page again with the refused form and its errors in place."""
    return render(request, "sourcing/event_detail.html", event_page_context(request, event, **forms))


def _save(request, event: SourcingEvent | None):
    form = EventForm(request.POST or None, initial=EventForm.initial_from(event) if event else None)
    if request.method == "POST" and form.is_valid():
        if event is None:
            saved = call_service(form, events.create_event, actor=request.user, data=form.to_data())
        else:
            saved = call_service(form, events.update_event, actor=request.user, event=event, data=form.to_data())
        if saved:
            messages.success(request, _("Sourcing event %(number)s saved.") % {"number": saved.number})
            return redirect(saved.get_absolute_url())
    return render(request, "sourcing/event_form.html", {"form": form, "event": event})


@require_perm("sourcing.manage_events")
def event_create(request):
    return _save(request, None)


@require_perm("sourcing.manage_events")
def event_edit(request, pk: int):
    event = event_or_404(request, pk)
    if event.status != EventStatus.DRAFT:
        messages.warning(request, _("The invitations are out: the event can no longer be changed."))
        return redirect(event.get_absolute_url())
    return _save(request, event)


def _done(request, event: SourcingEvent, message: str):
    messages.success(request, message)
    return redirect(event.get_absolute_url())


@require_POST
@require_perm("sourcing.manage_events")
def candidate_add(request, pk: int):
    event = event_or_404(request, pk)
    form = CandidateForm(request.POST, event=event)
    if form.is_valid() and call_service(
        form, events.add_candidate, actor=request.user, event=event, vendor=form.cleaned_data["vendor"]
    ):
        return _done(request, event, _("%(vendor)s added.") % {"vendor": form.cleaned_data["vendor"].name})
    return render_event_with(request, event, candidate_form=form)


def _candidate(event: SourcingEvent, candidate_pk: int) -> Candidate:
    try:
        return event.candidates.select_related("vendor").get(pk=candidate_pk)
    except Candidate.DoesNotExist as exc:
        raise Http404 from exc


@require_POST
@require_perm("sourcing.manage_events")
def candidate_remove(request, pk: int, candidate_pk: int):
    event = event_or_404(request, pk)
    candidate = _candidate(event, candidate_pk)
    events.remove_candidate(actor=request.user, candidate=candidate)
    return _done(request, event, _("%(vendor)s removed.") % {"vendor": candidate.vendor.name})


@require_POST
@require_perm("sourcing.manage_events")
def single_source_submit(request, pk: int):
    event = event_or_404(request, pk)
    events.request_single_source(actor=request.user, event=event)
    return _done(request, event, _("The single-source justification is with management."))


@require_POST
@require_perm("sourcing.manage_events")
def invite(request, pk: int):
    event = event_or_404(request, pk)
    events.issue_invitations(actor=request.user, event=event)
    return _done(request, event, _("Invitations sent to %(n)s candidates.") % {"n": event.candidates.count()})


@require_POST
@require_perm("sourcing.manage_events")
def open_answers(request, pk: int):
    event = event_or_404(request, pk)
    events.open_answers(actor=request.user, event=event)
    return _done(request, event, _("The answers are opened; the completeness review starts."))


@require_POST
@require_perm("sourcing.manage_events")
def stage_result(request, pk: int, candidate_pk: int):
    event = event_or_404(request, pk)
    candidate = _candidate(event, candidate_pk)
    form = StageResultForm(request.POST)
    if form.is_valid() and call_service(
        form,
        events.record_stage_result,
        actor=request.user,
        candidate=candidate,
        passed=form.cleaned_data["outcome"] == "pass",
        note=form.cleaned_data["note"],
    ):
        return _done(request, event, _("%(vendor)s: finding recorded.") % {"vendor": candidate.vendor.name})
    return render_event_with(request, event, stage_form=form)


@require_POST
@require_perm("sourcing.manage_events")
def advance(request, pk: int):
    event = event_or_404(request, pk)
    event = events.advance_stage(actor=request.user, event=event)
    return _done(request, event, _("Now at: %(stage)s.") % {"stage": event.get_stage_display()})


@require_POST
@require_perm("sourcing.manage_events")
def cancel(request, pk: int):
    event = event_or_404(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid() and call_service(
        form, events.cancel_event, actor=request.user, event=event, reason=form.cleaned_data["reason"]
    ):
        return _done(request, event, _("The event is cancelled."))
    return render_event_with(request, event, cancel_form=form)


@require_POST
@require_perm("sourcing.manage_events")
def panel_add(request, pk: int):
    event = event_or_404(request, pk)
    form = PanelMemberForm(request.POST)
    if form.is_valid() and call_service(
        form,
        scoring.add_member,
        actor=request.user,
        event=event,
        user=form.cleaned_data["user"],
        discipline=form.cleaned_data["discipline"],
    ):
        return _done(request, event, _("%(user)s joins the panel.") % {"user": form.cleaned_data["user"]})
    return render_event_with(request, event, panel_form=form)
