"""Attachment pages: upload from a document's panel, download, remove.

A user who may not see the document gets 404 for its files, so their existence is not revealed.
With htmx the panel is answered in place; without JavaScript the browser is sent back to the
document's own (relative) URL with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from outsourcing.attachments import selectors, services
from outsourcing.attachments.models import Attachment
from outsourcing.attachments.panel import panel_context, upload_form
from outsourcing.core.forms import call_service


def file_response(attachment: Attachment) -> FileResponse:
    """The stored file as a download under its original name (RFC 5987 filename* for Chinese names)."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Permission-checked content: no shared cache keeps it, and a browser that renders it anyway runs nothing.
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _attachment_or_404(request, uuid) -> Attachment:
    try:
        return selectors.attachment_for_user(user=request.user, uuid=uuid)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc


def _document_url(document) -> str:
    """Where a plain form post returns to: the document's page, if it is a path on this site."""
    url = document.get_absolute_url() if hasattr(document, "get_absolute_url") else ""
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return "/"


def _answer(request, document, *, form=None, notice: str = "", error: str = ""):
    if request.htmx:
        context = panel_context(request=request, document=document, form=form, notice=notice)
        response = render(request, "attachments/_panel.html", context)
        if notice:  # a file was added or removed: parts of the page that depend on the files may reload
            response["HX-Trigger"] = "attachments-changed"
        return response
    if notice:
        messages.success(request, notice)
    if error:
        messages.error(request, error)
    return redirect(_document_url(document))


@login_required
@require_GET
def download(request, uuid):
    return file_response(_attachment_or_404(request, uuid))


@login_required
@require_POST
def upload(request):
    document = selectors.visible_document(
        user=request.user,
        document_type=request.POST.get("document_type", ""),
        object_id=request.POST.get("object_id"),
    )
    if document is None:
        raise Http404
    if not request.user.has_perm("attachments.attach_to_document", document):
        raise PermissionDenied
    form = upload_form(document, request.POST, request.FILES)
    attachment = None
    if form.is_valid():
        attachment = call_service(
            form,
            services.attach,
            actor=request.user,
            document=document,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
        )
    if attachment is None:
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
        return _answer(request, document, form=form, error=error)
    return _answer(request, document, notice=_("%(name)s attached.") % {"name": attachment.original_name})


@login_required
@require_POST
def delete(request, uuid):
    attachment = _attachment_or_404(request, uuid)
    document, name = attachment.document, attachment.original_name
    services.remove(actor=request.user, attachment=attachment)
    return _answer(request, document, notice=_("%(name)s removed.") % {"name": name})
