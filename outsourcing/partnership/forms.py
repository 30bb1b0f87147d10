"""Partnership forms: the vendor's proposal, the department's answers and measurements, finance's confirmation,
joint projects, awards, tier changes and plan activities."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.partnership.models import ActivityKind, ProposalKind, ProposalStatus, TierDirection

TEXT = {"rows": 3}


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + ProposalStatus.choices)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": self.cleaned_data["q"], "status": self.cleaned_data["status"]}


class ProposalForm(forms.Form):
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(label=_("Problem"), widget=forms.Textarea(attrs=TEXT))
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs=TEXT))
    baseline = forms.CharField(label=_("Baseline (how it is measured today)"), widget=forms.Textarea(attrs=TEXT))
    baseline_amount = MoneyFormField(label=_("Baseline cost per month"), required=False)
    expected_benefit = MoneyFormField(label=_("Expected saving per month"), required=False)
    expected_benefit_text = forms.CharField(label=_("Expected benefit"), required=False,
                                            widget=forms.Textarea(attrs=TEXT))  # fmt: skip

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class StageForm(forms.Form):
    to = forms.ChoiceField(choices=[(ProposalStatus.SCREENED, ""), (ProposalStatus.PILOTED, "")],
                           widget=forms.HiddenInput)  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why declined"), widget=forms.Textarea(attrs={"rows": 2}))


class AdoptForm(forms.Form):
    adopted_on = PlausibleDateField(label=_("Adopted on"), widget=DateInput())
    share_percent = forms.CharField(label=_("Vendor's share of the saving (%)"), max_length=10)
    share_months = forms.CharField(label=_("Sharing period (months)"), max_length=4)
    share_cap = MoneyFormField(label=_("Cap of the shares paid"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BenefitForm(forms.Form):
    month = PlausibleDateField(label=_("Month (any day of it)"), widget=DateInput())
    baseline_amount = forms.CharField(label=_("Baseline cost"), max_length=20)
    actual_amount = forms.CharField(label=_("Actual cost"), max_length=20)
    method = forms.CharField(label=_("How it was measured"), widget=forms.Textarea(attrs={"rows": 2}))


class AwardForm(forms.Form):
    vendor = forms.ChoiceField(label=_("Winner"))
    title = forms.CharField(label=_("Award"), max_length=100, required=False)
    reasons = forms.CharField(label=_("The committee's reasons"), widget=forms.Textarea(attrs=TEXT))
    simplified_reason = forms.CharField(label=_("Why a simplified selection (fewer than three candidates)"),
                                        required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].choices = [(str(c["vendor_id"]), f"{c['vendor']}（{c['average']}）") for c in candidates]


class TierForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=TierDirection.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    planned_on = PlausibleDateField(label=_("Planned on"), widget=DateInput())


class ActivityRecordForm(forms.Form):
    held_on = PlausibleDateField(label=_("Held on"), widget=DateInput())
    record = forms.CharField(label=_("Record"), widget=forms.Textarea(attrs={"rows": 2}))
