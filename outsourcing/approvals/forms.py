"""Forms of the approval pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.models import Decision, StepCondition, StepScope
from outsourcing.approvals.registry import category_choices
from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.org.document_types import document_type_choices
from outsourcing.org.models import Role, User, UserKind
from outsourcing.org.selectors import department_choices

APPROVING_ROLES = [(r.value, r.label) for r in Role if r not in (Role.ADMIN, Role.AUDITOR, Role.VENDOR_MANAGER)]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlowForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    matrix_document_type = forms.ChoiceField(
        label=_("Authority matrix document type"),
        required=False,
        choices=lambda: [("", "—"), *document_type_choices()],
        help_text=_("Steps with the authority-matrix condition look up this document type's thresholds."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


class StepForm(forms.Form):
    position = forms.IntegerField(label=_("Position"), min_value=1, max_value=50)
    name = forms.CharField(label=_("Step name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + APPROVING_ROLES)
    scope = forms.ChoiceField(label=_("Department scope"), choices=StepScope.choices, initial=StepScope.COMPANY)
    department = forms.TypedChoiceField(label=_("Fixed department"), required=False, coerce=int, empty_value=None)
    condition = forms.ChoiceField(label=_("Condition"), choices=StepCondition.choices, initial=StepCondition.ALWAYS)
    min_amount = MoneyFormField(label=_("From amount (CNY)"), required=False,
                                help_text=_("Empty: whatever the amount."))  # fmt: skip
    categories = forms.MultipleChoiceField(
        label=_("Only for categories"), required=False, help_text=_("None chosen: every category."),
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "—")] + department_choices()
        self.fields["categories"].choices = category_choices()


class BaseStepFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[StepForm]:
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("role")
            and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.filled_forms():
            raise forms.ValidationError(_("A flow needs at least one step."))


StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=2, can_delete=True)


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(
        label=_("Delegate"),
        queryset=User.objects.filter(is_active=True, kind=UserKind.INTERNAL).order_by("username"),
        error_messages={"invalid_choice": _("Choose an active staff member.")},
    )
    start_date = PlausibleDateField(label=_("From"), widget=DateInput())
    end_date = PlausibleDateField(label=_("Until (inclusive)"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, help_text=_("For example: business trip, leave."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["delegate"].queryset = self.fields["delegate"].queryset.exclude(pk=user.pk)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date is before the start date."))
        return data
