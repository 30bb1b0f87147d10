"""Forms of the audit pages (AUD-1, AUD-3); the services check every rule again (the API comes through them too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.compliance.audits import MAX_SAMPLE, AuditData
from outsourcing.compliance.models_audits import AuditStatus, CheckResult, PolicyArea
from outsourcing.core.forms import DateInput, PlausibleDateField
from outsourcing.operations.forms import PersonChoiceField
from outsourcing.org.models import User

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def internal_people():
    return User.objects.filter(is_active=True, vendor_account__isnull=True).order_by("username")


class AuditForm(forms.Form):
    year = forms.IntegerField(label=_("Year audited"))
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(label=_("Scope"), widget=TEXTAREA,
                            help_text=_("The units, projects and questions the audit covers."))  # fmt: skip
    areas = forms.MultipleChoiceField(label=_("Policy areas checked"), choices=PolicyArea.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("The checklist takes every rule in force of these areas (all "
                                                  "areas when none is ticked)."))  # fmt: skip
    period_start = PlausibleDateField(label=_("Period from"), widget=DateInput)
    period_end = PlausibleDateField(label=_("Period to"), widget=DateInput)
    lead = PersonChoiceField(label=_("Lead auditor"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = internal_people()

    def to_data(self) -> AuditData:
        return AuditData(**self.cleaned_data)


class SampleForm(forms.Form):
    size = forms.IntegerField(label=_("Records per kind"), min_value=1, max_value=MAX_SAMPLE, initial=5)


class CheckForm(forms.Form):
    check = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Finding"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=TEXTAREA, required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    check = forms.ModelChoiceField(label=_("Checklist item"), queryset=None, required=False)

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = internal_people()
        self.fields["check"].queryset = audit.checks.select_related("rule").order_by("rule__code")
        self.fields["check"].label_from_instance = lambda c: str(c.rule)


class AuditActionForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("Finding"), queryset=None)
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = PlausibleDateField(label=_("Due"), widget=DateInput)

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = internal_people()
        self.fields["finding"].queryset = audit.findings.filter(status=AuditStatus.OPEN)


class FindingCloseForm(forms.Form):
    finding = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = audit.findings.all()


class ActionDoneForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)


class CloseAuditForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), widget=TEXTAREA)


class WorkforceForm(forms.Form):
    """RSK-7: the month's figures HR enters (the service refuses a total below the dispatched headcount)."""

    period = PlausibleDateField(label=_("Month"), widget=DateInput, help_text=_("Any day of the month."))
    total_workforce = forms.IntegerField(label=_("Total workforce (用工总量)"), min_value=0,
                                         help_text=_("Employees under labour contracts plus dispatched workers."))
    dispatched = forms.IntegerField(label=_("Dispatched headcount"), min_value=0)
    source = forms.CharField(label=_("Source of the figures"), max_length=200, required=False)


class CriticalForm(forms.Form):
    """RSK-5: a service category marked critical."""

    category = forms.ModelChoiceField(label=_("Service category"), queryset=None)
    reason = forms.CharField(label=_("Why it is critical"), max_length=300)

    def __init__(self, *args, **kwargs):
        from outsourcing.vendors.models import ServiceCategory

        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ServiceCategory.objects.order_by("code")


class PlanForm(forms.Form):
    """RSK-5: a critical service contract's continuity plan as reviewed."""

    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None)
    vendor_plan = forms.CharField(label=_("The vendor's continuity plan"), widget=TEXTAREA)
    company_fallback = forms.CharField(label=_("The company's fallback"), widget=TEXTAREA)
    tested_on = PlausibleDateField(label=_("Last tested on"), widget=DateInput, required=False)
    reviewed_on = PlausibleDateField(label=_("Reviewed on"), widget=DateInput)
    next_review_on = PlausibleDateField(label=_("Next review"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        from outsourcing.compliance.continuity import critical_contracts

        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = critical_contracts().order_by("number")


class KnowledgeItemForm(forms.Form):
    """RSK-6: a key document or process knowledge of a live contract."""

    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None)
    title = forms.CharField(label=_("Key document or knowledge"), max_length=200)
    every_days = forms.IntegerField(label=_("Handed over every (days)"), initial=90)

    def __init__(self, *args, **kwargs):
        from outsourcing.contracts.models import LIVE_STATUSES, Contract

        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = Contract.objects.filter(status__in=LIVE_STATUSES).order_by("number")


class HandoverForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Key document or knowledge"), queryset=None)
    handed_over_on = PlausibleDateField(label=_("Handed over on"), widget=DateInput)
    note = forms.CharField(label=_("What was handed over"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from outsourcing.compliance.knowledge import inventory

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = inventory()
        self.fields["item"].label_from_instance = lambda i: f"{i.contract.number} {i.title}"
