"""The upload form of the attachments panel. File checks (size, type by content) live in services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from outsourcing.attachments.detection import ACCEPT
from outsourcing.attachments.kinds import kind_choices
from outsourcing.attachments.services import format_megabytes


class AttachmentUploadForm(forms.Form):
    # Which document the file is for: "app_label.modelname" and its primary key. The view checks both.
    document_type = forms.CharField(widget=forms.HiddenInput, max_length=100)
    object_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("File type"), choices=lambda: [("", "—"), *kind_choices()])
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, JPG, PNG, Word (.docx) or Excel (.xlsx), up to %(limit)s MB."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = format_megabytes(settings.ATTACHMENT_MAX_BYTES)
        self.fields["file"].help_text = self.fields["file"].help_text % {"limit": limit}
