"""{% attachments_panel document %}: a document's files, with an upload form for those who may attach."""

from django import template

from outsourcing.attachments.panel import panel_context

register = template.Library()

KB = 1024
MB = 1024 * 1024


@register.inclusion_tag("attachments/_panel.html", takes_context=True)
def attachments_panel(context, document):
    return {**panel_context(request=context["request"], document=document), "csrf_token": context.get("csrf_token")}


@register.filter
def file_size(size) -> str:
    """{{ attachment.size|file_size }} → "12.3 KB" below a megabyte, "1.5 MB" from there."""
    size = int(size or 0)
    if size < MB:
        return f"{max(size / KB, 0.1):.1f} KB"
    return f"{size / MB:.1f} MB"
