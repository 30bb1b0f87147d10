"""Incidents (INC-1..INC-4): the record with its type, severity, the vendor as the responsible party and its answer,
the timeline, the required actions, the work-injury recognition clock (工伤保险条例 art. 17) and, for a serious one,
the acknowledgements of management and the emergency team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.core.states import StateMachine
from outsourcing.demands.models import Project
from outsourcing.vendors.models import Vendor
from outsourcing.workforce.models import Worker


class IncidentKind(models.TextChoices):
    WORK_INJURY = "work_injury", _("Work injury")
    SERVICE_INTERRUPTION = "service_interruption", _("Service interruption")
    INFORMATION_LEAK = "information_leak", _("Information leak")
    WAGE_ARREARS = "wage_arrears", _("Wage arrears")
    LABOUR_DISPUTE = "labour_dispute", _("Labour dispute")
    SAFETY_HAZARD = "safety_hazard", _("Safety hazard")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    SERIOUS = "serious", _("Serious")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open, waiting for the vendor")
    ANSWERED = "answered", _("Answered by the vendor")
    CLOSED = "closed", _("Closed")


INCIDENT_STATES = StateMachine(
    _("incident"),
    {
        IncidentStatus.OPEN: frozenset({IncidentStatus.ANSWERED, IncidentStatus.CLOSED}),
        IncidentStatus.ANSWERED: frozenset({IncidentStatus.CLOSED}),
        IncidentStatus.CLOSED: frozenset(),
    },
    dict(IncidentStatus.choices),
)


class Incident(TrackedModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=IncidentKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.ORDINARY)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("occurred on"))
    vendor = models.ForeignKey(Vendor, verbose_name=_("responsible vendor"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")  # fmt: skip
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")  # fmt: skip
    worker = models.ForeignKey(Worker, verbose_name=_("worker concerned"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    emergency_plan = models.CharField(_("emergency plan used"), max_length=200, blank=True)
    vendor_response = models.TextField(_("the vendor's response"), blank=True)
    vendor_responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    filing_deadline = models.DateField(_("work-injury recognition due"), null=True, blank=True)
    filing_receipt = models.CharField(_("recognition filing receipt"), max_length=200, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    remedy = models.TextField(_("remedy"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    risk = models.ForeignKey("compliance.Risk", verbose_name=_("risk"), on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="incidents")  # fmt: skip
    # What the daily job raised it from (e.g. "proof:42", a month's proofs with an unpaid wage, RSK-4): once each.
    source_key = models.CharField(_("raised from"), max_length=60, blank=True, default="")

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["source_key"], condition=~models.Q(source_key=""),
                                               name="incident_raised_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:incident_detail", args=[self.pk])

    @property
    def is_work_injury(self) -> bool:
        return self.kind == IncidentKind.WORK_INJURY


class IncidentEvent(models.Model):
    """One line of the incident's timeline."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")  # fmt: skip
    text = models.TextField(_("what was done"))

    class Meta:
        verbose_name = _("incident timeline entry")
        verbose_name_plural = _("incident timeline entries")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class IncidentAction(TrackedModel):
    """A required action with its owner and deadline; an incident closes only when each is done."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="actions")  # fmt: skip
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident action")
        verbose_name_plural = _("incident actions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class Acknowledgement(models.Model):
    """A serious incident escalated to a member of management or the emergency team, and when they acknowledged."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="acknowledgements")  # fmt: skip
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident acknowledgement")
        verbose_name_plural = _("incident acknowledgements")
        constraints = [models.UniqueConstraint(fields=["incident", "person"], name="acknowledged_once")]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.person_id}"
