"""Work instruction pages (OPS-1): the list with its Excel export, issuing one to the vendor's site manager, and
the instruction's page where the site manager acknowledges and reports completion in the portal."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.contracts.models import Contract
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.operations import instructions, selectors, spreadsheets
from outsourcing.operations.forms import CompletionForm, InstructionFilterForm, InstructionForm
from outsourcing.operations.models import WorkInstruction
from outsourcing.operations.permissions import available_actions
from outsourcing.org.models import User


def instruction_or_404(request, pk: int) -> WorkInstruction:
    try:
        return selectors.instruction_for(request.user, pk)
    except WorkInstruction.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("operations.view_operations")
def instruction_list(request):
    filter_form = InstructionFilterForm(request.GET or None)
    found = selectors.instructions_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Work instructions"), sheet=_("Work instructions"),
                             columns=spreadsheets.INSTRUCTION_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "operations/instruction_list.html", {"page": page, "filter_form": filter_form})


def _instruction_form(request, contracts: list[Contract]) -> InstructionForm:
    chosen = request.POST.get("contract") or request.GET.get("contract")
    contract = next((c for c in contracts if str(c.pk) == chosen), None)
    vendor_ids = [contract.vendor_id] if contract else sorted({c.vendor_id for c in contracts})
    addressees = User.objects.none()
    for vendor_id in vendor_ids:
        addressees = addressees | selectors.site_managers(vendor_id)
    ids = [c.pk for c in contracts]
    return InstructionForm(request.POST or None, contracts=Contract.objects.filter(pk__in=ids).select_related("vendor"),
                           addressees=addressees.distinct(),
                           initial={"contract": contract.pk if contract else None})  # fmt: skip


@require_perm("operations.issue_instructions")
def instruction_create(request):
    contracts = selectors.live_contracts(request.user, perm="operations.issue_instruction")
    form = _instruction_form(request, contracts)
    if request.method == "POST" and form.is_valid():
        instruction = call_service(form, instructions.issue_instruction, actor=request.user, data=form.to_data())
        if instruction:
            messages.success(request, _("%(number)s is sent to %(name)s, the vendor's site manager.")
                             % {"number": instruction.number, "name": instruction.addressee.get_full_name()})
            if instruction.screen_findings:
                messages.warning(request, _("Sent as written: the sending is recorded as a sign of direct "
                                            "management."))  # fmt: skip
            return redirect(instruction.get_absolute_url())
    return render(request, "operations/instruction_form.html", {"form": form, "contracts": contracts})


def _detail(request, instruction: WorkInstruction, *, completion_form=None):
    actions = available_actions(request.user, instruction)
    context = {"instruction": instruction, "actions": actions, "internal": not request.user.is_vendor_user,
               "completion_form": completion_form or (CompletionForm() if "complete" in actions else None)}
    return render(request, "operations/instruction_detail.html", context)


@require_perm("operations.view_operations")
def instruction_detail(request, pk: int):
    return _detail(request, instruction_or_404(request, pk))


@require_POST
@require_perm("operations.view_operations")
def instruction_acknowledge(request, pk: int):
    instruction = instruction_or_404(request, pk)
    instructions.acknowledge_instruction(actor=request.user, instruction=instruction)
    messages.success(request, _("Acknowledged: report the completion here when it is done."))
    return redirect(instruction.get_absolute_url())


@require_POST
@require_perm("operations.view_operations")
def instruction_complete(request, pk: int):
    instruction = instruction_or_404(request, pk)
    form = CompletionForm(request.POST)
    if form.is_valid() and call_service(form, instructions.complete_instruction, actor=request.user,
                                        instruction=instruction, report=form.cleaned_data["report"]):  # fmt: skip
        messages.success(request, _("The completion is reported to the company."))
        return redirect(instruction.get_absolute_url())
    return _detail(request, instruction, completion_form=form)
