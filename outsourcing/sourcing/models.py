"""Vendor selection (外包商选择, SRC-1..SRC-7): sourcing events on approved projects, candidates, sealed vendor
responses, the evaluation panel and its independent score sheets, stage results, negotiation and the award.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.core.states import StateMachine
from outsourcing.demands.models import Project
from outsourcing.vendors.models import ServiceCategory, Vendor


class Method(models.TextChoices):
    PUBLIC_TENDER = "public_tender", _("Public tender")
    INVITED_TENDER = "invited_tender", _("Invited tender")
    INQUIRY = "inquiry", _("Inquiry")
    COMPETITIVE_NEGOTIATION = "competitive_negotiation", _("Competitive negotiation")
    SINGLE_SOURCE = "single_source", _("Single source")


class InvitationKind(models.TextChoices):
    RFI = "rfi", _("Request for information (RFI)")
    RFP = "rfp", _("Request for proposal (RFP)")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    INVITING = "inviting", _("Invitations out, answers open")
    EVALUATING = "evaluating", _("Evaluating")
    AWARDING = "awarding", _("Award in approval")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


# A sourcing event from its draft to the award (SRC-1..SRC-7), declared once; every service moves it through
# `EVENT_STATES.move`. An award refused in approval sends the event back to evaluating.
EVENT_STATES = StateMachine(
    _("sourcing event"),
    {
        EventStatus.DRAFT: frozenset({EventStatus.INVITING, EventStatus.CANCELLED}),
        EventStatus.INVITING: frozenset({EventStatus.EVALUATING, EventStatus.CANCELLED}),
        EventStatus.EVALUATING: frozenset({EventStatus.AWARDING, EventStatus.CANCELLED}),
        EventStatus.AWARDING: frozenset({EventStatus.AWARDED, EventStatus.EVALUATING}),
        EventStatus.AWARDED: frozenset(),
        EventStatus.CANCELLED: frozenset(),
    },
    labels=dict(EventStatus.choices),
)


class Stage(models.TextChoices):
    """The evaluation stages of P2 1.2(3), in order."""

    COMPLETENESS = "completeness", _("Completeness review")
    SITE_VISIT = "site_visit", _("Site due diligence")
    PRESENTATION = "presentation", _("Presentation and Q&A")
    SCORING = "scoring", _("Scoring")


STAGE_ORDER = [Stage.COMPLETENESS, Stage.SITE_VISIT, Stage.PRESENTATION, Stage.SCORING]


class Criterion(models.TextChoices):
    """The criteria of the vendor evaluation score sheet (供应商评估打分表, P2 1.2(3))."""

    TECHNICAL = "technical", _("Technical proposal")
    EXPERIENCE = "experience", _("Experience and record")
    MANAGEMENT = "management", _("Management and service capability")
    PRICE = "price", _("Price")
    FINANCE = "finance", _("Finance and reputation")


DEFAULT_WEIGHTS = {
    Criterion.TECHNICAL: Decimal("30"),
    Criterion.EXPERIENCE: Decimal("20"),
    Criterion.MANAGEMENT: Decimal("20"),
    Criterion.PRICE: Decimal("20"),
    Criterion.FINANCE: Decimal("10"),
}
# What the panel scores by hand; the price score is computed from the quotes (SRC-6).
SCORED_BY_HAND = [Criterion.TECHNICAL, Criterion.EXPERIENCE, Criterion.MANAGEMENT, Criterion.FINANCE]
FULL_MARKS = Decimal("100")


def weight_field(criterion: Criterion, verbose_name) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=2, default=DEFAULT_WEIGHTS[criterion])


class SourcingEvent(TrackedModel):
    """One selection of a vendor for an approved project (SRC-1)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="sourcing")
    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("service category"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    kind = models.CharField(_("invitation"), max_length=10, choices=InvitationKind.choices, default=InvitationKind.RFP)
    requirements = models.TextField(_("what the vendors are asked for"))
    deadline = models.DateTimeField(_("answers due by"))
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.COMPLETENESS)
    weight_technical = weight_field(Criterion.TECHNICAL, _("weight of the technical proposal (%)"))
    weight_experience = weight_field(Criterion.EXPERIENCE, _("weight of experience and record (%)"))
    weight_management = weight_field(Criterion.MANAGEMENT, _("weight of management and service capability (%)"))
    weight_price = weight_field(Criterion.PRICE, _("weight of the price (%)"))
    weight_finance = weight_field(Criterion.FINANCE, _("weight of finance and reputation (%)"))
    single_source_justification = models.TextField(_("why a single source"), blank=True)
    invited_at = models.DateTimeField(_("invitations issued at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("answers opened at"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("sourcing event")
        verbose_name_plural = _("sourcing events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("sourcing:detail", args=[self.pk])

    @property
    def weights(self) -> dict[str, Decimal]:
        return {c.value: getattr(self, f"weight_{c.value}") for c in Criterion}

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def is_single_source(self) -> bool:
        return self.method == Method.SINGLE_SOURCE


class Candidate(TrackedModel):
    """A vendor invited to the event; eliminated at a stage with the recorded reason (SRC-2, SRC-5)."""

    event = models.ForeignKey(
        SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="candidates"
    )
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="candidacies")
    eliminated_at = models.CharField(_("eliminated at"), max_length=20, choices=Stage.choices, blank=True)
    elimination_reason = models.TextField(_("reason for elimination"), blank=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "vendor"], name="sourcing_candidate_once")]

    def __str__(self) -> str:
        return f"{self.event.number} · {self.vendor}"

    @property
    def is_active(self) -> bool:
        return not self.eliminated_at


