"""API fields and parsers every app's API shares. Kept apart from core.api, which imports DRF's views: the
settings name the parser, and the core app maps the date field at start-up, before any view is imported."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from outsourcing.core.forms import EARLIEST_DATE, LATEST_DATE
from outsourcing.core.middleware import text_refusal


class PlausibleDateField(serializers.DateField):
    """A date between core.forms.EARLIEST_DATE and LATEST_DATE (1900–2099), as on the pages (security finding 6);
    every ModelSerializer maps its model's dates to it (CoreConfig.ready)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(MinValueValidator(EARLIEST_DATE))
        self.validators.append(MaxValueValidator(LATEST_DATE))


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


class JSONObjectParser(JSONParser):
    """Every body of this API is a JSON object (security finding 5): a list, a number or a string at the top is
    refused with 400 before a view reads it, and so is a text the input guard refuses (a NUL character, a text
    longer than any field takes: core.middleware.text_refusal)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("The body must be a JSON object, e.g. {\"field\": \"value\"}."), code="not_an_object")
        refusal = text_refusal(_texts(data))
        if refusal is not None:
            code, message = refusal
            raise ParseError(message, code=code)
        return data
