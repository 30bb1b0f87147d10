"""The evaluation panel and its independent scoring (SRC-4, SRC-6), and the results computed from the
score sheets and the quotes (SRC-7): ranking, breakdown per criterion and per member, outliers.

Price score (the stated formula): lowest valid quote ÷ this quote × 100, over the candidates still in.
A member's total for a candidate: Σ score × weight ÷ 100 over the criteria, price included. The
ranking orders candidates by the mean of the members' totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.text import plain_number
from outsourcing.org.models import User
from outsourcing.sourcing.errors import ErrorCode
from outsourcing.sourcing.events import check_organiser
from outsourcing.sourcing.models import (
    FULL_MARKS,
    REQUIRED_DISCIPLINES,
    SCORED_BY_HAND,
    Candidate,
    Criterion,
    Discipline,
    EventStatus,
    PanelMember,
    Score,
    ScoreSheet,
    SourcingEvent,
    Stage,
)

POINT = Decimal("0.01")


def outlier_points() -> Decimal:
    """How far a member's total may stray from the others' mean before it is marked (default 15 points)."""
    return Decimal(str(getattr(settings, "SOURCING_OUTLIER_POINTS", 15)))


# ---------------------------------------------------------------------------------------------------
# The panel (SRC-4)


@transaction.atomic
def add_member(*, actor: User, event: SourcingEvent, user: User, discipline: str) -> PanelMember:
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status in (EventStatus.AWARDING, EventStatus.AWARDED, EventStatus.CANCELLED) or (
        event.status == EventStatus.EVALUATING and event.stage == Stage.SCORING
    ):
        raise Conflict(ErrorCode.WRONG_STAGE, _("The panel is set before the scoring starts."))
    if user.is_vendor_user or not user.is_active:
        raise RuleViolation(ErrorCode.PANEL, _("Panel members are active company staff."), field="user")
    if discipline not in Discipline.values:
        raise RuleViolation(ErrorCode.PANEL, _("Choose where the member comes from."), field="discipline")
    if event.panel.filter(user=user).exists():
        raise Conflict(ErrorCode.PANEL, _("%(user)s is already on the panel.") % {"user": user})
    member = PanelMember(event=event, user=user, discipline=discipline)
    member.stamp(actor)
    member.save()
    return member


@transaction.atomic
def declare(*, actor: User, member: PanelMember, has_conflict: bool, declaration: str = "") -> PanelMember:
    """The member declares, before seeing any answer, whether they have a conflict of interest with a
    candidate. A member with a conflict is recused: they see no answer and score nothing."""
    member = PanelMember.objects.select_for_update().select_related("event").get(pk=member.pk)
    if member.user_id != actor.pk:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Each member declares for themselves."), status=403)
    if member.declared_at is not None:
        raise Conflict(ErrorCode.NOT_DECLARED, _("You have already declared."))
    declaration = (declaration or "").strip()
    if has_conflict and not declaration:
        raise RuleViolation(
            ErrorCode.CONFLICT, _("Say with which candidate and why you have a conflict."), field="declaration"
        )
    member.has_conflict = has_conflict
    member.declaration = declaration or _(
        "I have no interest in any candidate and will score independently and keep the answers confidential."
    )
    member.declared_at = timezone.now()
    member.stamp(actor)
    member.save()
    return member


# ---------------------------------------------------------------------------------------------------
# Score sheets (SRC-6)


@dataclass(frozen=True)
class GivenScore:
    candidate_id: int
    criterion: str
    value: Decimal


@transaction.atomic
def submit_sheet(*, actor: User, event: SourcingEvent, scores: list[GivenScore], comment: str = "") -> ScoreSheet:
    """A member's scores of every remaining candidate on each criterion scored by hand, submitted once."""
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    member = event.panel.filter(user=actor).first()
    if member is None:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the event's panel members score."), status=403)
    if member.declared_at is None:
        raise RuleViolation(
            ErrorCode.NOT_DECLARED, _("Declare whether you have a conflict of interest before scoring.")
        )
    if member.has_conflict:
        raise RuleViolation(ErrorCode.CONFLICT, _("You declared a conflict of interest: you do not score."))
    if event.status != EventStatus.EVALUATING or event.stage != Stage.SCORING:
        raise Conflict(ErrorCode.WRONG_STAGE, _("Scoring opens at the scoring stage."))
    if ScoreSheet.objects.filter(member=member).exists():
        raise Conflict(ErrorCode.ALREADY_SCORED, _("You have already submitted your score sheet; it cannot change."))
    active = {c.pk: c for c in event.candidates.filter(eliminated_at="").select_related("vendor")}
    given: dict[tuple[int, str], Decimal] = {}
    for score in scores:
        if score.candidate_id not in active or score.criterion not in SCORED_BY_HAND:
            raise RuleViolation(ErrorCode.INCOMPLETE, _("A score for a candidate or criterion not being scored."))
        value = Decimal(str(score.value))
        if not (0 <= value <= FULL_MARKS):
            raise RuleViolation(
                ErrorCode.RANGE,
                _("%(vendor)s, %(criterion)s: %(value)s is outside 0–100.")
                % {
                    "vendor": active[score.candidate_id].vendor.name,
                    "criterion": Criterion(score.criterion).label,
                    "value": plain_number(value),
                },
                field=f"score_{score.candidate_id}_{score.criterion}",
            )
        given[(score.candidate_id, score.criterion)] = value
    missing = [
        f"{candidate.vendor.name} · {Criterion(criterion).label}"
        for candidate in active.values()
        for criterion in SCORED_BY_HAND
        if (candidate.pk, criterion) not in given
    ]
    if missing:
        raise RuleViolation(
            ErrorCode.INCOMPLETE, _("Score every candidate on every criterion; missing: %(list)s.") % {
                "list": "；".join(missing)
            }
        )  # fmt: skip
    sheet = ScoreSheet.objects.create(member=member, comment=(comment or "").strip())
    Score.objects.bulk_create(
        Score(sheet=sheet, candidate_id=candidate_id, criterion=criterion, value=value)
        for (candidate_id, criterion), value in given.items()
    )
    return sheet


