"""Risk and compliance records: the findings of the daily indicators (RSK-2) and the risk register (RSK-1)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.core.states import StateMachine
from outsourcing.demands.models import Project
from outsourcing.vendors.models import Vendor


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLEARED = "cleared", _("Cleared")


class IndicatorFinding(models.Model):
    """One record an indicator found, opened the first day it was found and cleared the first day it was not."""

    indicator = models.CharField(_("indicator"), max_length=60, db_index=True)
    key = models.CharField(_("record"), max_length=120)
    subject = models.CharField(_("subject"), max_length=300)
    evidence = models.TextField(_("evidence"))
    url = models.CharField(_("link to the record"), max_length=300, blank=True)
    fix_url = models.CharField(_("link to fix it"), max_length=300, blank=True)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")  # fmt: skip
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")  # fmt: skip
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    opened_on = models.DateField(_("found on"))
    last_seen_on = models.DateField(_("last found on"))
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator finding")
        verbose_name_plural = _("indicator findings")
        ordering = ["indicator", "-opened_on", "id"]
        constraints = [models.UniqueConstraint(fields=["indicator", "key"], condition=Q(status="open"),
                                               name="finding_open_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.indicator}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:finding_detail", args=[self.pk])


class IndicatorRun(models.Model):
    """The daily job's run of one indicator on one day: how many it found, opened and cleared (a second run the
    same day finds the same, opens and clears nothing)."""

    day = models.DateField(_("day"))
    indicator = models.CharField(_("indicator"), max_length=60)
    found = models.PositiveIntegerField(_("found"), default=0)
    opened = models.PositiveIntegerField(_("opened"), default=0)
    cleared = models.PositiveIntegerField(_("cleared"), default=0)

    class Meta:
        verbose_name = _("indicator run")
        verbose_name_plural = _("indicator runs")
        ordering = ["-day", "indicator"]
        constraints = [models.UniqueConstraint(fields=["day", "indicator"], name="indicator_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.indicator}"


class RiskCategory(models.TextChoices):
    """The categories of the policy (P3§4–5)."""

    LEGAL = "legal", _("Legal and compliance")
    OPERATIONS = "operations", _("Operations and service")
    FINANCE = "finance", _("Finance and cost")
    SECURITY = "security", _("Information security")
    REPUTATION = "reputation", _("Reputation")
    CORE_CAPABILITY = "core_capability", _("Loss of core capability")
    VENDOR_DISTRESS = "vendor_distress", _("Vendor financial distress")


class Treatment(models.TextChoices):
    MITIGATE = "mitigate", _("Mitigate")
    ACCEPT = "accept", _("Accept (with a justification)")
    TRANSFER = "transfer", _("Transfer")
    AVOID = "avoid", _("Avoid")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TREATING = "treating", _("Being treated")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


RISK_STATES = StateMachine(
    _("risk"),
    {
        RiskStatus.OPEN: frozenset({RiskStatus.TREATING, RiskStatus.ACCEPTED, RiskStatus.CLOSED}),
        RiskStatus.TREATING: frozenset({RiskStatus.ACCEPTED, RiskStatus.CLOSED}),
        RiskStatus.ACCEPTED: frozenset({RiskStatus.TREATING, RiskStatus.CLOSED}),
        RiskStatus.CLOSED: frozenset({RiskStatus.OPEN}),
    },
    dict(RiskStatus.choices),
)
LIVE_RISK = (RiskStatus.OPEN, RiskStatus.TREATING, RiskStatus.ACCEPTED)
SCALE = [MinValueValidator(1), MaxValueValidator(5)]


def rating_level(score: int) -> str:
    """The level of a likelihood × impact score: high from 15, medium from 8 (the heat map's colours)."""
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


class Risk(TrackedModel):
    """One risk of the register (RSK-1), linked to the vendor, contract or project it concerns and, when an
    indicator raised it, to the finding: it closes when the finding clears, or is accepted with a reason."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("risk"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=RiskCategory.choices)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood (1–5)"), validators=SCALE)
    residual_impact = models.PositiveSmallIntegerField(_("residual impact (1–5)"), validators=SCALE)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("risk owner"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    controls = models.TextField(_("controls"), blank=True)
    treatment = models.CharField(_("treatment"), max_length=10, choices=Treatment.choices, default=Treatment.MITIGATE)
    justification = models.TextField(_("justification of the acceptance"), blank=True)
    review_on = models.DateField(_("next review"))
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")  # fmt: skip
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")  # fmt: skip
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")  # fmt: skip
    finding = models.ForeignKey(IndicatorFinding, verbose_name=_("raised by the finding"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="risks")  # fmt: skip
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5,
                                               residual_likelihood__gte=1, residual_likelihood__lte=5,
                                               residual_impact__gte=1, residual_impact__lte=5),
                                   name="risk_ratings_1_to_5"),
            models.CheckConstraint(condition=~Q(status="accepted") | ~Q(justification=""),
                                   name="risk_accepted_with_justification"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:risk_detail", args=[self.pk])

    @property
    def inherent(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def inherent_level(self) -> str:
        return rating_level(self.inherent)

    @property
    def residual_level(self) -> str:
        return rating_level(self.residual)


class DispatchLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class DispatchScore(models.Model):
    """A project's disguised-dispatch score (RSK-3) as of the last daily run: the weights of the signs found (each
    once), capped at 100, its level; the signs themselves are the project's open `dispatch:` findings."""

    project = models.OneToOneField(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                   related_name="dispatch_score")  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    level = models.CharField(_("level"), max_length=10, choices=DispatchLevel.choices, default=DispatchLevel.LOW)
    signs = models.JSONField(_("signs found"), default=list)
    computed_on = models.DateField(_("computed on"))
    level_since = models.DateField(_("level since"))

    class Meta:
        verbose_name = _("disguised-dispatch score")
        verbose_name_plural = _("disguised-dispatch scores")
        ordering = ["-score", "project_id"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.score}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:project_score", args=[self.project_id])


from outsourcing.compliance.models_audits import (  # noqa: E402, F401 - the annual audit's models (AUD-1..AUD-3)
    Audit,
    AuditAction,
    AuditCheck,
    AuditFinding,
    AuditSample,
    PolicyRule,
)
from outsourcing.compliance.models_continuity import (  # noqa: E402, F401 - RSK-5, RSK-6
    ContinuityPlan,
    CriticalService,
    KnowledgeHandover,
    KnowledgeItem,
)
from outsourcing.compliance.models_incidents import (  # noqa: E402, F401 - the app's models, kept in their own module
    Acknowledgement,
    Incident,
    IncidentAction,
    IncidentEvent,
)
from outsourcing.compliance.models_ratio import WorkforceFigure  # noqa: E402, F401 - the dispatch ratio (RSK-7)
