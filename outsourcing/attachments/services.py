"""Every write to attachments: attach a file to a document, remove it again (X-3).

Refusals of the file itself (too big, empty, a type not allowed) are RuleViolations the user can
fix, shown beside the file field. Not being allowed to attach or remove is not something the user
fixes by changing the input: that is Django's PermissionDenied, answered 403 by pages and API alike
(and pages and API first answer 404 when the user may not even see the document).
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.attachments import detection, kinds
from outsourcing.attachments.errors import ErrorCode
from outsourcing.attachments.models import Attachment
from outsourcing.attachments.permissions import may_attach_to_document
from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import User

MB = 1024 * 1024
DESCRIPTION_MAX = Attachment._meta.get_field("description").max_length
NAME_MAX = Attachment._meta.get_field("original_name").max_length


def format_megabytes(size: int) -> str:
    """20971520 → "20", 1572864 → "1.5" (for messages that say "MB")."""
    return f"{size / MB:.2f}".rstrip("0").rstrip(".") or "0"


def _check_size(upload: UploadedFile) -> None:
    if not upload.size:
        raise RuleViolation(ErrorCode.FILE_EMPTY, _("The file is empty."), field="file")
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise RuleViolation(
            ErrorCode.FILE_TOO_LARGE,
            _("The file is %(size)s MB; files of at most %(limit)s MB are accepted.")
            % {"size": format_megabytes(upload.size), "limit": format_megabytes(limit)},
            field="file",
        )


def _check_type(upload: UploadedFile, kind: str) -> detection.DetectedType:
    detected = detection.detect(upload)
    if detected is not None and kinds.is_scanned(kind) and detected not in detection.SCANS:
        raise RuleViolation(
            ErrorCode.FILE_TYPE_NOT_ALLOWED,
            _("A %(kind)s is attached as a scan or photo of the paper: PDF, JPG or PNG, not a Word or Excel file.")
            % {"kind": kinds.kind_label(kind)},
            field="file",
        )
    if detected is None:
        raise RuleViolation(
            ErrorCode.FILE_TYPE_NOT_ALLOWED,
            _(
                "Only PDF, JPG, PNG, Word (.docx) and Excel (.xlsx) files are accepted, judged by their content "
                "whatever the file name says; this file is none of them."
            ),
            field="file",
        )
    return detected


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


SAME_KIND = {"jpeg": "jpg"}


def _clean_name(name: str, detected: detection.DetectedType | None = None) -> str:
    """The uploader's file name as given (Chinese and all), less control characters and any folder part;
    its extension made to say what the content is (a PNG named .pdf downloads as .png)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Control and invisible format characters (a right-to-left override can disguise "gpj.exe") go.
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"}).strip() or "file"
    if detected is not None:
        stem, dot, extension = name.rpartition(".")
        if SAME_KIND.get(extension.lower(), extension.lower()) != detected.extension:
            name = f"{stem if dot else name}.{detected.extension}"
    return name[-NAME_MAX:]


@transaction.atomic
def attach(*, actor: User, document, upload: UploadedFile, kind: str, description: str = "") -> Attachment:
    """Store `upload` on `document`. Nothing is kept (no row, no stored file) when anything is refused."""
    if not may_attach_to_document(actor, document):
        raise PermissionDenied
    if not kinds.is_kind(kind):
        raise RuleViolation(ErrorCode.KIND_UNKNOWN, _("Choose what kind of file this is."), field="kind")
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise RuleViolation(
            ErrorCode.DESCRIPTION_TOO_LONG,
            _("The description can be at most %(n)s characters.") % {"n": DESCRIPTION_MAX},
            field="description",
        )
    _check_size(upload)
    detected = _check_type(upload, kind)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        kind=kind,
        original_name=_clean_name(upload.name, detected),
        size=upload.size,
        mime_type=detected.mime_type,
        sha256=_sha256(upload),
        description=description,
        uploaded_by=actor,
    )
    # The stored name is random; only the extension is ours, from the detected type.
    attachment.file.save(f"upload.{detected.extension}", upload, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def remove(*, actor: User, attachment: Attachment) -> None:
    """Delete the row now and the stored file once the deletion is committed (a rollback keeps both)."""
    if not actor.has_perm("attachments.delete_attachment", attachment):
        raise PermissionDenied
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def purge(*, document) -> int:
    """Delete every file of `document` without a user (the retention job, WRK-11): rows now, stored files
    once committed. Returns how many were removed."""
    removed = 0
    for attachment in Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ):
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        removed += 1
    return removed
