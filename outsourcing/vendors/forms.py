"""Forms of the vendor pool pages: master data, filters, status, documents, diligence, reviews, portal."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.vendors import selectors
from outsourcing.vendors.admission import CriterionFinding
from outsourcing.vendors.models import (
    CompanySize,
    Criterion,
    DiligenceConclusion,
    DiligenceKind,
    EntityType,
    ServiceCategory,
    Vendor,
    VendorStatus,
)
from outsourcing.vendors.services import PORTAL_EDITABLE, REQUIRED_TEXT, VendorData, credit_code_problem

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class VendorForm(forms.Form):
    """Master data (VEN-1) as HR enters it."""

    name = forms.CharField(label=_("Legal name"), max_length=200)
    entity_type = forms.ChoiceField(label=_("Entity type"), choices=[("", "—")] + EntityType.choices)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        required=False,  # a blank code is refused below with its legal reason (VEN-7), not as "required"
        help_text=_("18 characters as printed on the business licence, e.g. 91310115MA1H7X3K2G."),
    )
    legal_representative = forms.CharField(label=_("Legal representative"), max_length=50)
    registered_capital = MoneyFormField(label=_("Registered capital (CNY)"), required=False)
    business_scope = forms.CharField(
        label=_("Business scope"), widget=TEXTAREA, help_text=_("As registered (经营范围), from the business licence.")
    )
    address = forms.CharField(label=_("Registered address"), max_length=300)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False)
    bank_account = forms.CharField(label=_("Bank account"), max_length=40, required=False)
    company_size = forms.ChoiceField(label=_("Company size"), choices=[("", "—")] + CompanySize.choices, required=False)
    categories = forms.ModelMultipleChoiceField(
        label=_("Service categories"),
        queryset=ServiceCategory.objects.filter(is_active=True).order_by("code"),
        widget=forms.CheckboxSelectMultiple,
    )
    internal_notes = forms.CharField(
        label=_("Internal notes (never shown to the vendor)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, vendor: Vendor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if vendor is not None:  # a category since made inactive stays offered to the vendor that has it
            self.fields["categories"].queryset = (
                ServiceCategory.objects.filter(Q(is_active=True) | Q(vendors=vendor)).distinct().order_by("code")
            )

    def clean_credit_code(self):
        """Checked here too, so a wrong code is said at once with the other field errors."""
        code = self.cleaned_data["credit_code"]
        problem = credit_code_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def to_data(self) -> VendorData:
        d = self.cleaned_data
        return VendorData(
            name=d["name"],
            entity_type=d["entity_type"],
            credit_code=d["credit_code"],
            legal_representative=d["legal_representative"],
            registered_capital=d.get("registered_capital"),
            business_scope=d["business_scope"],
            address=d["address"],
            contact_name=d["contact_name"],
            contact_phone=d["contact_phone"],
            contact_email=d.get("contact_email", ""),
            bank_name=d.get("bank_name", ""),
            bank_account=d.get("bank_account", ""),
            company_size=d.get("company_size", ""),
            categories=list(d["categories"]),
            internal_notes=d.get("internal_notes", ""),
        )

    @staticmethod
    def initial_from(vendor: Vendor) -> dict:
        initial = {name: getattr(vendor, name) for name in VendorForm.base_fields if name != "categories"}
        initial["categories"] = list(vendor.categories.all())
        return initial


class VendorFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, number or credit code"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + VendorStatus.choices
    )
    category = forms.TypedChoiceField(label=_("Service category"), required=False, coerce=int, empty_value=None)
    attention = forms.ChoiceField(
        label=_("Needs attention"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("expiring", _("Documents expired or expiring")),
            ("review_due", _("Annual re-review due")),
            ("affiliate", _("Matches an affiliate")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.pk, c.name) for c in ServiceCategory.objects.order_by("code")
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "search": (d.get("q") or "").strip(),
            "status": d.get("status") or "",
            "category_id": d.get("category"),
            "attention": d.get("attention") or "",
        }


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, VendorStatus(s).label) for s in allowed]


class DocumentForm(forms.Form):
    licence_type = forms.ModelChoiceField(label=_("Type"), queryset=selectors.licence_types())
    number = forms.CharField(label=_("Certificate number"), max_length=100)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    valid_from = PlausibleDateField(label=_("Valid from"), widget=DateInput())
    valid_until = PlausibleDateField(
        label=_("Valid until"), required=False, widget=DateInput(), help_text=_("Empty: no expiry date.")
    )
    scope = forms.CharField(label=_("Scope or grade"), max_length=300, required=False)
    file = forms.FileField(
        label=_("Scan of the document"),
        required=False,
        help_text=_("PDF, JPG or PNG, up to 20 MB. More files can be added on the document's page."),
    )

    def __init__(self, *args, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_file:
            del self.fields["file"]


class DiligenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of check"), choices=DiligenceKind.choices)
    performed_on = PlausibleDateField(label=_("Performed on"), widget=DateInput())
    findings = forms.CharField(label=_("Findings"), widget=TEXTAREA)
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=DiligenceConclusion.choices)
    debt_ratio = forms.DecimalField(
        label=_("Debt ratio (%)"), required=False, max_digits=5, decimal_places=2, min_value=0
    )
    annual_revenue = MoneyFormField(label=_("Annual revenue (CNY)"), required=False)


class StartReviewForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Service category reviewed"), queryset=ServiceCategory.objects.none())

    def __init__(self, *args, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = vendor.categories.order_by("code")


PASS_FAIL = [("pass", _("Pass")), ("fail", _("Fail"))]


class ReviewFindingsForm(forms.Form):
    """Pass/fail with evidence for each of the five criteria of P1§6 (VEN-3)."""

    conclusion = forms.CharField(label=_("Conclusion"), widget=TEXTAREA, required=False)
    affiliate_assessment = forms.CharField(
        label=_("Assessment of the affiliation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = {r.criterion: r for r in review.results.all()}
        for criterion in Criterion:
            result = recorded.get(criterion.value)
            self.fields[f"result_{criterion.value}"] = forms.ChoiceField(
                label=criterion.label,
                choices=PASS_FAIL,
                widget=forms.RadioSelect,
                required=False,
                initial=("pass" if result.passed else "fail") if result else None,
            )
            self.fields[f"evidence_{criterion.value}"] = forms.CharField(
                label=_("Evidence"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=result.evidence if result else "",
            )
        self.fields["conclusion"].initial = review.conclusion
        self.fields["affiliate_assessment"].initial = review.affiliate_assessment
        if not review.vendor.affiliate_id:
            del self.fields["affiliate_assessment"]

    @property
    def criterion_rows(self):
        return [(self[f"result_{c.value}"], self[f"evidence_{c.value}"]) for c in Criterion]

    def clean(self):
        data = super().clean()
        for criterion in Criterion:
            result, evidence = data.get(f"result_{criterion.value}"), (data.get(f"evidence_{criterion.value}") or "")
            if evidence.strip() and not result:
                self.add_error(f"result_{criterion.value}", _("Choose pass or fail."))
            if result and not evidence.strip():
                self.add_error(f"evidence_{criterion.value}", _("Give the evidence."))
        return data

    def findings(self) -> list[CriterionFinding]:
        d = self.cleaned_data
        return [
            CriterionFinding(c.value, d[f"result_{c.value}"] == "pass", d[f"evidence_{c.value}"])
            for c in Criterion
            if d.get(f"result_{c.value}")
        ]


class VendorAccountForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Give it to the person in person or by phone; they change it after logging in."),
    )


class ProfileChangeForm(forms.Form):
    """What a vendor's own user may ask to change; HR confirms (ORG-3)."""

    def __init__(self, *args, vendor: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        base = VendorForm()
        for name in PORTAL_EDITABLE:
            field = base.fields[name]
            field.required = name in REQUIRED_TEXT
            field.initial = getattr(vendor, name)
            self.fields[name] = field

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PORTAL_EDITABLE}


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm and apply")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note to the vendor"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"), help_text=_("Fill in the template; the first row is headers.")
    )


class CategoryForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=100)
    required_licences = forms.ModelMultipleChoiceField(
        label=_("Required licences"),
        queryset=selectors.licence_types(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    scope_keywords = forms.CharField(
        label=_("Business-scope keywords"),
        max_length=300,
        required=False,
        help_text=_("The vendor's business scope must contain one of them; separate them with commas."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class AffiliateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18, required=False)
    relation = forms.CharField(label=_("Relation to the company"), max_length=200, required=False)


class LicenceTypeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=100)
    is_certification = forms.BooleanField(label=_("Certification (not a legal licence)"), required=False)
