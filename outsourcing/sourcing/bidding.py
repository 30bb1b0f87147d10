"""The vendor's answer to an invitation (SRC-3): complete, itemised, before the deadline, and sealed.

Nothing here shows an answer to anyone: reads go through selectors, which keep answers from company
staff until the deadline has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import format_cny, to_money
from outsourcing.org.models import User
from outsourcing.sourcing.errors import ErrorCode
from outsourcing.sourcing.models import Bid, Candidate, EventStatus, QuoteLine
from outsourcing.sourcing.permissions import own_candidacy


@dataclass(frozen=True)
class QuoteItem:
    item: str
    amount: Decimal
    note: str = ""


@dataclass
class Answer:
    company_profile: str
    similar_cases: str
    service_proposal: str
    quote_total: Decimal
    lines: list[QuoteItem]


def _check(answer: Answer) -> Decimal:
    for name in ("company_profile", "similar_cases", "service_proposal"):
        if not str(getattr(answer, name) or "").strip():
            label = Bid._meta.get_field(name).verbose_name
            raise RuleViolation(ErrorCode.INCOMPLETE, _("Fill in “%(part)s”.") % {"part": label}, field=name)
    lines = [line for line in answer.lines if (line.item or "").strip()]
    if not lines:
        raise RuleViolation(ErrorCode.INCOMPLETE, _("Itemise the quote: at least one line."), field="lines")
    try:
        amounts = [to_money(line.amount) for line in lines]
        total = to_money(answer.quote_total)
    except (TypeError, ValueError) as exc:
        raise RuleViolation(ErrorCode.QUOTE, _("Amounts must be numbers in yuan."), field="quote_total") from exc
    if any(a < 0 for a in amounts) or total <= 0:
        raise RuleViolation(
            ErrorCode.QUOTE, _("The quote must be above zero and no line negative."), field="quote_total"
        )
    if sum(amounts, Decimal("0")) != total:
        raise RuleViolation(
            ErrorCode.QUOTE,
            _("The quote lines add up to %(lines)s, not the total %(total)s.")
            % {"lines": format_cny(sum(amounts, Decimal("0"))), "total": format_cny(total)},
            field="quote_total",
        )
    return total


@transaction.atomic
def submit_answer(*, actor: User, candidate: Candidate, answer: Answer) -> Bid:
    """The vendor's own user answers (or replaces its answer) until the deadline; later answers are refused."""
    candidate = Candidate.objects.select_for_update().select_related("event", "vendor").get(pk=candidate.pk)
    event = candidate.event
    if not own_candidacy(actor, candidate):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the invited vendor's own users answer."), status=403)
    if event.status != EventStatus.INVITING:
        raise Conflict(ErrorCode.NOT_OPEN, _("This invitation is not open for answers."))
    if timezone.now() >= event.deadline:
        raise Conflict(
            ErrorCode.LATE,
            _("The deadline (%(deadline)s) has passed: late answers are refused.")
            % {"deadline": timezone.localtime(event.deadline).strftime("%Y-%m-%d %H:%M")},
        )
    if not actor.has_perm("sourcing.answer_invitation", candidate):  # whatever else the rule asks
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the invited vendor's own users answer."), status=403)
    total = _check(answer)
    bid = Bid.objects.filter(candidate=candidate).first() or Bid(candidate=candidate)
    bid.company_profile = answer.company_profile.strip()
    bid.similar_cases = answer.similar_cases.strip()
    bid.service_proposal = answer.service_proposal.strip()
    bid.quote_total = total
    bid.submitted_by = actor
    bid.submitted_at = timezone.now()
    bid.save()
    bid.lines.all().delete()
    QuoteLine.objects.bulk_create(
        QuoteLine(bid=bid, item=line.item.strip(), amount=to_money(line.amount), note=(line.note or "").strip())
        for line in answer.lines
        if (line.item or "").strip()
    )
    return bid
