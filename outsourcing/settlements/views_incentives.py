"""The incentive tables of a contract (SET-3): each SLA version's bands and cap (or the SPEC's default), edited by the
contract's owner until a settlement applied them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from outsourcing.contracts.models import Contract
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.operations.selectors import scoped
from outsourcing.performance.models import SlaVersion
from outsourcing.settlements import incentives
from outsourcing.settlements.forms import IncentiveTableForm


@require_perm("settlements.view_settlements")
def incentive_tables(request, contract_pk: int):
    contract = get_object_or_404(scoped(request.user, Contract.objects.all(), contract=""), pk=contract_pk)
    if not request.user.has_perm("settlements.read_settlement", contract):
        raise PermissionDenied
    rows = []
    for sla in SlaVersion.objects.filter(contract=contract).select_related("incentive_table").order_by("version"):
        bands, default = incentives.bands_of(sla)
        table = getattr(sla, "incentive_table", None)
        rows.append({"sla": sla, "bands": bands, "default": default, "in_use": incentives.in_use(sla),
                     "cap": table.deduction_cap_percent if table else None,
                     "may_edit": request.user.has_perm("settlements.keep_incentive_table", sla)})  # fmt: skip
    return render(request, "settlements/incentive_tables.html", {"contract": contract, "rows": rows})


@require_perm("settlements.view_settlements")
def incentive_table_edit(request, sla_pk: int):
    sla = get_object_or_404(SlaVersion.objects.select_related("contract__project"), pk=sla_pk)
    if not request.user.has_perm("settlements.keep_incentive_table", sla):
        raise PermissionDenied
    bands, _default = incentives.bands_of(sla)
    table = getattr(sla, "incentive_table", None)
    initial = {"bands": "\n".join(f"{b['min']} {b['percent']}" for b in bands),
               "deduction_cap_percent": table.deduction_cap_percent if table else None}  # fmt: skip
    form = IncentiveTableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and call_service(
            form, incentives.save_table, actor=request.user, sla=sla, **form.cleaned_data):  # fmt: skip
        return redirect("settlements:incentives", sla.contract_id)
    return render(request, "settlements/action_form.html", {
        "form": form, "contract": sla.contract, "button": _("Save"),
        "title": _("Incentive table of SLA version %(version)s") % {"version": sla.version}})  # fmt: skip
