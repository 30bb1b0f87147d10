"""Files carried by any document (X-3): one row per file, tied to its document by a generic relation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outsourcing.attachments import kinds


def stored_file_path(instance: Attachment, filename: str) -> str:
    """attachments/2026/11/<random>.pdf: never the uploader's name, which is kept in the row instead.

    The extension is the one the service passes in `filename`, taken from the detected content type.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """One file on one document. Written only through `services.attach`, removed through `services.remove`."""

    # Downloads are addressed by this random identifier, never by the sequential primary key.
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("document id"))
    document = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("file type"), max_length=40)  # one of the kinds the apps register (kinds.py)
    file = models.FileField(_("file"), upload_to=stored_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    mime_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachments_document_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        return kinds.kind_label(self.kind)
