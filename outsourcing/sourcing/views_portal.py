"""The vendor's side of selection in the portal (SRC-3, SRC-7): its invitations, its answer until the
deadline, its own result and letter. Nothing of another candidate is ever shown."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.views import require_perm
from outsourcing.sourcing import award as awarding
from outsourcing.sourcing import bidding, letters, selectors
from outsourcing.sourcing.forms import AnswerForm, QuoteLineFormSet
from outsourcing.sourcing.models import Candidate


def _invitation_or_404(request, pk: int) -> Candidate:
    try:
        return selectors.invitation_for(request.user, pk)
    except Candidate.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("sourcing.use_portal")
def invitations(request):
    return render(request, "sourcing/portal_list.html", {"invitations": selectors.invitations_for(request.user)})


def _result(candidate: Candidate):
    award = awarding.live_award(candidate.event)
    if award is None or award.status != ApprovalState.APPROVED:
        return None
    return {"won": award.winner_id == candidate.pk, "award": award}


@require_perm("sourcing.use_portal")
def invitation(request, pk: int):
    candidate = _invitation_or_404(request, pk)
    bid = getattr(candidate, "bid", None) if candidate.answered else None
    can_answer = request.user.has_perm("sourcing.answer_invitation", candidate)
    initial = (
        {
            "company_profile": bid.company_profile,
            "similar_cases": bid.similar_cases,
            "service_proposal": bid.service_proposal,
            "quote_total": bid.quote_total,
        }
        if bid
        else None
    )
    form = AnswerForm(request.POST or None, initial=initial)
    initial_lines = (
        [{"item": line.item, "amount": line.amount, "note": line.note} for line in bid.lines.all()] if bid else []
    )
    lines = QuoteLineFormSet(request.POST or None, initial=initial_lines, prefix="lines")
    if request.method == "POST" and can_answer and form.is_valid() and lines.is_valid():
        saved = call_service(
            form, bidding.submit_answer, actor=request.user, candidate=candidate, answer=form.to_answer(lines.items())
        )
        if saved:
            messages.success(request, _("Your answer is submitted. You can change it until the deadline."))
            return redirect("sourcing:portal_event", pk=pk)
    elif request.method == "POST" and not can_answer:
        messages.error(request, _("The deadline has passed: late answers are refused."))
        return redirect("sourcing:portal_event", pk=pk)
    return render(
        request,
        "sourcing/portal_invitation.html",
        {
            "candidate": candidate,
            "event": candidate.event,
            "bid": bid,
            "form": form if can_answer else None,
            "lines": lines,
            "result": _result(candidate),
        },
    )


@require_perm("sourcing.use_portal")
def invitation_letter(request, pk: int):
    """The vendor's own letter: the award notice if it won, the result letter otherwise."""
    candidate = _invitation_or_404(request, pk)
    result = _result(candidate)
    if result is None:
        raise Http404
    if result["won"]:
        return pdf_response(
            letters.award_notice(result["award"]), filename=f"{_('Award notice')}-{result['award'].number}"
        )
    return pdf_response(
        letters.result_letter(candidate, result["award"]),
        filename=f"{_('Notice of the selection result')}-{candidate.event.number}",
    )
