"""Partnership (篇四, PTN-1..PTN-5): the vendors' improvement proposals and the realised benefit they share, joint
improvement projects, annual awards with their priority right, and the strategic tier with its relationship plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.core.states import StateMachine
from outsourcing.settlements.models import AdjustmentLine
from outsourcing.vendors.models import Vendor


class PartnershipFileKind(models.TextChoices):
    """Files of partnership (registered with the attachments engine)."""

    PROPOSAL_EVIDENCE = "proposal_evidence", _("Evidence of an improvement proposal")


class ProposalKind(models.TextChoices):
    PROCESS = "process", _("Process improvement")
    TECHNOLOGY = "technology", _("Technology improvement")
    COST = "cost", _("Cost reduction")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, to be answered")
    SCREENED = "screened", _("Screened by the department")
    PILOTED = "piloted", _("In pilot")
    ADOPTED = "adopted", _("Adopted")
    DECLINED = "declined", _("Declined")


# PTN-1: screened → piloted → adopted, or declined with the reason at any stage before adoption. A screening
# may adopt at once (a small change needs no pilot). Adopted and declined are final.
PROPOSAL_MACHINE = StateMachine(
    _("improvement proposal"),
    {
        ProposalStatus.SUBMITTED: frozenset({ProposalStatus.SCREENED, ProposalStatus.DECLINED}),
        ProposalStatus.SCREENED: frozenset({ProposalStatus.PILOTED, ProposalStatus.ADOPTED, ProposalStatus.DECLINED}),
        ProposalStatus.PILOTED: frozenset({ProposalStatus.ADOPTED, ProposalStatus.DECLINED}),
        ProposalStatus.ADOPTED: frozenset(),
        ProposalStatus.DECLINED: frozenset(),
    },
    labels=dict(ProposalStatus.choices),
)
ANSWERED = frozenset({ProposalStatus.SCREENED, ProposalStatus.PILOTED, ProposalStatus.ADOPTED, ProposalStatus.DECLINED})


class Proposal(TrackedModel):
    """An improvement proposal (合理化建议 / 创新与增值, PTN-1) a vendor makes under one of its contracts, with the
    gain-sharing terms (PTN-2) agreed at adoption."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="proposals")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"))
    proposal = models.TextField(_("proposal"))
    baseline = models.TextField(_("baseline (how it is measured today)"))
    baseline_amount = MoneyField(_("baseline cost per month"), null=True, blank=True)
    expected_benefit = MoneyField(_("expected saving per month"), null=True, blank=True)
    expected_benefit_text = models.TextField(_("expected benefit"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    answer_due = models.DateField(_("to be answered by"))
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.SUBMITTED)  # fmt: skip
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    stage_note = models.TextField(_("note of the last stage"), blank=True)
    decline_reason = models.TextField(_("why declined"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    share_percent = models.DecimalField(_("vendor's share of the saving (%)"), max_digits=5, decimal_places=2,
                                        null=True, blank=True)  # fmt: skip
    share_months = models.PositiveSmallIntegerField(_("sharing period (months from adoption)"), null=True, blank=True)
    share_cap = MoneyField(_("cap of the shares paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("improvement proposal")
        verbose_name_plural = _("improvement proposals")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(answer_due__gte=models.F("submitted_on")), name="proposal_due_order"),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | (Q(share_percent__gte=0) & Q(share_percent__lte=100)),
                name="proposal_share_percent",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:proposal_detail", args=[self.pk])

    @property
    def vendor(self) -> Vendor:
        return self.contract.vendor


class RealisedBenefit(TrackedModel):
    """The realised saving of an adopted proposal in one month (PTN-1), measured against the baseline by the
    project owner and confirmed by finance; its gain share (PTN-2) is a line of that month's settlement, once."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT,
                                 related_name="benefits")  # fmt: skip
    period_start = models.DateField(_("month"))
    baseline_amount = MoneyField(_("baseline cost"))
    actual_amount = MoneyField(_("actual cost"))
    saving = MoneyField(_("saving"))
    method = models.TextField(_("how it was measured"))
    measured_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("measured by"), on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed by finance at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    share_amount = MoneyField(_("gain share"), null=True, blank=True)
    settlement_line = models.OneToOneField(AdjustmentLine, verbose_name=_("settlement line"), on_delete=models.PROTECT,
                                           null=True, blank=True, related_name="gain_share")  # fmt: skip

    class Meta:
        verbose_name = _("realised benefit")
        verbose_name_plural = _("realised benefits")
        ordering = ["proposal", "period_start"]
        constraints = [
            # PTN-2: one saving per proposal and month, so its share is paid at most once.
            models.UniqueConstraint(fields=["proposal", "period_start"], name="benefit_once_per_period"),
            models.CheckConstraint(condition=Q(saving__gte=0), name="benefit_saving_not_negative"),
            models.CheckConstraint(
                condition=Q(share_amount__isnull=True) | Q(share_amount__gte=0), name="benefit_share_not_negative"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.proposal.number} {self.period_start:%Y-%m}"

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url() + f"#benefit-{self.pk}"


class JointStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


JOINT_MACHINE = StateMachine(
    _("joint improvement project"),
    {
        JointStatus.PLANNED: frozenset({JointStatus.RUNNING, JointStatus.CANCELLED}),
        JointStatus.RUNNING: frozenset({JointStatus.COMPLETED, JointStatus.CANCELLED}),
        JointStatus.COMPLETED: frozenset(),
        JointStatus.CANCELLED: frozenset(),
    },
    labels=dict(JointStatus.choices),
)


class Side(models.TextChoices):
    COMPANY = "company", _("Company")
    VENDOR = "vendor", _("Vendor")


class JointProject(TrackedModel):
    """A joint improvement project (联合改进项目, PTN-3) with members of both sides and milestones."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT,
                               related_name="joint_projects")  # fmt: skip
    proposal = models.ForeignKey(Proposal, verbose_name=_("from the proposal"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="joint_projects")  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    starts_on = models.DateField(_("starts on"))
    status = models.CharField(_("status"), max_length=20, choices=JointStatus.choices, default=JointStatus.PLANNED)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("joint improvement project")
        verbose_name_plural = _("joint improvement projects")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:joint_detail", args=[self.pk])


class JointMember(models.Model):
    project = models.ForeignKey(JointProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="members")  # fmt: skip
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role in the project"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        ordering = ["side", "id"]

    def __str__(self) -> str:
        return self.name


class JointMilestone(models.Model):
    project = models.ForeignKey(JointProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")  # fmt: skip
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("project milestone")
        verbose_name_plural = _("project milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Award(TrackedModel):
    """An annual award (最佳合作伙伴, PTN-4): the committee's choice among the year's candidates, decided by
    management through the approval engine; an approved award gives the winner a priority right (优先承接权)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("award"), max_length=100)
    vendor = models.ForeignKey(Vendor, verbose_name=_("winner"), on_delete=models.PROTECT, related_name="awards")
    reasons = models.TextField(_("the committee's reasons"))
    candidates = models.JSONField(_("candidates and their figures"), default=list)
    simplified = models.BooleanField(_("simplified selection (fewer than three candidates)"), default=False)
    simplified_reason = models.TextField(_("why the selection is simplified"), blank=True)
    priority_until = models.DateField(_("priority right until"))
    approval_state = models.CharField(_("approval"), max_length=20, choices=ApprovalState.choices,
                                      default=ApprovalState.DRAFT)  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual award")
        verbose_name_plural = _("annual awards")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "title", "vendor"], name="award_once_per_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.title} · {self.vendor.name}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:award_detail", args=[self.pk])

    def approval_title(self) -> str:
        return f"{self.number} {self.year} {self.title}（{self.vendor.name}）"

    def approval_amount(self):
        return None

    def approval_department(self):
        return None


class TierDirection(models.TextChoices):
    ENTRY = "entry", _("Entry to the strategic tier")
    EXIT = "exit", _("Exit from the strategic tier")


class TierChange(TrackedModel):
    """A proposed entry to or exit from the strategic tier (VEN-5, PTN-5): the rule's grounds, decided by
    management through the approval engine; only an approved change moves the vendor's status."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="tier_changes")
    direction = models.CharField(_("direction"), max_length=10, choices=TierDirection.choices)
    grounds = models.JSONField(_("grounds by the rule"), default=list)
    reason = models.TextField(_("reason"))
    approval_state = models.CharField(_("approval"), max_length=20, choices=ApprovalState.choices,
                                      default=ApprovalState.DRAFT)  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("strategic tier change")
        verbose_name_plural = _("strategic tier changes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_direction_display()} · {self.vendor.name}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:tier_detail", args=[self.pk])

    def approval_title(self) -> str:
        return f"{self.number} {self.get_direction_display()}（{self.vendor.name}）"

    def approval_amount(self):
        return None

    def approval_department(self):
        return None


class ActivityKind(models.TextChoices):
    EXECUTIVE_VISIT = "executive_visit", _("Executive visit")
    KNOWLEDGE_SESSION = "knowledge_session", _("Knowledge-sharing session")
    INSIGHT = "insight", _("Shared insight")


class PlanActivity(TrackedModel):
    """One activity of a strategic vendor's relationship plan (PTN-5), with its date and, once held, its record."""

    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT,
                               related_name="plan_activities")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    record = models.TextField(_("record"), blank=True)

    class Meta:
        verbose_name = _("relationship plan activity")
        verbose_name_plural = _("relationship plan activities")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnership:plan", args=[self.vendor_id]) + f"#activity-{self.pk}"
