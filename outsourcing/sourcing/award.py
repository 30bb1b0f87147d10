"""After the scoring: negotiation notes, the award through approval, and the result told to every
candidate (SRC-7). The award notice and the result letters are PDFs made from the recorded facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.money import format_cny, to_money
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.sourcing.errors import ErrorCode
from outsourcing.sourcing.events import check_organiser
from outsourcing.sourcing.models import (
    EVENT_STATES,
    Award,
    Candidate,
    EventStatus,
    NegotiationNote,
    SourcingEvent,
    Stage,
)
from outsourcing.sourcing.scoring import results
from outsourcing.vendors import selectors as vendor_selectors


def _scored_event(actor: User, event: SourcingEvent) -> SourcingEvent:
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().select_related("project").get(pk=event.pk)
    if event.status != EventStatus.EVALUATING or event.stage != Stage.SCORING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Negotiation and the award follow the scoring."))
    if not results(event).complete:
        raise Conflict(
            ErrorCode.NOT_COMPLETE, _("Every panel member must submit a score sheet before negotiation and award.")
        )
    return event


@transaction.atomic
def record_negotiation(
    *,
    actor: User,
    candidate: Candidate,
    held_on: dt.date,
    participants: str,
    notes: str,
    final_quote: Decimal | None = None,
) -> NegotiationNote:
    _scored_event(actor, candidate.event)
    if not candidate.is_active:
        raise RuleViolation(ErrorCode.WINNER, _("Negotiations are held with candidates still in."))
    if held_on is None or held_on > today():
        raise RuleViolation(ErrorCode.REQUIRED, _("Record a negotiation once it has been held."), field="held_on")
    if not (participants or "").strip() or not (notes or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Record who took part and what was agreed."), field="notes")
    if final_quote is not None and to_money(final_quote) <= 0:
        raise RuleViolation(ErrorCode.AMOUNT, _("The negotiated total must be above zero."), field="final_quote")
    note = NegotiationNote(
        candidate=candidate,
        held_on=held_on,
        participants=participants.strip(),
        notes=notes.strip(),
        final_quote=to_money(final_quote) if final_quote is not None else None,
    )
    note.stamp(actor)
    note.save()
    return note


def live_award(event: SourcingEvent) -> Award | None:
    return event.awards.exclude(status=ApprovalState.REJECTED).select_related("winner__vendor").first()


@transaction.atomic
def propose_award(*, actor: User, event: SourcingEvent, winner: Candidate, amount: Decimal, reason: str) -> Award:
    """Choose the winner with the awarded amount and the reasons, and send it into approval."""
    check_organiser(actor)
    award = live_award(event)
    if award is None:
        event = _scored_event(actor, event)
    elif award.status != ApprovalState.RETURNED:  # a returned award is revised and resubmitted
        raise Conflict(ErrorCode.WRONG_STATUS, _("The award %(number)s is already %(status)s.") % {
            "number": award.number, "status": award.get_status_display()
        })  # fmt: skip
    else:
        event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    reason = (reason or "").strip()
    if winner is None or winner.event_id != event.pk or not winner.is_active:
        raise RuleViolation(ErrorCode.WINNER, _("Choose a candidate still in the evaluation."), field="winner")
    try:
        amount = to_money(amount)
    except (TypeError, ValueError) as exc:
        raise RuleViolation(
            ErrorCode.AMOUNT, _("The awarded amount must be an amount in yuan."), field="amount"
        ) from exc
    if amount <= 0:
        raise RuleViolation(ErrorCode.AMOUNT, _("The awarded amount must be above zero."), field="amount")
    if not reason:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reasons for the choice."), field="reason")
    award = award or Award(number=next_number("AWD"), event=event)
    award.winner = winner
    award.amount = amount
    award.reason = reason
    award.status = ApprovalState.IN_APPROVAL
    award.stamp(actor)
    award.save()
    EVENT_STATES.move(event, EventStatus.AWARDING)
    event.stamp(actor)
    event.save()
    approvals.submit(document=award, actor=actor)
    return award


def approval_blockers(*, award: Award, role: str) -> list[Reason]:
    """The approvers see when the choice departs from the ranking or the budget, and must agree to it."""
    event = award.event
    outcome = results(event)
    reasons = []
    if not outcome.complete:
        reasons.append(Reason(ErrorCode.SCORING_INCOMPLETE, _("The panel's scoring is not complete.")))
    if not award.winner.is_active:
        reasons.append(
            Reason(
                ErrorCode.WINNER_ELIMINATED,
                _("%(vendor)s was eliminated from the evaluation.") % {"vendor": award.winner.vendor.name},
            )
        )
    return reasons


def departures(award: Award) -> list[str]:
    """What an approver should weigh: a winner not ranked first, an amount above the project's budget."""
    notes = []
    leader = results(award.event).leader
    if leader is not None and leader.candidate.pk != award.winner_id:
        notes.append(
            _("The proposed winner is not ranked first (first: %(first)s, %(points)s points).")
            % {"first": leader.candidate.vendor.name, "points": leader.total}
        )
    if award.amount > award.event.project.budget:
        notes.append(
            _("The awarded amount %(amount)s is above the project's approved budget %(budget)s.")
            % {"amount": format_cny(award.amount), "budget": format_cny(award.event.project.budget)}
        )
    return notes


def approval_finished(*, award: Award, outcome: str, actor: User) -> None:
    """Called by the approval engine inside the decision's transaction."""
    event = SourcingEvent.objects.select_for_update().get(pk=award.event_id)
    award.status = state_for_outcome(outcome)
    if outcome == "approved":
        award.approved_at = timezone.now()
        EVENT_STATES.move(event, EventStatus.AWARDED)
    elif outcome == "rejected":
        EVENT_STATES.move(event, EventStatus.EVALUATING)
    award.stamp(actor)
    award.save()
    event.stamp(actor)
    event.save()
    if outcome == "approved":
        with company_language():
            _tell_the_candidates(event, award)


def _tell_the_candidates(event: SourcingEvent, award: Award) -> None:
    candidates = list(event.candidates.select_related("vendor"))
    accounts = vendor_selectors.portal_user_ids({c.vendor_id for c in candidates})
    notices = []
    for candidate in candidates:
        won = candidate.pk == award.winner_id
        title = (_("%(title)s: your company is the winner") if won else _("%(title)s: the result of the selection")) % {
            "title": event.title
        }
        for user_id in accounts.get(candidate.vendor_id, []):
            notices.append(
                Notice(
                    recipient_id=user_id,
                    title=title,
                    body=_("Download the letter from the invitation's page in the portal."),
                    url=reverse("sourcing:portal_event", args=[event.pk]),
                    dedup_key=f"sourcing-result:{event.pk}:{candidate.pk}",
                )
            )
    send(notices)
