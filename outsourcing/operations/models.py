"""Daily operations with the vendor (OPS-1, OPS-3, OPS-4): work instructions to the vendor's site manager,
the kick-off with both sides' interface persons, meetings with minutes and action items. The company manages
the service through the vendor, never the vendor's people (四不直接, P3§3 control 1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel


class OperationsFileKind(models.TextChoices):
    """Files of daily operations (registered with the attachments engine)."""

    MEETING_MINUTES = "meeting_minutes", _("Meeting minutes")


class Side(models.TextChoices):
    COMPANY = "company", _("Company")
    VENDOR = "vendor", _("Vendor")


class InstructionStatus(models.TextChoices):
    ISSUED = "issued", _("Issued, waiting for acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the vendor")
    COMPLETED = "completed", _("Completion reported")


class WorkInstruction(TrackedModel):
    """A work instruction (工作指令) to the vendor's site manager, never to a worker (OPS-1)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="instructions")  # fmt: skip
    addressee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("vendor's site manager"),
                                  on_delete=models.PROTECT, related_name="+")  # fmt: skip
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("instruction"))
    issued_on = models.DateField(_("instruction date"))
    acknowledge_by = models.DateField(_("acknowledge by"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=InstructionStatus.choices,
                              default=InstructionStatus.ISSUED)  # fmt: skip
    screen_findings = models.JSONField(_("text screen findings"), default=list, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"),
                                        on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    completed_at = models.DateTimeField(_("completion reported at"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("completion reported by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    completion_report = models.TextField(_("completion report"), blank=True)

    class Meta:
        verbose_name = _("work instruction")
        verbose_name_plural = _("work instructions")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=models.F("issued_on")), name="instruction_due_order"),
            models.CheckConstraint(condition=Q(acknowledge_by__gte=models.F("issued_on")),
                                   name="instruction_ack_order"),  # fmt: skip
        ]
        indexes = [models.Index(fields=["contract", "issued_on"], name="instruction_contract_day")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("operations:instruction_detail", args=[self.pk])

    @property
    def acknowledged_on_time(self) -> bool | None:
        """None while waiting; whether the acknowledgement came by its day (Asia/Shanghai)."""
        if self.acknowledged_at is None:
            return None
        from outsourcing.core.timeutil import local

        return local(self.acknowledged_at).date() <= self.acknowledge_by


class KickOff(TrackedModel):
    """The kick-off meeting after signing (项目启动会, P2 2.2(1), OPS-4)."""

    contract = models.OneToOneField(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                    related_name="kickoff")  # fmt: skip
    held_on = models.DateField(_("held on"))
    goals = models.TextField(_("goals of the service"))
    communication_plan = models.TextField(_("communication plan"),
                                          help_text=_("Channels, meeting rhythm, reports and escalation."))  # fmt: skip
    attendees = models.TextField(_("attendees"), blank=True)

    class Meta:
        verbose_name = _("kick-off meeting")
        verbose_name_plural = _("kick-off meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.contract.number} · {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("operations:kickoff_detail", args=[self.pk])


class InterfacePerson(TrackedModel):
    """One side's interface person (接口人, P3§4 措施3) for a contract, from a day until replaced."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="interface_persons")  # fmt: skip
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    responsibility = models.CharField(_("responsible for"), max_length=200)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("interface person")
        verbose_name_plural = _("interface persons")
        ordering = ["side", "since", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "person"], condition=Q(until__isnull=True),
                                    name="interface_person_once_current"),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} · {self.person}"


class MeetingKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly meeting")
    MONTHLY = "monthly", _("Monthly meeting")
    QBR = "qbr", _("Quarterly business review (QBR)")


class Meeting(TrackedModel):
    """A regular meeting with the vendor (周/月例会) or a quarterly business review (季度业务评审会, OPS-3)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="meetings")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("date"))
    quarter = models.DateField(_("quarter reviewed"), null=True, blank=True,
                               help_text=_("A QBR: the first day of the quarter it reviews."))  # fmt: skip
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="qbr") | Q(quarter__isnull=False), name="meeting_qbr_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("operations:meeting_detail", args=[self.pk])

    @property
    def quarter_label(self) -> str:
        return f"{self.quarter.year}Q{(self.quarter.month - 1) // 3 + 1}" if self.quarter else ""


class MeetingAttendee(models.Model):
    """Someone at the meeting, from either side."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendees")  # fmt: skip
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["side", "id"]

    def __str__(self) -> str:
        return self.name


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ActionItem(TrackedModel):
    """An action agreed in a meeting, with its owner on either side and a due date, tracked to closure."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="action_items")  # fmt: skip
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    owner_side = models.CharField(_("owner's side"), max_length=10, choices=Side.choices)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")  # fmt: skip
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"], name="action_item_open_due")]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#action-{self.pk}"
