"""Kernel tables: the abstract base every record uses, document-number sequences, and the text screen's terms
and recorded signs (core.screening)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Who created and last changed a record, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    def stamp(self, user) -> None:
        """Record `user` as the author of this change (and creator if the record is new)."""
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user


class DocumentSequence(models.Model):
    """The last number issued for one prefix in one year (DEM-2026-0007 → prefix DEM, 2026, 7)."""

    prefix = models.CharField(_("prefix"), max_length=10)
    year = models.PositiveIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="core_sequence_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


class ScreenCategory(models.TextChoices):
    """What a screened term speaks of: the parts of managing a person that are the vendor's (OPS-2)."""

    LEAVE = "leave", _("Leave")
    ATTENDANCE = "attendance", _("Attendance")
    OVERTIME = "overtime", _("Overtime")
    PAY = "pay", _("Pay")
    DEDUCTION = "deduction", _("Pay deduction")
    BONUS = "bonus", _("Bonus")
    DISCIPLINE = "discipline", _("Discipline")
    WARNING = "warning", _("Warning")
    DISMISSAL = "dismissal", _("Dismissal")
    HIRING = "hiring", _("Hiring")
    INTERVIEW = "interview", _("Interview")


class ScreenTerm(TrackedModel):
    """A word or phrase that, in a text sent to a vendor, speaks of managing its people (HR extends the list)."""

    term = models.CharField(_("term"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=ScreenCategory.choices)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("screened term")
        verbose_name_plural = _("screened terms")
        ordering = ["category", "term"]

    def __str__(self) -> str:
        return self.term


class ScreenSign(models.Model):
    """A text sent although the screen warned of direct management: a sign of disguised dispatch (RSK-3).

    Kept with the document it was written in (a generic relation: any app's document), the text as sent,
    the terms found, who confirmed the sending and when. Never edited; the retention job may clear the text.
    """

    content_type = models.ForeignKey(ContentType, verbose_name=_("document type"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("document"))
    document = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("where it was written"), max_length=60)
    vendor_id = models.PositiveBigIntegerField(_("vendor"), null=True, blank=True, db_index=True)
    text = models.TextField(_("text as sent"), blank=True)
    hits = models.JSONField(_("terms found"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("direct-management sign")
        verbose_name_plural = _("direct-management signs")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_sign_document")]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.object_id}"

    @property
    def terms(self) -> list[str]:
        return [hit["term"] for hit in self.hits]
