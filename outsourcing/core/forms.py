"""Form helpers shared by every app's pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

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
        if getattr(exc, "hits", None) and "send_anyway" in form.fields:  # the text screen warned (ScreenedFormMixin)
            form.fields["send_anyway"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
            form.screen_hits = exc.hits
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, forms.ValidationError(str(exc.message), code=exc.code))  # the API's code, too
        return None


class ScreenedFormMixin(forms.Form):
    """A form whose text goes through the direct-management screen (core.screening): the "send anyway" box
    stays hidden until the screen warns; ticking it and sending again sends the text and records the sign."""

    send_anyway = forms.BooleanField(
        label=_("Send anyway: I have read the warning, and the sending is recorded"),
        required=False,
        widget=forms.HiddenInput,
    )


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


# The dates a form accepts (security finding 6): nothing in an outsourcing relation lies before 1900 or after 2099;
# beyond them a typo (year 0001 or 9999) would be stored, or a date sum overflow into a server error.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


class PlausibleDateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE; every form's date field is one."""

    default_validators = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]
