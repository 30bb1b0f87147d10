"""What the attachments panel of a document page shows; used by its template tag and by the views
that re-render it in place (htmx)."""

from __future__ import annotations

from outsourcing.attachments import selectors
from outsourcing.attachments.forms import AttachmentUploadForm
from outsourcing.attachments.permissions import is_uploader, may_attach_to_document, may_view_document


def panel_id(document_type: str, object_id: int) -> str:
    return f"attachments-{document_type.replace('.', '-')}-{object_id}"


def upload_form(document, data=None, files=None) -> AttachmentUploadForm:
    """The panel's upload form; its element ids carry the panel's, so two panels on a page do not clash."""
    document_type = selectors.document_type_label(document)
    return AttachmentUploadForm(
        data,
        files,
        initial={"document_type": document_type, "object_id": document.pk},
        auto_id=f"{panel_id(document_type, document.pk)}-%s",
    )


def panel_context(*, request, document, form: AttachmentUploadForm | None = None, notice: str = "") -> dict:
    user = request.user
    document_type = selectors.document_type_label(document)
    if not may_view_document(user, document):
        return {"can_view": False, "panel_id": panel_id(document_type, document.pk)}
    can_attach = may_attach_to_document(user, document)
    rows = [
        # Removable by the uploader while they may still attach to the document (the delete rule).
        {"attachment": attachment, "removable": can_attach and is_uploader(user, attachment)}
        for attachment in selectors.attachments_for(document=document)
    ]
    if can_attach and form is None:
        form = upload_form(document)
    return {
        "can_view": True,
        "request": request,
        "document": document,
        "panel_id": panel_id(document_type, document.pk),
        "rows": rows,
        "can_attach": can_attach,
        "form": form if can_attach else None,
        "notice": notice,
    }