# ---------------------------------------------------------------------------------------------------
# Results (SRC-7)


def price_scores(candidates: list[Candidate]) -> dict[int, Decimal]:
    """Lowest valid quote ÷ this quote × 100 for every remaining candidate with an answer."""
    quotes = {c.pk: c.bid.quote_total for c in candidates if c.is_active and hasattr(c, "bid")}
    if not quotes:
        return {}
    lowest = min(quotes.values())
    return {pk: (lowest / quote * FULL_MARKS).quantize(POINT, ROUND_HALF_UP) for pk, quote in quotes.items()}


def weighted_total(hand_scores: dict[str, Decimal], price: Decimal, weights: dict[str, Decimal]) -> Decimal:
    values = {**hand_scores, Criterion.PRICE.value: price}
    total = sum((values[c] * weights[c] / FULL_MARKS for c in values), Decimal("0"))
    return total.quantize(POINT, ROUND_HALF_UP)


@dataclass
class MemberLine:
    member: PanelMember
    scores: dict[str, Decimal]  # criterion → score (price included, computed)
    total: Decimal
    outlier: bool = False


@dataclass
class CandidateResult:
    candidate: Candidate
    price_score: Decimal
    means: dict[str, Decimal]  # criterion → mean over the members
    total: Decimal
    lines: list[MemberLine] = field(default_factory=list)
    rank: int = 0


@dataclass
class Results:
    rows: list[CandidateResult]
    sheets: int
    complete: bool
    missing_members: list[PanelMember]

    @property
    def leader(self) -> CandidateResult | None:
        return self.rows[0] if self.rows else None


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal("0")) / len(values)).quantize(POINT, ROUND_HALF_UP) if values else Decimal("0")


def results(event: SourcingEvent) -> Results:
    """The ranking from the submitted sheets (callers decide who may see it: selectors.may_see_results)."""
    candidates = list(event.candidates.filter(eliminated_at="").select_related("vendor", "bid"))
    prices = price_scores(candidates)
    members = list(event.panel.select_related("user", "sheet"))
    sheets = [m.sheet for m in members if hasattr(m, "sheet")]
    scores: dict[tuple[int, int], dict[str, Decimal]] = {}
    for score in Score.objects.filter(sheet__in=sheets):
        scores.setdefault((score.sheet_id, score.candidate_id), {})[score.criterion] = score.value
    weights = event.weights
    rows = []
    for candidate in candidates:
        price = prices.get(candidate.pk, Decimal("0"))
        lines = []
        for sheet in sheets:
            hand = scores.get((sheet.pk, candidate.pk), {})
            if not hand:
                continue
            lines.append(
                MemberLine(sheet.member, {**hand, Criterion.PRICE.value: price}, weighted_total(hand, price, weights))
            )
        means = {c.value: _mean([line.scores[c.value] for line in lines]) for c in Criterion}
        total = _mean([line.total for line in lines])
        if len(lines) >= 3:
            for line in lines:
                others = _mean([other.total for other in lines if other is not line])
                line.outlier = abs(line.total - others) > outlier_points()
        rows.append(CandidateResult(candidate, price, means, total, lines))
    rows.sort(key=lambda row: (-row.total, -row.price_score, row.candidate.pk))
    for index, row in enumerate(rows, start=1):
        row.rank = index
    scorers = [m for m in members if not m.has_conflict]
    missing = [m for m in scorers if not hasattr(m, "sheet")]
    scored_by = {sheet.member.discipline for sheet in sheets}
    complete = bool(sheets) and not missing and all(d in scored_by for d in REQUIRED_DISCIPLINES)
    return Results(rows=rows, sheets=len(sheets), complete=complete, missing_members=missing)
