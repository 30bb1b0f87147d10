"""Template helpers of the vendor pool pages."""

from django import template

from outsourcing.vendors.models import Vendor

register = template.Library()


@register.filter
def vendor_field_label(name: str) -> str:
    """{{ "contact_phone"|vendor_field_label }} → the field's name in the user's language."""
    try:
        return str(Vendor._meta.get_field(name).verbose_name)
    except Exception:  # a field name no longer on the model (an old change request)
        return name
