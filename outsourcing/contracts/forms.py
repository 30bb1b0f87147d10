"""Forms of the contract pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.drafting import ContractData, MilestoneItem
from outsourcing.contracts.models import (
    ArchiveCopy,
    ChangeKind,
    ContractStatus,
    ContractTemplate,
    CoreClause,
    ExitCategory,
    NoticeKind,
    PricingModel,
    RenewalChoice,
    SettlementCycle,
    Subject,
)
from outsourcing.contracts.models_ending import Recommendation
from outsourcing.contracts.review import CHECKLISTS
from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.org.models import Role

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ContractForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    template = forms.ModelChoiceField(
        label=_("Template"), queryset=ContractTemplate.objects.filter(is_active=True, legal_approved_at__isnull=False)
    )
    subject = forms.ChoiceField(label=_("Subject of the contract"), choices=Subject.choices)
    company_may_reject_workers = forms.BooleanField(
        label=_("The company may reject or replace named workers"), required=False
    )
    scope = forms.CharField(label=_("Service scope and content"), widget=TEXTAREA)
    sla = forms.CharField(label=_("Service standard (SLA) and deliverables"), widget=TEXTAREA)
    acceptance = forms.CharField(label=_("Acceptance"), widget=TEXTAREA)
    start_date = PlausibleDateField(label=_("From"), widget=DateInput())
    end_date = PlausibleDateField(label=_("Until"), widget=DateInput())
    amount = MoneyFormField(label=_("Contract amount (CNY)"))
    pricing_model = forms.ChoiceField(label=_("Pricing model"), choices=PricingModel.choices)
    period_fee = MoneyFormField(label=_("Fee per period (CNY)"), required=False)
    unit = forms.CharField(label=_("Unit of workload"), max_length=50, required=False)
    unit_price = MoneyFormField(label=_("Unit price (CNY)"), required=False)
    estimated_quantity = forms.DecimalField(label=_("Estimated workload"), required=False, min_value=0)
    headcount_justification = forms.CharField(
        label=_("Why headcount × hours (only for that model)"), required=False, widget=TEXTAREA
    )
    settlement_cycle = forms.ChoiceField(label=_("Settlement cycle"), choices=SettlementCycle.choices)
    payment_terms = forms.CharField(label=_("Payment terms"), widget=TEXTAREA)
    invoice_type = forms.CharField(label=_("Invoice type"), max_length=100, initial="增值税专用发票（数电）")
    on_premises = forms.BooleanField(label=_("Work on the company's premises"), required=False)
    safety_clause = forms.CharField(label=_("Safety-management agreement or clause"), max_length=200, required=False)
    special_work = forms.CharField(label=_("Special work"), max_length=200, required=False)
    renewal_notice_days = forms.IntegerField(label=_("Renewal reminder (days before expiry)"), min_value=7,
                                             max_value=365, initial=90)  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The contract ends before it starts."))
        return data

    def to_data(self, milestones: list[MilestoneItem]) -> ContractData:
        d = self.cleaned_data
        return ContractData(
            milestones=milestones,
            **{
                name: d.get(name) if d.get(name) is not None else ""
                for name in (
                    "title",
                    "template",
                    "subject",
                    "scope",
                    "sla",
                    "acceptance",
                    "start_date",
                    "end_date",
                    "amount",
                    "pricing_model",
                    "settlement_cycle",
                    "payment_terms",
                    "invoice_type",
                    "unit",
                    "headcount_justification",
                    "safety_clause",
                    "special_work",
                )
            },  # fmt: skip
            company_may_reject_workers=d.get("company_may_reject_workers", False),
            period_fee=d.get("period_fee"),
            unit_price=d.get("unit_price"),
            estimated_quantity=d.get("estimated_quantity"),
            on_premises=d.get("on_premises", False),
            renewal_notice_days=d.get("renewal_notice_days") or 90,
        )

    @staticmethod
    def initial_from(contract) -> dict:
        return {name: getattr(contract, name) for name in ContractForm.base_fields if name != "template"} | {
            "template": contract.template_id
        }


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = PlausibleDateField(label=_("Due"), widget=DateInput())
    amount = MoneyFormField(label=_("Amount (CNY)"))


class BaseMilestoneFormSet(forms.BaseFormSet):
    def items(self) -> list[MilestoneItem]:
        return [
            MilestoneItem(f.cleaned_data["name"], f.cleaned_data["due_date"], f.cleaned_data["amount"])
            for f in self.forms
            if getattr(f, "cleaned_data", None) and f.cleaned_data.get("name") and not self._should_delete_form(f)
        ]


MilestoneFormSet = forms.formset_factory(MilestoneForm, formset=BaseMilestoneFormSet, extra=3, can_delete=True)


class ClauseForm(forms.Form):
    """Where in the contract each of the ten core clauses is (CON-2)."""

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        covered = {c.clause: c.reference for c in contract.clauses.all()} if contract else {}
        for clause in CoreClause:
            self.fields[clause.value] = forms.CharField(
                label=clause.label, max_length=200, required=False, initial=covered.get(clause.value, ""),
                widget=forms.TextInput(attrs={"placeholder": _("e.g. §5.1–5.4")}),
            )  # fmt: skip


class ChecklistForm(forms.Form):
    note = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"] = forms.MultipleChoiceField(
            label=Role(role).label, choices=CHECKLISTS[role], widget=forms.CheckboxSelectMultiple, required=True
        )
        self.order_fields(["items", "note"])


class TextWarningAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("HR's answer to the warning"), widget=TEXTAREA,
        help_text=_("Why the text may stand as written, or what the drafter is to change (returned for revision)."),
    )  # fmt: skip


class SigningForm(forms.Form):
    signed_on = PlausibleDateField(label=_("Signed on"), widget=DateInput())
    company_signatory = forms.CharField(label=_("Signed for the company by"), max_length=100)
    vendor_signatory = forms.CharField(label=_("Signed for the vendor by"), max_length=100)
    seal_record = forms.CharField(label=_("Seal (用印) record"), max_length=200,
                                  help_text=_("The seal register's entry: seal, number, date."))  # fmt: skip


class ArchiveCopyForm(forms.Form):
    holder = forms.ChoiceField(label=_("Kept by"), choices=ArchiveCopy.Holder.choices)
    handed_over_on = PlausibleDateField(label=_("Handed over on"), widget=DateInput())
    received_by = forms.CharField(label=_("Received by"), max_length=100)


class AgreementForm(forms.Form):
    signed_on = PlausibleDateField(label=_("Signed on"), widget=DateInput())
    valid_from = PlausibleDateField(label=_("Valid from"), widget=DateInput())
    valid_until = PlausibleDateField(label=_("Valid until"), widget=DateInput(), required=False)
    scope = forms.CharField(
        label=_("What it covers"),
        widget=TEXTAREA,
        initial="公司商业秘密、客户个人信息、信息系统账号与数据；外包人员的保密承诺与违约责任。",
    )


class BondForm(forms.Form):
    issuer = forms.CharField(label=_("Issuing bank"), max_length=200)
    guarantee_number = forms.CharField(label=_("Guarantee number"), max_length=100)
    amount = MoneyFormField(label=_("Amount (CNY)"))
    issued_on = PlausibleDateField(label=_("Issued on"), widget=DateInput())
    expires_on = PlausibleDateField(label=_("Expires on"), widget=DateInput())


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ChangeKind.choices)
    description = forms.CharField(label=_("What changes and why"), widget=TEXTAREA)
    new_end_date = PlausibleDateField(label=_("New end date"), widget=DateInput(), required=False)
    new_amount = MoneyFormField(label=_("New contract amount (CNY)"), required=False)


class RenewalForm(forms.Form):
    choice = forms.ChoiceField(label=_("Decision"), choices=RenewalChoice.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoticeKind.choices)
    clause = forms.CharField(label=_("Clause breached"), max_length=200)
    facts = forms.CharField(label=_("Facts found"), widget=TEXTAREA)
    found_on = PlausibleDateField(label=_("Found on"), widget=DateInput())
    demand = forms.CharField(label=_("What the vendor must do"), widget=TEXTAREA)
    respond_by = PlausibleDateField(label=_("Remedy by (rectification)"), widget=DateInput(), required=False)


class NoticeAnswerForm(forms.Form):
    response = forms.CharField(label=_("Your answer"), widget=TEXTAREA)


class ExitStartForm(forms.Form):
    due = PlausibleDateField(label=_("Last day of the service"), widget=DateInput())


class ExitItemForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ExitCategory.choices)
    description = forms.CharField(label=_("Item"), max_length=300)
    due_date = PlausibleDateField(label=_("Due"), widget=DateInput())


class ExitDoneForm(forms.Form):
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=20)
    is_standard = forms.BooleanField(label=_("Company standard template"), required=False)
    summary = forms.CharField(label=_("What the template covers"), widget=TEXTAREA)


class ContractFilterForm(forms.Form):
    q = forms.CharField(label=_("Number, title or vendor"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + ContractStatus.choices
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": (self.cleaned_data.get("q") or "").strip(), "status": self.cleaned_data.get("status") or ""}


# CON-10: suspension and resumption, the vendor's termination request and legal's review, the post-project
# evaluation.


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the suspension"), widget=TEXTAREA)
    starts_on = PlausibleDateField(label=_("Suspended from"), widget=DateInput())


class ResumeForm(forms.Form):
    resumed_on = PlausibleDateField(label=_("Resumed on"), widget=DateInput())
    note = forms.CharField(label=_("Why the service resumes"), widget=TEXTAREA)


class TerminationRequestForm(forms.Form):
    reason = forms.CharField(label=_("Why your company asks to terminate"), widget=TEXTAREA)
    last_day = PlausibleDateField(label=_("Proposed last day of service"), widget=DateInput())


class TerminationReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Legal's decision"),
        choices=[("accept", _("Accept: open the exit and handover plan")), ("refuse", _("Refuse, with the reason"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Answer to the vendor"), widget=TEXTAREA, required=False)


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class PostEvaluationForm(forms.Form):
    quality_score = forms.TypedChoiceField(label=_("Service quality and SLA (1–5)"), choices=SCORE_CHOICES, coerce=int)
    delivery_score = forms.TypedChoiceField(label=_("Deliverables and timeliness (1–5)"), choices=SCORE_CHOICES,
                                            coerce=int)  # fmt: skip
    compliance_score = forms.TypedChoiceField(label=_("Employer duties and compliance (1–5)"), choices=SCORE_CHOICES,
                                              coerce=int)  # fmt: skip
    cooperation_score = forms.TypedChoiceField(label=_("Cooperation and handover (1–5)"), choices=SCORE_CHOICES,
                                               coerce=int)  # fmt: skip
    performance_summary = forms.CharField(label=_("The performance history in summary"), widget=TEXTAREA)
    business_outlook = forms.CharField(label=_("The business's future plans for this work"), widget=TEXTAREA)
    lessons = forms.CharField(label=_("Lessons learned"), widget=TEXTAREA, required=False)
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
