"""The demand form (劳务外包需求与立项申请表) with its budget lines and self-check, and HR's confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.demands import selfcheck
from outsourcing.demands.models import FundingSource, WorkNature
from outsourcing.demands.services import BudgetItem, DemandData
from outsourcing.org.models import Department, Role
from outsourcing.org.selectors import department_choices, subtree_ids

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class DemandForm(forms.Form):
    title = forms.CharField(label=_("Project name"), max_length=200)
    department = forms.TypedChoiceField(label=_("Requesting department"), coerce=int)
    background = forms.CharField(label=_("Background and necessity"), widget=TEXTAREA)
    work_scope = forms.CharField(label=_("Work content and scope"), widget=TEXTAREA)
    boundaries = forms.CharField(label=_("Boundaries (what is not included)"), widget=TEXTAREA)
    deliverables = forms.CharField(label=_("Deliverables and acceptance"), widget=TEXTAREA)
    sla_outline = forms.CharField(
        label=_("Expected service standard (first SLA outline)"),
        widget=TEXTAREA,
        help_text=_("E.g. answer rate ≥ 95 %, first-call resolution ≥ 85 %, monthly acceptance by the department."),
    )
    period_start = PlausibleDateField(label=_("Period from"), widget=DateInput())
    period_end = PlausibleDateField(label=_("Period until"), widget=DateInput())
    estimated_headcount = forms.IntegerField(label=_("Estimated headcount"), min_value=1, max_value=100000)
    budget_total = MoneyFormField(label=_("Total budget (CNY)"), help_text=_("Budget lines plus the risk reserve."))
    risk_reserve = MoneyFormField(label=_("Risk reserve (CNY)"), initial=0)
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=[("", "—")] + FundingSource.choices)
    budget_notes = forms.CharField(label=_("Budget notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # DEM-5: the same work done in-house, set against the outsourced cost by the approvers.
    inhouse_staff_cost = MoneyFormField(
        label=_("In-house: staff costs (CNY)"),
        required=False,
        help_text=_("Pay, social insurance and benefits of the staff it would take."),
    )
    inhouse_management_cost = MoneyFormField(
        label=_("In-house: management costs (CNY)"),
        required=False,
        help_text=_("Supervision, recruiting, training, HR administration."),
    )
    inhouse_equipment_cost = MoneyFormField(label=_("In-house: equipment and premises (CNY)"), required=False)
    inhouse_basis = forms.CharField(label=_("Basis of the in-house estimate"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    risk_analysis = forms.CharField(label=_("Risk analysis"), widget=TEXTAREA)
    contingency_plan = forms.CharField(label=_("Contingency plan"), widget=TEXTAREA)
    declared_nature = forms.ChoiceField(
        label=_("Nature of the work"),
        choices=[("", "—")] + WorkNature.choices,
        help_text=_("Core business, key technology and main management functions may not be outsourced."),
    )
    nature_explanation = forms.CharField(label=_("Why the work is not core business"), widget=TEXTAREA)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        own = {a.department_id for a in user.role_assignments_cached if a.role == Role.REQUESTER} if user else set()
        allowed = subtree_ids(own) if own else set()
        self.fields["department"].choices = [("", "—")] + [
            (pk, label) for pk, label in department_choices() if pk in allowed
        ]
        for question in selfcheck.QUESTIONS:
            self.fields[f"sc_{question.key}"] = forms.ChoiceField(
                label=question.text, choices=question.choices, widget=forms.RadioSelect
            )

    @property
    def self_check_fields(self):
        return [self[f"sc_{q.key}"] for q in selfcheck.QUESTIONS]

    @property
    def main_fields(self):
        return [f for f in self if not f.name.startswith("sc_")]

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period ends before it starts."))
        return data

    def to_data(self, lines: list[BudgetItem]) -> DemandData:
        d = self.cleaned_data
        return DemandData(
            title=d["title"],
            department=Department.objects.get(pk=d["department"]),
            background=d["background"],
            work_scope=d["work_scope"],
            boundaries=d["boundaries"],
            deliverables=d["deliverables"],
            sla_outline=d["sla_outline"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            estimated_headcount=d["estimated_headcount"],
            budget_total=d["budget_total"],
            risk_reserve=d["risk_reserve"],
            funding_source=d["funding_source"],
            budget_notes=d.get("budget_notes", ""),
            risk_analysis=d["risk_analysis"],
            contingency_plan=d["contingency_plan"],
            declared_nature=d["declared_nature"],
            nature_explanation=d["nature_explanation"],
            self_check={q.key: d[f"sc_{q.key}"] for q in selfcheck.QUESTIONS},
            budget_lines=lines,
            inhouse_staff_cost=d.get("inhouse_staff_cost"),
            inhouse_management_cost=d.get("inhouse_management_cost"),
            inhouse_equipment_cost=d.get("inhouse_equipment_cost"),
            inhouse_basis=d.get("inhouse_basis") or "",
        )

    @staticmethod
    def initial_from(demand) -> dict:
        initial = {
            name: getattr(demand, name)
            for name in (
                "title",
                "background",
                "work_scope",
                "boundaries",
                "deliverables",
                "sla_outline",
                "period_start",
                "period_end",
                "estimated_headcount",
                "budget_total",
                "risk_reserve",
                "funding_source",
                "budget_notes",
                "inhouse_staff_cost",
                "inhouse_management_cost",
                "inhouse_equipment_cost",
                "inhouse_basis",
                "risk_analysis",
                "contingency_plan",
                "declared_nature",
                "nature_explanation",
            )
        }
        initial["department"] = demand.department_id
        initial.update({f"sc_{k}": v for k, v in demand.self_check.items()})
        return initial


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Budget item"), max_length=100)
    amount = MoneyFormField(label=_("Amount (CNY)"))
    note = forms.CharField(label=_("Calculation basis"), max_length=200, required=False)


class BaseBudgetLineFormSet(forms.BaseFormSet):
    def items(self) -> list[BudgetItem]:
        return [
            BudgetItem(f.cleaned_data["item"], f.cleaned_data["amount"], f.cleaned_data.get("note", ""))
            for f in self.forms
            if getattr(f, "cleaned_data", None) and f.cleaned_data.get("item") and not self._should_delete_form(f)
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.items():
            raise forms.ValidationError(_("Itemise the budget: at least one line."))


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, formset=BaseBudgetLineFormSet, extra=5, can_delete=True)


class ConfirmNatureForm(forms.Form):
    nature = forms.ChoiceField(label=_("Nature of the work (HR's assessment)"), choices=WorkNature.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DemandFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or name"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + ApprovalState.choices
    )
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    period_from = PlausibleDateField(label=_("Period from"), required=False, widget=DateInput())
    period_to = PlausibleDateField(label=_("Period until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments"))] + department_choices()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "search": d.get("q") or "",
            "status": d.get("status") or "",
            "department_id": d.get("department"),
            "period_from": d.get("period_from"),
            "period_to": d.get("period_to"),
        }