class StageResult(models.Model):
    """The organiser's finding on one candidate at one stage: passed on, or eliminated with a reason."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="stage_results"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    passed = models.BooleanField(_("passed"))
    note = models.TextField(_("finding"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "stage"], name="sourcing_stage_result_once")]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_stage_display()}"


class Bid(models.Model):
    """A vendor's answer to the invitation (SRC-3): sealed until the deadline, refused after it."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="bid"
    )
    company_profile = models.TextField(_("company profile"))
    similar_cases = models.TextField(_("similar cases"))
    service_proposal = models.TextField(_("service proposal"))
    quote_total = MoneyField(_("quoted total"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("vendor response")
        verbose_name_plural = _("vendor responses")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(quote_total__gt=0), name="sourcing_bid_quote_positive")]

    def __str__(self) -> str:
        return f"{self.candidate.event.number} · {self.candidate.vendor}"

    def get_absolute_url(self) -> str:
        return reverse("sourcing:bid_detail", args=[self.pk])


class QuoteLine(models.Model):
    """One line of the itemised quote."""

    bid = models.ForeignKey(Bid, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("item"), max_length=100)
    amount = MoneyField(_("amount"))
    note = models.CharField(_("calculation basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="sourcing_quote_line_not_negative")]

    def __str__(self) -> str:
        return self.item


class Discipline(models.TextChoices):
    """Where a panel member comes from (P2 1.2(3): a cross-department panel)."""

    BUSINESS = "business", _("Business department")
    HR = "hr", _("HR")
    LEGAL = "legal", _("Legal")
    FINANCE = "finance", _("Finance")
    TECHNOLOGY = "technology", _("Technology")


REQUIRED_DISCIPLINES = (Discipline.BUSINESS, Discipline.HR, Discipline.LEGAL, Discipline.FINANCE)


class PanelMember(TrackedModel):
    """A member of the event's evaluation panel, who declares any conflict of interest first (SRC-4)."""

    event = models.ForeignKey(
        SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="panel"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT, related_name="panel_seats"
    )
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    has_conflict = models.BooleanField(_("declared a conflict of interest"), default=False)
    declaration = models.TextField(_("declaration"), blank=True)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="sourcing_panel_seat_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_discipline_display()}"

    @property
    def may_score(self) -> bool:
        return self.declared_at is not None and not self.has_conflict


class ScoreSheet(models.Model):
    """One member's independent scores of every remaining candidate; submitted once (SRC-6)."""

    member = models.OneToOneField(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="sheet"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return str(self.member)


class Score(models.Model):
    """One criterion of one candidate on one sheet, 0–100 (the price criterion is computed, never stored)."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "candidate", "criterion"], name="sourcing_score_once"),
            models.CheckConstraint(condition=Q(value__gte=0) & Q(value__lte=100), name="sourcing_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.criterion} = {self.value}"


class NegotiationNote(TrackedModel):
    """Commercial negotiation with a candidate after scoring (SRC-7)."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="negotiations"
    )
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("participants"), max_length=300)
    notes = models.TextField(_("what was agreed"))
    final_quote = MoneyField(_("negotiated total"), null=True, blank=True)

    class Meta:
        verbose_name = _("negotiation note")
        verbose_name_plural = _("negotiation notes")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.held_on}"


class SingleSourceRequest(TrackedModel):
    """Management's approval of a single-source event's written justification (SRC-1, SRC-2)."""

    event = models.OneToOneField(
        SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="single_source"
    )
    status = models.CharField(_("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT)

    class Meta:
        verbose_name = _("single-source justification")
        verbose_name_plural = _("single-source justifications")

    def __str__(self) -> str:
        return f"{self.event.number} {_('single source')}"

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()

    # --- the approval engine's protocol; rules in sourcing/events.py ---
    def approval_title(self) -> str:
        return f"{self.event.number} {_('single-source justification')}：{self.event.title}"

    def approval_amount(self):
        return self.event.project.budget

    def approval_categories(self) -> set[str]:
        return {self.event.category.code}

    def approval_department(self):
        return self.event.project.department


class Award(TrackedModel):
    """The choice of the winner, after negotiation, through approval (SRC-7)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    event = models.ForeignKey(
        SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.PROTECT, related_name="awards"
    )
    winner = models.ForeignKey(Candidate, verbose_name=_("winner"), on_delete=models.PROTECT, related_name="+")
    amount = MoneyField(_("awarded amount"))
    reason = models.TextField(_("reasons for the choice"))
    status = models.CharField(_("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sourcing_award_amount_positive"),
            # A rejected award leaves room for a new proposal; otherwise one award per event.
            models.UniqueConstraint(fields=["event"], condition=~Q(status="rejected"), name="sourcing_one_live_award"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.winner.vendor}"

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url() + "#award"

    # --- the approval engine's protocol; rules in sourcing/award.py ---
    def approval_title(self) -> str:
        return f"{self.number} {_('award')}：{self.event.title} → {self.winner.vendor.name}"

    def approval_amount(self):
        return self.amount

    def approval_categories(self) -> set[str]:
        return {self.event.category.code}

    def approval_department(self):
        return self.event.project.department
