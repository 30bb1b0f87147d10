"""Forms of the risk and compliance pages; the services check every rule again (the API comes through them too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.compliance.incidents import IncidentData
from outsourcing.compliance.models import RiskCategory, RiskStatus, Treatment
from outsourcing.compliance.models_incidents import IncidentKind, Severity
from outsourcing.compliance.risks import RiskData
from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.contracts.selectors import contracts_for
from outsourcing.core.forms import DateInput, PlausibleDateField
from outsourcing.demands.models import Project
from outsourcing.operations.forms import PersonChoiceField
from outsourcing.org.models import User
from outsourcing.vendors.models import Vendor

TEXTAREA = forms.Textarea(attrs={"rows": 3})
SCALE = forms.NumberInput(attrs={"min": 1, "max": 5})  # the service refuses outside 1–5 (out_of_range)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class RiskForm(forms.Form):
    title = forms.CharField(label=_("Risk"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=RiskCategory.choices)
    description = forms.CharField(label=_("Description"), widget=TEXTAREA, required=False)
    likelihood = forms.IntegerField(label=_("Likelihood (1–5)"), widget=SCALE)
    impact = forms.IntegerField(label=_("Impact (1–5)"), widget=SCALE)
    controls = forms.CharField(label=_("Controls"), widget=TEXTAREA, required=False)
    residual_likelihood = forms.IntegerField(label=_("Residual likelihood (1–5)"), widget=SCALE)
    residual_impact = forms.IntegerField(label=_("Residual impact (1–5)"), widget=SCALE)
    owner = PersonChoiceField(label=_("Risk owner"), queryset=User.objects.none())
    treatment = forms.ChoiceField(label=_("Treatment"), choices=Treatment.choices)
    justification = forms.CharField(label=_("Justification of the acceptance"), widget=TEXTAREA, required=False,
                                    help_text=_("Required when the risk is accepted."))  # fmt: skip
    review_on = PlausibleDateField(label=_("Next review"), widget=DateInput)
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.none(), required=False)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none(), required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True, vendor_account__isnull=True).order_by(
            "username"
        )
        self.fields["vendor"].queryset = Vendor.objects.order_by("number")
        self.fields["contract"].queryset = Contract.objects.order_by("-id")
        self.fields["project"].queryset = Project.objects.order_by("-id")

    @staticmethod
    def initial_from(risk) -> dict:
        return {
            field: getattr(risk, field)
            for field in (
                "title",
                "category",
                "description",
                "likelihood",
                "impact",
                "controls",
                "residual_likelihood",
                "residual_impact",
                "owner",
                "treatment",
                "justification",
                "review_on",
                "vendor",
                "contract",
                "project",
            )
        }

    def to_data(self) -> RiskData:
        return RiskData(**self.cleaned_data)


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=RiskStatus.choices)
    note = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False,
                           help_text=_("Why it is accepted or closed."))  # fmt: skip


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What happened"), widget=TEXTAREA)
    occurred_on = PlausibleDateField(label=_("Occurred on"), widget=DateInput)
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none(), required=False)
    vendor = forms.ModelChoiceField(label=_("Responsible vendor"), queryset=Vendor.objects.none(), required=False,
                                    help_text=_("Taken from the contract when one is chosen."))  # fmt: skip
    emergency_plan = forms.CharField(label=_("Emergency plan used"), max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts_for(user).filter(status__in=LIVE_STATUSES).order_by("-id")
        self.fields["vendor"].queryset = Vendor.objects.order_by("number")

    def to_data(self) -> IncidentData:
        return IncidentData(**self.cleaned_data)


class RespondForm(forms.Form):
    response = forms.CharField(label=_("Your response"), widget=TEXTAREA)
    filing_receipt = forms.CharField(label=_("Work-injury recognition filing receipt"), max_length=200,
                                     required=False)  # fmt: skip
    filed_on = PlausibleDateField(label=_("Filed on"), widget=DateInput, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=TEXTAREA)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = PlausibleDateField(label=_("Due"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by("username")


class CloseForm(forms.Form):
    root_cause = forms.CharField(label=_("Root cause"), widget=TEXTAREA)
    remedy = forms.CharField(label=_("Remedy"), widget=TEXTAREA)
