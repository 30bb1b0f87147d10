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
