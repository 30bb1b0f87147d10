"""Settlement actions from the pages: open a period, accept (SET-2), confirm and request with the invoice in the
portal (SET-4), add a line (SET-3), pay and waive (SET-5), print the PDF, keep the tax-rule table (SET-7)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.views import require_perm
from outsourcing.demands.models import Project
from outsourcing.operations.selectors import scoped
from outsourcing.settlements import acceptance, adjustments, approval, budget, invoices, opening, payments, selectors
from outsourcing.settlements.documents import settlement_pdf
from outsourcing.settlements.forms import (
    AcceptForm,
    HiddenCostForm,
    LineForm,
    OpenForm,
    PaymentForm,
    RequestForm,
    TaxRuleForm,
    WaiveForm,
)
from outsourcing.settlements.models import SettlementStatus
from outsourcing.settlements.spreadsheets import TAX_RULE_COLUMNS
from outsourcing.settlements.views import settlement_or_404


def _form_page(request, settlement, form, title: str, button: str):
    return render(request, "settlements/action_form.html", {"settlement": settlement, "form": form, "title": title,
                                                            "button": button})  # fmt: skip


@require_perm("settlements.view_settlements")
def settlement_open(request, contract_pk: int):
    contract = get_object_or_404(scoped(request.user, Contract.objects.all(), contract=""), pk=contract_pk)
    if not request.user.has_perm("settlements.open_settlement", contract):
        raise PermissionDenied
    form = OpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        settlement = call_service(form, opening.open_settlement, actor=request.user, contract=contract,
                                  day=form.cleaned_data["day"])  # fmt: skip
        if settlement:
            return redirect(settlement.get_absolute_url())
    return render(request, "settlements/action_form.html", {"form": form, "contract": contract,
                                                            "title": _("Open a settlement period"),
                                                            "button": _("Open")})  # fmt: skip


@require_perm("settlements.view_settlements")
def settlement_accept(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if not request.user.has_perm("settlements.accept_settlement", settlement):
        raise PermissionDenied
    form = AcceptForm(request.POST or None, lines=settlement.acceptance_lines.all())
    if request.method == "POST" and form.is_valid():
        done = call_service(form, acceptance.accept, actor=request.user, settlement=settlement,
                        quantities=form.quantities())  # fmt: skip
        if done:
            messages.success(request, _("The workload is accepted; the vendor confirms it and sends its request."))
            return redirect(settlement.get_absolute_url())
    return _form_page(request, settlement, form, _("Accept the workload"), _("Accept"))


@require_perm("settlements.view_settlements")
def settlement_request(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if not request.user.has_perm("settlements.vendor_act", settlement):
        raise PermissionDenied
    vendor = settlement.contract.vendor
    initial = {"issuer_name": vendor.name, "issuer_tax_number": vendor.credit_code, "payee_name": vendor.name,
               "payee_account": vendor.bank_account, "payee_account_type": "corporate"}  # fmt: skip
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, approval.submit_request, actor=request.user, settlement=settlement,
                        amount=form.cleaned_data["amount"], invoices=[form.invoice()])  # fmt: skip
        if done:
            messages.success(request, _("Your request and invoice are sent into approval."))
            return redirect(settlement.get_absolute_url())
    return _form_page(request, settlement, form, _("Settlement request and invoice"), _("Submit"))


@require_POST
@require_perm("settlements.view_settlements")
def settlement_confirm(request, pk: int):
    settlement = settlement_or_404(request, pk)
    try:
        acceptance.confirm_acceptance(actor=request.user, settlement=settlement)
        messages.success(request, _("You confirmed the accepted workload."))
    except RuleViolation as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        messages.error(request, str(exc.message))
    return redirect(settlement.get_absolute_url())


@require_perm("settlements.view_settlements")
def settlement_line(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if not request.user.has_perm("settlements.add_line", settlement):
        raise PermissionDenied
    form = LineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(form, adjustments.add_line, actor=request.user, settlement=settlement,
                        line_type_code=data["line_type"], amount=data["amount"], reason=data["reason"]):  # fmt: skip
            return redirect(settlement.get_absolute_url())
    return _form_page(request, settlement, form, _("Add a line"), _("Add"))


@require_perm("settlements.view_settlements")
def settlement_pay(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if not request.user.has_perm("settlements.pay_settlement", settlement):
        raise PermissionDenied
    form = PaymentForm(request.POST or None, initial={"amount": settlement.approved_amount})
    if request.method == "POST" and form.is_valid():
        done = call_service(form, payments.record_payment, actor=request.user, settlement=settlement,
                        **form.cleaned_data)  # fmt: skip
        if done:
            messages.success(request, _("The payment is recorded."))
            return redirect(settlement.get_absolute_url())
    return _form_page(request, settlement, form, _("Record the payment"), _("Record"))


@require_perm("settlements.view_settlements")
def settlement_waive(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if not request.user.has_perm("settlements.waive_settlement", settlement):
        raise PermissionDenied
    form = WaiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, approval.waive, actor=request.user, settlement=settlement,
                        reason=form.cleaned_data["reason"])  # fmt: skip
        if done:
            return redirect(settlement.get_absolute_url())
    return _form_page(request, settlement, form, _("Waive the settlement"), _("Waive"))


@require_perm("settlements.view_settlements")
def settlement_print(request, pk: int):
    settlement = settlement_or_404(request, pk)
    if settlement.status not in (SettlementStatus.APPROVED, SettlementStatus.PAID):
        raise PermissionDenied
    return pdf_response(settlement_pdf(settlement), filename=f"{_('Settlement statement')}-{settlement.number}")


@require_perm("settlements.view_tax_rules")
def tax_rule_list(request):
    found = selectors.tax_rules()
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Tax rules"), sheet=_("Tax rules"), columns=TAX_RULE_COLUMNS, rows=found)
    form = TaxRuleForm(request.POST or None) if request.user.has_perm("settlements.manage_tax_rules") else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and call_service(form, invoices.save_tax_rule, actor=request.user, **form.cleaned_data):
            messages.success(request, _("The tax rule is saved."))
            return redirect("settlements:tax_rules")
    return render(request, "settlements/tax_rules.html", {"rules": found, "form": form})


@require_perm("settlements.view_settlements")
def hidden_cost_record(request, project_pk: int):
    """SET-6: the project's department or finance records a hidden cost (management time, equipment)."""
    project = get_object_or_404(Project.objects.select_related("department", "demand"), pk=project_pk)
    if not request.user.has_perm("settlements.record_hidden_cost", project):
        raise PermissionDenied
    form = HiddenCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and call_service(
            form, budget.record_hidden_cost, actor=request.user, project=project, **form.cleaned_data):  # fmt: skip
        messages.success(request, _("The cost is recorded against the project's budget."))
        return redirect(project.get_absolute_url() + "#budget")
    return render(request, "settlements/action_form.html", {"form": form, "project": project,
                                                            "title": _("Record a hidden cost"),
                                                            "button": _("Record")})  # fmt: skip
