"""Form helpers shared by every app's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms

from outsourcing.core.errors import RuleViolation
from outsourcing.core.money import CENT

T = TypeVar("T")


def call_service(form: forms.Form, service: Callable[..., T], **kwargs) -> T | None:
    """Run a service for a valid form; a RuleViolation becomes an error beside its field.

    Returns the service's result, or None when the rules refused (the form then carries the error).
    """
    try:
        return service(**kwargs)
    except RuleViolation as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))
        return None


class MoneyFormField(forms.DecimalField):
    """An amount in CNY with two places, never negative unless asked."""

    def __init__(self, *, allow_negative: bool = False, **kwargs):
        kwargs.setdefault("max_digits", 15)
        kwargs.setdefault("decimal_places", 2)
        if not allow_negative:
            kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("step", str(CENT))
        self.widget.attrs.setdefault("inputmode", "decimal")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
