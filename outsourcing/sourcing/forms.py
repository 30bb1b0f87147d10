"""Forms of vendor selection: the event, candidates, stages, the panel, score sheets, the answer, the award."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.demands.models import Project, ProjectStatus
from outsourcing.org.models import User, UserKind
from outsourcing.sourcing.bidding import Answer, QuoteItem
from outsourcing.sourcing.events import EventData
from outsourcing.sourcing.models import (
    DEFAULT_WEIGHTS,
    SCORED_BY_HAND,
    Criterion,
    Discipline,
    EventStatus,
    InvitationKind,
    Method,
)
from outsourcing.sourcing.scoring import GivenScore
from outsourcing.vendors.models import POOL_STATUSES, ServiceCategory, Vendor

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class EventForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.filter(status=ProjectStatus.ACTIVE).order_by("-created_at")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Service category"), queryset=ServiceCategory.objects.filter(is_active=True).order_by("code")
    )
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    kind = forms.ChoiceField(label=_("Invitation"), choices=InvitationKind.choices, initial=InvitationKind.RFP)
    requirements = forms.CharField(
        label=_("What the vendors are asked for"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Scope, service standard, period, what to send: company profile, similar cases, proposal, quote."),
    )
    deadline = forms.DateTimeField(label=_("Answers due by"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    single_source_justification = forms.CharField(
        label=_("Why a single source (only for single source)"), required=False, widget=TEXTAREA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"weight_{criterion.value}"] = forms.DecimalField(
                label=_("%(criterion)s (%%)") % {"criterion": criterion.label},
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
                initial=DEFAULT_WEIGHTS[criterion],
            )

    @property
    def weight_fields(self):
        return [self[f"weight_{c.value}"] for c in Criterion]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if timezone.is_naive(deadline):
            deadline = timezone.make_aware(deadline)
        return deadline

    def to_data(self) -> EventData:
        d = self.cleaned_data
        return EventData(
            project=d["project"],
            title=d["title"],
            category=d["category"],
            method=d["method"],
            kind=d["kind"],
            requirements=d["requirements"],
            deadline=d["deadline"],
            weights={c.value: d[f"weight_{c.value}"] for c in Criterion},
            single_source_justification=d.get("single_source_justification", ""),
        )

    @staticmethod
    def initial_from(event) -> dict:
        initial = {
            "project": event.project_id,
            "title": event.title,
            "category": event.category_id,
            "method": event.method,
            "kind": event.kind,
            "requirements": event.requirements,
            "deadline": timezone.localtime(event.deadline),
            "single_source_justification": event.single_source_justification,
        }
        initial.update({f"weight_{c}": w for c, w in event.weights.items()})
        return initial


class CandidateForm(forms.Form):
    vendor = forms.ModelChoiceField(
        label=_("Vendor"),
        queryset=Vendor.objects.none(),
        help_text=_("Qualified and strategic vendors of the event's service category."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = (
            Vendor.objects.filter(categories=event.category, status__in=POOL_STATUSES)
            .exclude(candidacies__event=event)
            .order_by("number")
        )


class StageResultForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("pass", _("Passes on")), ("eliminate", _("Eliminated"))])
    note = forms.CharField(label=_("Finding (the reason, if eliminated)"), widget=forms.Textarea(attrs={"rows": 2}))


class PanelMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Member"),
        queryset=User.objects.filter(kind=UserKind.INTERNAL, is_active=True).order_by("username"),
    )
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Discipline.choices)


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[("no", _("I have no conflict of interest with any candidate")), ("yes", _("I have a conflict"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    declaration = forms.CharField(
        label=_("Details (required when you have a conflict)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScoreSheetForm(forms.Form):
    """Every remaining candidate × every criterion scored by hand, 0–100."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for candidate in self.candidates:
            for criterion in SCORED_BY_HAND:
                self.fields[f"score_{candidate.pk}_{criterion}"] = forms.DecimalField(
                    label=f"{candidate.vendor.name} · {Criterion(criterion).label}",
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                )

    @property
    def rows(self):
        return [(c, [self[f"score_{c.pk}_{crit}"] for crit in SCORED_BY_HAND]) for c in self.candidates]

    def scores(self) -> list[GivenScore]:
        return [
            GivenScore(c.pk, crit, self.cleaned_data[f"score_{c.pk}_{crit}"])
            for c in self.candidates
            for crit in SCORED_BY_HAND
        ]


class QuoteLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=100)
    amount = MoneyFormField(label=_("Amount (CNY)"))
    note = forms.CharField(label=_("Calculation basis"), max_length=200, required=False)


class BaseQuoteLineFormSet(forms.BaseFormSet):
    def items(self) -> list[QuoteItem]:
        return [
            QuoteItem(f.cleaned_data["item"], f.cleaned_data["amount"], f.cleaned_data.get("note", ""))
            for f in self.forms
            if getattr(f, "cleaned_data", None) and f.cleaned_data.get("item") and not self._should_delete_form(f)
        ]


QuoteLineFormSet = forms.formset_factory(QuoteLineForm, formset=BaseQuoteLineFormSet, extra=4, can_delete=True)


class AnswerForm(forms.Form):
    company_profile = forms.CharField(label=_("Company profile"), widget=TEXTAREA)
    similar_cases = forms.CharField(label=_("Similar cases"), widget=TEXTAREA)
    service_proposal = forms.CharField(label=_("Service proposal"), widget=forms.Textarea(attrs={"rows": 6}))
    quote_total = MoneyFormField(label=_("Quoted total (CNY)"), help_text=_("The sum of the quote lines."))

    def to_answer(self, lines: list[QuoteItem]) -> Answer:
        d = self.cleaned_data
        return Answer(d["company_profile"], d["similar_cases"], d["service_proposal"], d["quote_total"], lines)


class NegotiationForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("With"), queryset=None)
    held_on = PlausibleDateField(label=_("Held on"), widget=DateInput())
    participants = forms.CharField(label=_("Participants"), max_length=300)
    notes = forms.CharField(label=_("What was agreed"), widget=TEXTAREA)
    final_quote = MoneyFormField(label=_("Negotiated total (CNY)"), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = event.candidates.filter(eliminated_at="").select_related("vendor")
        self.fields["candidate"].label_from_instance = lambda c: c.vendor.name


class AwardForm(forms.Form):
    winner = forms.ModelChoiceField(label=_("Winner"), queryset=None)
    amount = MoneyFormField(label=_("Awarded amount (CNY)"))
    reason = forms.CharField(label=_("Reasons for the choice"), widget=TEXTAREA)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winner"].queryset = event.candidates.filter(eliminated_at="").select_related("vendor")
        self.fields["winner"].label_from_instance = lambda c: c.vendor.name


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2}))


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or title"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + EventStatus.choices
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": (self.cleaned_data.get("q") or "").strip(), "status": self.cleaned_data.get("status") or ""}
