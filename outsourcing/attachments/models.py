"""Files carried by any document (X-3): one row per file, tied to its document by a generic relation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    """What a file is, in the words of Chinese outsourcing paperwork."""

    BUSINESS_LICENCE = "business_licence", _("Business licence")
    QUALIFICATION_CERTIFICATE = "qualification_certificate", _("Qualification certificate")
    SAFETY_LICENCE = "safety_licence", _("Work safety licence")
    CONTRACT_SCAN = "contract_scan", _("Signed contract scan")
    LABOR_CONTRACT = "labor_contract", _("Labor contract")
    SOCIAL_INSURANCE_PROOF = "social_insurance_proof", _("Social insurance payment proof")
    WORKER_CONSENT = "worker_consent", _("Worker's separate consent (PIPL art. 23)")
    WAGE_PAYMENT_RECORD = "wage_payment_record", _("Wage payment record")
    HOUSING_FUND_PROOF = "housing_fund_proof", _("Housing fund payment proof")
    TAX_FILING = "tax_filing", _("Individual income tax filing")
    ROSTER = "roster", _("Staff roster")
    INVOICE = "invoice", _("Invoice")
    MEETING_MINUTES = "meeting_minutes", _("Meeting minutes")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


# The kinds that are a scan or photo of a signed or stamped paper: PDF, JPG or PNG only (a Word or Excel file
# is not proof of anything). The other kinds also take .docx and .xlsx (a roster, a wage list, minutes).
SCANNED_KINDS = frozenset(
    {
        AttachmentKind.BUSINESS_LICENCE,
        AttachmentKind.QUALIFICATION_CERTIFICATE,
        AttachmentKind.SAFETY_LICENCE,
        AttachmentKind.CONTRACT_SCAN,
        AttachmentKind.LABOR_CONTRACT,
        AttachmentKind.SOCIAL_INSURANCE_PROOF,
        AttachmentKind.WORKER_CONSENT,
        AttachmentKind.HOUSING_FUND_PROOF,
        AttachmentKind.TAX_FILING,
        AttachmentKind.INVOICE,
    }
)


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
    kind = models.CharField(_("file type"), max_length=40, choices=AttachmentKind.choices)
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
