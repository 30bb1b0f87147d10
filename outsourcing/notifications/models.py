"""The inbox (站内通知) and the record of each daily check run (X-2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How urgent a notice is; the values are Bootstrap's colour names, so templates use them as-is."""

    INFO = "info", _("Information")
    WARNING = "warning", _("Reminder")
    DANGER = "danger", _("Urgent")


class Kind(models.TextChoices):
    """What a notice asks of its reader: the inbox groups and filters by it."""

    TODO = "todo", _("To do")
    REMINDER = "reminder", _("Reminder")
    ALERT = "alert", _("Alert")
    INFO = "info", _("For your information")


KIND_OF_LEVEL = {Level.INFO: Kind.INFO, Level.WARNING: Kind.REMINDER, Level.DANGER: Kind.ALERT}


class Notification(models.Model):
    """One message to one person in their inbox (站内通知), e-mailed too when the sender asked.

    A non-empty `dedup_key` is unique per recipient: the same notice sent again (a daily job run
    twice, two processes at once) is never stored or e-mailed twice. A to-do (kind `todo`: approve, confirm,
    answer) is resolved when its task is done by anyone (`core.notices.resolve` with its dedup key): it is then
    read for every recipient and leaves their unread count.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("A path inside the system, e.g. /org/users/.")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.INFO)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INFO)
    dedup_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    resolved_at = models.DateTimeField(
        _("resolved at"), null=True, blank=True, help_text=_("When the to-do it asked for was done, by anyone.")
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"],
                condition=~Q(dedup_key=""),
                name="notifications_unique_dedup_key",
            ),
        ]
        indexes = [
            # The bell's unread count and the inbox list both start from (recipient, read_at).
            models.Index(fields=["recipient", "read_at", "created_at"], name="notifications_inbox"),
            # Resolving a to-do finds its notices by dedup key, whoever received them.
            models.Index(fields=["dedup_key"], condition=~Q(dedup_key=""), name="notifications_todo_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class DailyJobRun(models.Model):
    """One run of one daily check (每日检查运行记录): when, how many notices it created, or why it failed."""

    name = models.CharField(_("check"), max_length=100)
    run_date = models.DateField(_("run for date"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    notices_created = models.PositiveIntegerField(_("notices created"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("daily check run")
        verbose_name_plural = _("daily check runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["run_date", "name"], name="notifications_run_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.run_date}"

    @property
    def succeeded(self) -> bool:
        return self.finished_at is not None and not self.error
