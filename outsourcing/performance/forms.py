"""Forms of the performance pages; the services check every rule again (the API and the import come through
them too)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.errors import RuleViolation
from outsourcing.core.forms import DateInput, PlausibleDateField
from outsourcing.core.timeutil import today
from outsourcing.operations.forms import ContractChoiceField, PersonChoiceField
from outsourcing.performance import bands, sources
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.library import KpiData
from outsourcing.performance.models import Aggregation, DataSource, Direction, EvaluationStatus, KpiCategory, Period
from outsourcing.performance.slas import SlaData, parse_items

TEXTAREA = forms.Textarea(attrs={"rows": 3})
NUMBER = {"max_digits": 14, "decimal_places": 4}


def parse_inputs(text) -> dict:
    """A figure typed as one number (the KPI's one input) or as `name=number; name=number`."""
    text = str(text if text is not None else "").strip()
    if not text:
        return {}
    if "=" not in text:
        return {"value": text}
    found = {}
    for part in text.replace("；", ";").replace(",", ";").replace("，", ";").split(";"):
        if not part.strip():
            continue
        name, _sep, value = part.partition("=")
        if not name.strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Write the inputs as name=number; name=number."), field="inputs")
        found[name.strip()] = value.strip()
    return found


class KpiForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=KpiCategory.choices)
    definition = forms.CharField(label=_("Definition (specific)"), widget=TEXTAREA, required=False,
                                 help_text=_("What exactly is measured, and what is not."))  # fmt: skip
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    precision = forms.IntegerField(label=_("Decimal places"), min_value=0, max_value=4, initial=1)
    minimum = forms.DecimalField(label=_("Lowest possible value"), initial=0, **NUMBER)
    maximum = forms.DecimalField(label=_("Highest possible value"), initial=100, **NUMBER)
    direction = forms.ChoiceField(label=_("Direction"), choices=[("", "—"), *Direction.choices], required=False)
    target = forms.DecimalField(label=_("Target"), required=False, **NUMBER)
    thresholds = forms.CharField(label=_("Threshold bands"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                 help_text=_("2 to 5 lines “from to rating score”, e.g. “95 100 green 100”; ratings "
                                             "green, amber, red; the bands cover the range without gap."))  # fmt: skip
    data_source = forms.ChoiceField(label=_("Data source"), choices=[("", "—"), *DataSource.choices], required=False)
    computed_from = forms.ChoiceField(label=_("Computed from"), required=False)
    inputs = forms.CharField(label=_("Inputs"), max_length=200, required=False,
                             help_text=_("Names of the figures collected, separated by commas, e.g. answered, "
                                         "offered."))  # fmt: skip
    formula = forms.CharField(label=_("Calculation"), max_length=300, required=False,
                              help_text=_("Over the inputs with + − × ÷, parentheses, min, max, abs; e.g. answered / "
                                          "offered * 100."))  # fmt: skip
    aggregation = forms.ChoiceField(label=_("Period figure"), choices=Aggregation.choices)
    collection_owner = forms.CharField(label=_("Collected by"), max_length=100, required=False)
    period = forms.ChoiceField(label=_("Measured per"), choices=[("", "—"), *Period.choices], required=False)
    relevance = forms.CharField(label=_("Business goal it serves (relevant)"), widget=TEXTAREA, required=False)
    achievability = forms.CharField(label=_("Why the target is achievable"), widget=TEXTAREA, required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["computed_from"].choices = [("", "—"), *sources.choices()]

    @classmethod
    def initial_from(cls, kpi) -> dict:
        values = {name: getattr(kpi, name) for name in cls.base_fields if name not in ("thresholds", "inputs")}
        values["thresholds"] = bands.bands_text(kpi.thresholds)
        values["inputs"] = ", ".join(kpi.inputs)
        return values

    def to_data(self) -> KpiData:
        data = dict(self.cleaned_data)
        data["thresholds"] = bands.parse_bands(data["thresholds"])
        data["inputs"] = [n.strip() for n in data["inputs"].replace("，", ",").split(",") if n.strip()]
        return KpiData(**data)


class SlaForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    valid_from = PlausibleDateField(label=_("In force from"), widget=DateInput())
    period = forms.ChoiceField(label=_("Evaluated"), choices=Period.choices)
    items = forms.CharField(label=_("KPIs, weights and targets"), widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("One per line: KPI code, weight in %, and optionally the target (the KPI's "
                                        "own otherwise), e.g. “CS-ANSWER 40 95”. The weights total 100."))  # fmt: skip
    grades = forms.CharField(label=_("Grades"), initial="A 90\nB 80\nC 60\nD 0",
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("One per line: the grade and its lowest total score."))  # fmt: skip
    pass_score = forms.DecimalField(label=_("Pass mark (total score)"), initial=60, max_digits=5, decimal_places=2)
    pip_after = forms.IntegerField(label=_("Failed periods in a row that open a PIP"), min_value=1, max_value=12,
                                   required=False)  # fmt: skip
    dispute_days = forms.IntegerField(label=_("Days the vendor has to confirm or dispute"), min_value=1, max_value=60,
                                      required=False)  # fmt: skip
    reason = forms.CharField(label=_("Reason for this version"), widget=TEXTAREA)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts

    def to_data(self) -> SlaData:
        data = self.cleaned_data
        return SlaData(contract=data["contract"], valid_from=data["valid_from"], reason=data["reason"],
                       items=parse_items(data["items"]), period=data["period"],
                       grades=bands.parse_grades(data["grades"]), pass_score=data["pass_score"],
                       pip_after=data["pip_after"], dispute_days=data["dispute_days"])  # fmt: skip


class KpiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, kpi) -> str:
        inputs = f"（{', '.join(kpi.inputs)}）" if len(kpi.inputs) > 1 else ""
        return f"{kpi.code} {kpi.name}{inputs}"


class ValueForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    kpi = KpiChoiceField(label=_("KPI"), queryset=None)
    measured_on = PlausibleDateField(label=_("Measured on"), widget=DateInput())
    inputs = forms.CharField(label=_("Figure"), max_length=300,
                             help_text=_("One number, or for a KPI with several inputs “name=number; name=number” "
                                         "(e.g. answered=950; offered=1000)."))  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, contracts, kpis, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("measured_on", today())
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["kpi"].queryset = kpis


class CorrectionForm(forms.Form):
    inputs = forms.CharField(label=_("Corrected figure"), max_length=300)
    note = forms.CharField(label=_("Why corrected"), max_length=300)


class EvaluateForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    day = PlausibleDateField(label=_("A day in the period"), widget=DateInput(),
                             help_text=_("The month or quarter this day falls in is evaluated."))  # fmt: skip
    comments = forms.CharField(label=_("Comments"), widget=TEXTAREA, required=False)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class ResolveForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Resolution"), choices=[("upheld", _("Score upheld")),
                                                                ("rescored", _("Re-scored"))])  # fmt: skip
    score = forms.DecimalField(label=_("New score"), required=False, max_digits=6, decimal_places=2, min_value=0,
                               max_value=100)  # fmt: skip
    with_hr = PersonChoiceField(label=_("Resolved with (HR)"), queryset=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, hr_people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["with_hr"].queryset = hr_people


class PlanForm(forms.Form):
    root_cause = forms.CharField(label=_("Root cause"), widget=TEXTAREA)
    actions = forms.CharField(label=_("Actions"), widget=TEXTAREA)
    owner = forms.CharField(label=_("Owner at the vendor"), max_length=100)
    deadline = PlausibleDateField(label=_("Rectified by"), widget=DateInput())


class DecidePlanForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Accept the plan")), ("return", _("Return for revision"))],
    )
    reason = forms.CharField(
        label=_("Reason (when returned)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PipPlanForm(forms.Form):
    root_cause = forms.CharField(label=_("Root-cause analysis"), widget=TEXTAREA)
    actions = forms.CharField(label=_("Actions"), widget=TEXTAREA)


class MilestoneForm(forms.Form):
    description = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = PlausibleDateField(label=_("Due date"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    evidence = forms.CharField(label=_("Evidence"), max_length=1000)


class ExtendForm(forms.Form):
    until = PlausibleDateField(label=_("Extend to"), widget=DateInput())
    reason = forms.CharField(label=_("Why extended"), widget=forms.Textarea(attrs={"rows": 2}))


class ClosePipForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect, choices=[("passed", _("Passed")), ("failed", _("Failed"))]
    )
    verification = forms.CharField(label=_("Verification"), widget=TEXTAREA)


class EvaluationFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or contract"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *EvaluationStatus.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": self.cleaned_data["q"].strip(), "status": self.cleaned_data["status"]}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    contract = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), help_text=_("Fill in the template; the first row is "
                                                                      "headers."))  # fmt: skip


