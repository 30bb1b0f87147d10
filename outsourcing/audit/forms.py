"""The audit search filters, shared by the page (GET form) and the API (query parameters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.audit import selectors
from outsourcing.audit.presentation import ACTION_BY_CODE, ACTION_CHOICES
from outsourcing.core.forms import DateInput, PlausibleDateField


class AuditSearchForm(forms.Form):
    user = forms.CharField(
        label=_("User"), max_length=150, required=False, help_text=_("Username or full name, e.g. hr or 王芳.")
    )
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    object_id = forms.CharField(
        label=_("Record ID or number"),
        max_length=255,
        required=False,
        help_text=_("The record's id, or a document number such as DEM-2026-0001."),
    )
    date_from = PlausibleDateField(label=_("From date"), required=False, widget=DateInput())
    date_to = PlausibleDateField(label=_("To date"), required=False, widget=DateInput())
    action = forms.ChoiceField(label=_("Action"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_types = dict(selectors.audited_content_types())
        self.fields["object_type"].choices = [("", _("All record types"))] + [
            (code, selectors.content_type_label(ct)) for code, ct in self.content_types.items()
        ]
        self.fields["action"].choices = [("", _("All actions")), *ACTION_CHOICES]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for selectors.audit_events (call after is_valid())."""
        data = self.cleaned_data
        return {
            "username": data["user"].strip(),
            "content_type": self.content_types.get(data["object_type"]),
            "object_id": data["object_id"].strip(),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "action": ACTION_BY_CODE.get(data["action"]),
        }
