"""{% object_history document %}: the change history of one record, for any document page (X-1, AUD-2)."""

from urllib.parse import urlencode

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from outsourcing.audit import presentation, selectors

register = template.Library()

HISTORY_LIMIT = 100


@register.inclusion_tag("audit/_object_history.html", takes_context=True)
def object_history(context, obj, limit: int = HISTORY_LIMIT):
    """Newest first, up to `limit` entries; the page has already checked the user may see `obj`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("audit.view_object_history", obj):
        return {"visible": False}
    # One row more than shown tells whether there are more, without counting.
    entries = list(selectors.object_history(obj=obj)[: limit + 1])
    search_url = ""
    if user.has_perm("audit.view_audit_trail"):
        content_type = ContentType.objects.get_for_model(obj)
        query = urlencode({"object_type": f"{content_type.app_label}.{content_type.model}", "object_id": obj.pk})
        search_url = f"{reverse('audit:search')}?{query}"
    return {
        "visible": True,
        "events": presentation.describe(entries[:limit]),
        "more": len(entries) > limit,
        "limit": limit,
        "search_url": search_url,
    }
