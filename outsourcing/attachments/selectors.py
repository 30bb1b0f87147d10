"""Every read of attachments the pages and API need: a document's files, one file for one user."""

from __future__ import annotations

import uuid as uuid_module

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from outsourcing.attachments.models import Attachment
from outsourcing.attachments.permissions import may_view_document


def document_type_label(document) -> str:
    """ "app_label.modelname", the name a document goes by in forms and the API."""
    content_type = ContentType.objects.get_for_model(document)
    return f"{content_type.app_label}.{content_type.model}"


def document_model(document_type: str) -> type[models.Model] | None:
    """The model named "app_label.modelname", or None if there is no such model (attachments excepted)."""
    app_label, dot, model_name = (document_type or "").strip().lower().partition(".")
    if not dot or not app_label or not model_name:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return None if model is Attachment else model


def visible_document(*, user, document_type: str, object_id) -> models.Model | None:
    """The document named by type and primary key if it exists and `user` may see it, else None.

    A document that exists but may not be seen answers the same as one that does not (no probing).
    """
    model = document_model(document_type)
    try:
        pk = int(object_id)
    except (TypeError, ValueError):
        return None
    if model is None or pk <= 0:
        return None
    document = model._default_manager.filter(pk=pk).first()
    return document if may_view_document(user, document) else None


def attachments_for(*, document) -> QuerySet[Attachment]:
    """The document's files, newest first, with their uploaders: one query."""
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ).select_related("uploaded_by")


def attachment_for_user(*, user, uuid) -> Attachment:
    """The file with this identifier if `user` may see its document; else Attachment.DoesNotExist,
    whether the file is missing or only hidden (the caller answers 404 either way)."""
    try:
        key = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    except ValueError as exc:
        raise Attachment.DoesNotExist from exc
    attachment = Attachment.objects.select_related("content_type", "uploaded_by").get(uuid=key)
    if not user.has_perm("attachments.view_attachment", attachment):
        raise Attachment.DoesNotExist
    return attachment