def decimal_or_none(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


class ReportForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    day = PlausibleDateField(label=_("A day in the period"), widget=DateInput(),
                             help_text=_("The month or quarter this day falls in is reported."))  # fmt: skip
    figures = forms.CharField(label=_("Figures"), widget=TEXTAREA)
    analysis = forms.CharField(label=_("Analysis"), widget=TEXTAREA)
    misses = forms.CharField(label=_("Reasons for misses"), widget=TEXTAREA, required=False)
    measures = forms.CharField(label=_("Improvement measures"), widget=TEXTAREA)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


MARKS = [(n, str(n)) for n in range(5, 0, -1)]


class FeedbackForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    day = PlausibleDateField(label=_("A day in the period"), widget=DateInput())
    clarity = forms.TypedChoiceField(label=_("Clarity of requirements"), choices=MARKS, coerce=int)
    confirmations = forms.TypedChoiceField(label=_("Timeliness of confirmations"), choices=MARKS, coerce=int)
    payments = forms.TypedChoiceField(label=_("Timeliness of payments"), choices=MARKS, coerce=int)
    cooperation = forms.TypedChoiceField(label=_("Cooperation"), choices=MARKS, coerce=int)
    comments = forms.CharField(label=_("Comments"), widget=TEXTAREA, required=False)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
