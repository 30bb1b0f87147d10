"""How a contract pauses and ends (合同中止/解除, CON-10): a suspension with its reason, start and resumption;
the vendor's request to terminate, reviewed by legal; the notice of non-renewal sent before expiry; and the
post-project evaluation (项目后评估, P2 3.1(1)) every ended contract gets, kept on the vendor's record."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel
from outsourcing.vendors.models import Vendor


class Suspension(TrackedModel):
    """A pause of the service (合同中止): no new instruction or entry until it is resumed."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.CASCADE, related_name="suspensions"
    )
    reason = models.TextField(_("reason for the suspension"))
    starts_on = models.DateField(_("suspended from"))
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)
    resumption_note = models.TextField(_("why the service resumes"), blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resumed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contract suspension")
        verbose_name_plural = _("contract suspensions")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("starts_on")),
                name="contracts_suspension_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.starts_on}"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("With legal for review")
    ACCEPTED = "accepted", _("Accepted: the exit plan is open")
    REFUSED = "refused", _("Refused")


class TerminationRequest(TrackedModel):
    """The vendor asks, in the portal, to terminate the contract (P1§15(二)); legal reviews it."""

    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="termination_requests",
    )
    reason = models.TextField(_("the vendor's reason"))
    last_day = models.DateField(_("proposed last day of service"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices,
                              default=RequestStatus.SUBMITTED)  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by (legal)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision_note = models.TextField(_("legal's answer"), blank=True)

    class Meta:
        verbose_name = _("termination request by the vendor")
        verbose_name_plural = _("termination requests by vendors")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_status_display()}"


class NonRenewalNotice(TrackedModel):
    """The letter that tells the vendor, in advance, the contract will not be renewed (P2 3.1(3))."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="non_renewal_notices",
    )
    decision = models.OneToOneField(
        "contracts.RenewalDecision",
        verbose_name=_("renewal decision"),
        on_delete=models.PROTECT,
        related_name="non_renewal_notice",
    )
    service_ends_on = models.DateField(_("the service ends on"))
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("notice of non-renewal")
        verbose_name_plural = _("notices of non-renewal")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.number


class Recommendation(models.TextChoices):
    """What the evaluation advises for the vendor's future work with the company (P2 3.1(1))."""

    WORK_AGAIN = "work_again", _("Work with the vendor again")
    WITH_CONDITIONS = "with_conditions", _("Work again only with conditions")
    NOT_AGAIN = "not_again", _("Do not work with the vendor again")


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class PostProjectEvaluation(TrackedModel):
    """项目后评估 (P2 3.1(1)): the ended contract judged on its performance history and against the business's
    plans; it stays on the vendor's record and is read at the next selection."""

    contract = models.OneToOneField(
        "contracts.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="post_evaluation",
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="post_project_evaluations"
    )
    quality_score = models.PositiveSmallIntegerField(_("service quality and SLA (1–5)"), validators=SCORE)
    delivery_score = models.PositiveSmallIntegerField(_("deliverables and timeliness (1–5)"), validators=SCORE)
    compliance_score = models.PositiveSmallIntegerField(_("employer duties and compliance (1–5)"), validators=SCORE)
    cooperation_score = models.PositiveSmallIntegerField(_("cooperation and handover (1–5)"), validators=SCORE)
    performance_summary = models.TextField(_("the performance history in summary"))
    business_outlook = models.TextField(_("the business's future plans for this work"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)

    class Meta:
        verbose_name = _("post-project evaluation")
        verbose_name_plural = _("post-project evaluations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quality_score__gte=1, quality_score__lte=5)
                & Q(delivery_score__gte=1, delivery_score__lte=5)
                & Q(compliance_score__gte=1, compliance_score__lte=5)
                & Q(cooperation_score__gte=1, cooperation_score__lte=5),
                name="contracts_post_evaluation_scores",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_recommendation_display()}"

    @property
    def average(self):
        from decimal import Decimal

        total = self.quality_score + self.delivery_score + self.compliance_score + self.cooperation_score
        return (Decimal(total) / 4).quantize(Decimal("0.1"))
