"""Template filters for amounts."""

from django import template

from outsourcing.core.money import format_cny

register = template.Library()


@register.filter
def cny(value) -> str:
    """{{ amount|cny }} → ¥1,234.50"""
    return format_cny(value)


@register.filter
def get_item(mapping, key):
    """{{ prices|get_item:candidate.pk }}: a dict looked up by a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def export_query(context) -> str:
    """{% export_query %}: this list's filter (every value of every key, no page) with export=xlsx (X-5)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return "export=xlsx"
    for key in ("page", "export"):
        query.pop(key, None)
    query["export"] = "xlsx"
    return query.urlencode()


@register.simple_tag(takes_context=True)
def page_sections(context, page: str, obj):
    """{% page_sections "vendor" vendor %}: the sections later apps add to this page (core.sections)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from outsourcing.core.sections import sections_for

    request = context.get("request")
    parts = []
    for section in sections_for(page):
        extra = section.context(request, obj)
        if extra is not None:
            parts.append(render_to_string(section.template, {**extra, "request": request}, request=request))
    return mark_safe("".join(parts))
