"""Forms of the settlement pages; the services check every rule again (the API comes through them too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput, MoneyFormField, PlausibleDateField
from outsourcing.demands.models import CompanyRole
from outsourcing.settlements.invoices import InvoiceData
from outsourcing.settlements.lines import line_type_choices
from outsourcing.settlements.models import (
    AccountType,
    EvidenceKind,
    HiddenCostKind,
    InvoiceType,
    TaxMethod,
    TransferCycle,
)


class OpenForm(forms.Form):
    day = PlausibleDateField(label=_("A day of the period"), widget=DateInput())


class AcceptForm(forms.Form):
    """One accepted quantity per line of the settlement (built from its lines)."""

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = forms.DecimalField(
                label=f"{line.description}（{line.unit}）", max_digits=14, decimal_places=2, min_value=0,
                initial=line.accepted_quantity or line.reported_quantity)  # fmt: skip

    def quantities(self) -> dict[int, object]:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}


class LineForm(forms.Form):
    line_type = forms.ChoiceField(label=_("Line type"), choices=())
    amount = MoneyFormField(label=_("Amount (negative for a deduction)"), allow_negative=True)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_type"].choices = [c for c in line_type_choices() if c[0] != "performance"]


class RequestForm(forms.Form):
    """The vendor's request (费用结算申请单) with one invoice (SET-4, SET-7)."""

    amount = MoneyFormField(label=_("Amount requested"))
    invoice_type = forms.ChoiceField(label=_("Invoice type"), choices=InvoiceType.choices)
    number = forms.CharField(label=_("Invoice number"), max_length=30)
    issued_on = PlausibleDateField(label=_("Invoice date"), widget=DateInput())
    tax_item = forms.CharField(label=_("Tax item"), max_length=100)
    tax_method = forms.ChoiceField(label=_("Tax method"), choices=TaxMethod.choices)
    rate = forms.DecimalField(label=_("Rate (%)"), max_digits=5, decimal_places=2, min_value=0)
    invoice_amount = MoneyFormField(label=_("Amount before tax"))
    tax = MoneyFormField(label=_("Tax"))
    total = MoneyFormField(label=_("Total"))
    pass_through = MoneyFormField(label=_("差额 pass-through part"), required=False)
    issuer_name = forms.CharField(label=_("Issuer"), max_length=200)
    issuer_tax_number = forms.CharField(label=_("Issuer's taxpayer number"), max_length=20)
    payee_name = forms.CharField(label=_("Payee account name"), max_length=200)
    payee_account = forms.CharField(label=_("Payee account"), max_length=40)
    payee_account_type = forms.ChoiceField(label=_("Account type"), choices=AccountType.choices)

    def invoice(self) -> InvoiceData:
        data = self.cleaned_data
        return InvoiceData(invoice_type=data["invoice_type"], number=data["number"], issued_on=data["issued_on"],
                           tax_item=data["tax_item"], tax_method=data["tax_method"], rate=data["rate"],
                           amount=data["invoice_amount"], tax=data["tax"], total=data["total"],
                           pass_through=data["pass_through"] or "0", issuer_name=data["issuer_name"],
                           issuer_tax_number=data["issuer_tax_number"], payee_name=data["payee_name"],
                           payee_account=data["payee_account"],
                           payee_account_type=data["payee_account_type"])  # fmt: skip


class PaymentForm(forms.Form):
    paid_on = PlausibleDateField(label=_("Paid on"), widget=DateInput())
    amount = MoneyFormField(label=_("Amount paid"))
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=100)


class WaiveForm(forms.Form):
    reason = forms.CharField(label=_("Why waived"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class TaxRuleForm(forms.Form):
    tax_item = forms.CharField(label=_("Tax item"), max_length=100)
    method = forms.ChoiceField(label=_("Tax method"), choices=TaxMethod.choices)
    rate = forms.DecimalField(label=_("Rate (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=99)
    valid_from = PlausibleDateField(label=_("Valid from"), widget=DateInput())
    valid_until = PlausibleDateField(label=_("Valid until"), widget=DateInput(), required=False)
    source = forms.CharField(label=_("Source"), max_length=300)


class HiddenCostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HiddenCostKind.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    incurred_on = PlausibleDateField(label=_("Incurred on"), widget=DateInput())
    amount = MoneyFormField(label=_("Amount"))


class CompanyRoleForm(forms.Form):
    company_role = forms.ChoiceField(label=_("The company's role"), choices=CompanyRole.choices)


class TermsForm(forms.Form):
    labour_cost_amount = MoneyFormField(label=_("Labour cost (人工费用)"), required=False)
    labour_cost_ratio = forms.DecimalField(label=_("or: labour cost as % of the contract amount"), required=False,
                                           max_digits=5, decimal_places=2, min_value=0, max_value=100)  # fmt: skip
    transfer_cycle = forms.ChoiceField(label=_("Transfer cycle"), choices=[("", "—"), *TransferCycle.choices],
                                       required=False)  # fmt: skip
    transfer_day = forms.IntegerField(label=_("Due on day of the month"), min_value=1, max_value=28, initial=15)
    payment_guarantee = forms.CharField(label=_("Payment guarantee (工程款支付担保)"), max_length=200, required=False)


class TransferForm(forms.Form):
    paid_on = PlausibleDateField(label=_("Transferred on"), widget=DateInput())
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=100)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    reference = forms.CharField(label=_("Account, guarantee or policy number"), max_length=200)
    valid_from = PlausibleDateField(label=_("Valid from"), widget=DateInput())
    valid_until = PlausibleDateField(label=_("Valid until"), widget=DateInput(), required=False)
    month = PlausibleDateField(label=_("Month (payroll on behalf: any day of it)"), widget=DateInput(), required=False)
    amount = MoneyFormField(label=_("Amount (payroll total, deposit)"), required=False)


class IncentiveTableForm(forms.Form):
    bands = forms.CharField(label=_("Bands: total score from, percent of the fee (one a line)"), max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    deduction_cap_percent = forms.DecimalField(label=_("Deduction cap (% of the period's fee; empty: the default)"),
                                               required=False, max_digits=5, decimal_places=2)  # fmt: skip
