"""Template filters for amounts."""

from django import template

from outsourcing.core.money import format_cny

register = template.Library()


@register.filter
def cny(value) -> str:
    """{{ amount|cny }} → ¥1,234.50"""
    return format_cny(value)
