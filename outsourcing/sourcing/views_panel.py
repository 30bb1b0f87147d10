"""The panel's pages (declaration, the score sheet), answers as the organisers and panel read them after
the deadline, negotiation, the award, and the PDFs (SRC-4, SRC-6, SRC-7)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.views import require_perm
from outsourcing.sourcing import award as awarding
from outsourcing.sourcing import letters, scoring, selectors
from outsourcing.sourcing.forms import AwardForm, DeclarationForm, NegotiationForm, ScoreSheetForm
from outsourcing.sourcing.models import Bid, Candidate, EventStatus, Stage
from outsourcing.sourcing.views import event_or_404, render_event_with


@require_POST
@require_perm("sourcing.view_events")
def declare(request, pk: int):
    event = event_or_404(request, pk)
    member = selectors.member_of(request.user, event)
    if member is None:
        raise PermissionDenied
    form = DeclarationForm(request.POST)
    if form.is_valid() and call_service(
        form,
        scoring.declare,
        actor=request.user,
        member=member,
        has_conflict=form.cleaned_data["has_conflict"],
        declaration=form.cleaned_data["declaration"],
    ):
        messages.success(request, _("Your declaration is recorded."))
        return redirect(event.get_absolute_url())
    return render_event_with(request, event, declaration_form=form)


@require_perm("sourcing.view_events")
def score_sheet(request, pk: int):
    """The member's own score sheet: every remaining candidate, each criterion scored by hand."""
    event = event_or_404(request, pk)
    member = selectors.member_of(request.user, event)
    if member is None:
        raise PermissionDenied
    if hasattr(member, "sheet"):
        messages.info(request, _("You have submitted your score sheet; the results are on the event's page."))
        return redirect(event.get_absolute_url())
    candidates = event.candidates.filter(eliminated_at="").select_related("vendor")
    form = ScoreSheetForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            scoring.submit_sheet,
            actor=request.user,
            event=event,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )
        if done:
            messages.success(request, _("Your score sheet is submitted."))
            return redirect(event.get_absolute_url() + "#results")
    bids = {b.candidate_id: b for b in selectors.bids_for(request.user, event)}
    prices = scoring.price_scores([b.candidate for b in bids.values()])
    return render(
        request,
        "sourcing/score_sheet.html",
        {
            "event": event,
            "member": member,
            "form": form,
            "bids": bids,
            "prices": prices,
            "open": event.status == EventStatus.EVALUATING and event.stage == Stage.SCORING and member.may_score,
        },
    )


@require_perm("sourcing.list_bids")
def bid_detail(request, pk: int):
    try:
        bid = selectors.bid_for(request.user, pk)
    except Bid.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "sourcing/bid_detail.html", {"bid": bid, "event": bid.candidate.event})


@require_POST
@require_perm("sourcing.manage_events")
def negotiation_add(request, pk: int):
    event = event_or_404(request, pk)
    form = NegotiationForm(request.POST, event=event)
    if form.is_valid() and call_service(form, awarding.record_negotiation, actor=request.user, **form.cleaned_data):
        messages.success(request, _("Negotiation recorded."))
        return redirect(event.get_absolute_url() + "#negotiation")
    return render_event_with(request, event, negotiation_form=form)


@require_POST
@require_perm("sourcing.manage_events")
def award_propose(request, pk: int):
    event = event_or_404(request, pk)
    form = AwardForm(request.POST, event=event)
    if form.is_valid() and call_service(
        form,
        awarding.propose_award,
        actor=request.user,
        event=event,
        winner=form.cleaned_data["winner"],
        amount=form.cleaned_data["amount"],
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, _("The award is submitted for approval."))
        return redirect(event.get_absolute_url() + "#award")
    return render_event_with(request, event, award_form=form)


def _approved_award(event):
    award = awarding.live_award(event)
    if award is None or award.status != ApprovalState.APPROVED:
        raise Http404
    return award


@require_perm("sourcing.view_events")
def award_notice_pdf(request, pk: int):
    award = _approved_award(event_or_404(request, pk))
    return pdf_response(letters.award_notice(award), filename=f"{_('Award notice')}-{award.number}")


@require_perm("sourcing.view_events")
def result_letter_pdf(request, pk: int, candidate_pk: int):
    event = event_or_404(request, pk)
    award = _approved_award(event)
    try:
        candidate = event.candidates.select_related("vendor").exclude(pk=award.winner_id).get(pk=candidate_pk)
    except Candidate.DoesNotExist as exc:
        raise Http404 from exc
    return pdf_response(
        letters.result_letter(candidate, award),
        filename=f"{_('Notice of the selection result')}-{candidate.vendor.name}",
    )


@require_perm("sourcing.view_events")
def evaluation_report_pdf(request, pk: int):
    event = event_or_404(request, pk)
    outcome = selectors.results_for(request.user, event)
    if outcome is None or not outcome.complete:
        raise Http404
    return pdf_response(letters.evaluation_report(event, outcome), filename=f"{_('Evaluation report')}-{event.number}")
