"""Who may see, add and remove a document's files: whoever the document's own app says.

The convention, for a document of model `app_label.ModelName`:
- seeing its files (list, download) needs `user.has_perm("<app_label>.view_<modelname>", document)`;
- adding a file needs that and `user.has_perm("<app_label>.attach_<modelname>", document)`;
- removing a file needs the attach permission and being the person who uploaded it.
A domain app plugs a document in by defining those two rules in its own `permissions.py`; a document
without them shows its files to nobody (superusers aside). The rules below wrap the convention so
pages, the API and templates ask `user.has_perm("attachments.…", obj)` like everywhere else.
"""

from __future__ import annotations

import rules
from django.contrib.contenttypes.models import ContentType


def document_perm(document, action: str) -> str:
    """ "view" or "attach" → e.g. "contracts.view_contract", named after the document's concrete model."""
    content_type = ContentType.objects.get_for_model(document)
    return f"{content_type.app_label}.{action}_{content_type.model}"


def may_view_document(user, document) -> bool:
    if document is None or not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm(document_perm(document, "view"), document)


def may_attach_to_document(user, document) -> bool:
    return may_view_document(user, document) and user.has_perm(document_perm(document, "attach"), document)


@rules.predicate
def can_attach_to(user, document) -> bool:
    return may_attach_to_document(user, document)


@rules.predicate
def can_see_attachments_document(user, attachment) -> bool:
    return attachment is not None and may_view_document(user, attachment.document)


@rules.predicate
def can_attach_to_attachments_document(user, attachment) -> bool:
    return attachment is not None and may_attach_to_document(user, attachment.document)


@rules.predicate
def is_uploader(user, attachment) -> bool:
    return attachment is not None and getattr(user, "is_authenticated", False) and attachment.uploaded_by_id == user.pk


# The object is the document.
rules.add_perm("attachments.attach_to_document", can_attach_to)
# The object is the attachment.
rules.add_perm("attachments.view_attachment", can_see_attachments_document)
rules.add_perm("attachments.delete_attachment", is_uploader & can_attach_to_attachments_document)
