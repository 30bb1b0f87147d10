"""Performance pages, part one: the KPI library (PRF-1), the contracts' SLA versions (PRF-2) and the metric values
with their entry, Excel import and correction (PRF-3). Each list exports to Excel."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import template_response, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.performance import library, selectors, slas, spreadsheets, values
from outsourcing.performance.forms import (
    CorrectionForm,
    ImportForm,
    KpiForm,
    SearchForm,
    SlaForm,
    ValueForm,
    parse_inputs,
)
from outsourcing.performance.models import Kpi, KpiCategory, KpiValue, SlaVersion


def _export(request, found, *, name: str, columns):
    return xlsx_response(filename=name, sheet=name, columns=columns, rows=found)


def _wants_export(request) -> bool:
    return request.GET.get("export") == "xlsx"


# --- KPI library (PRF-1)


@require_perm("performance.view_kpis")
def kpi_list(request):
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    category = request.GET.get("category", "") if request.GET.get("category") in KpiCategory.values else ""
    found = selectors.kpis_for(request.user, category=category, search=search)
    if _wants_export(request):
        return _export(request, found, name=_("KPI library"), columns=spreadsheets.KPI_COLUMNS)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/kpi_list.html",
        {"page": page, "form": form, "categories": KpiCategory.choices, "category": category},
    )


def _kpi_or_404(request, pk: int) -> Kpi:
    try:
        return selectors.kpis_for(request.user).get(pk=pk)
    except Kpi.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("performance.view_kpis")
def kpi_detail(request, pk: int):
    kpi = _kpi_or_404(request, pk)
    return render(request, "performance/kpi_detail.html", {"kpi": kpi})


@require_perm("performance.manage_kpis")
def kpi_form(request, pk: int | None = None):
    kpi = _kpi_or_404(request, pk) if pk else None
    form = KpiForm(request.POST or None, initial=KpiForm.initial_from(kpi) if kpi else None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.to_data()
        except RuleViolation as exc:
            form.add_error("thresholds", str(exc.message))
        else:
            saved = call_service(form, library.save_kpi, actor=request.user, data=data, kpi=kpi)
            if saved:
                messages.success(request, _("%(kpi)s is saved in the library.") % {"kpi": saved.code})
                if saved.missing_smart_fields:
                    messages.warning(
                        request,
                        _("It cannot be used until every SMART field is filled: %(missing)s.")
                        % {"missing": "、".join(saved.missing_smart_fields)},
                    )
                return redirect(saved.get_absolute_url())
    return render(request, "performance/kpi_form.html", {"form": form, "kpi": kpi})


# --- SLA versions (PRF-2)


@require_perm("performance.view_performance")
def sla_list(request):
    form = SearchForm(request.GET or None)
    contract_id = form.cleaned_data["contract"] if form.is_valid() else None
    found = selectors.slas_for(request.user, contract_id=contract_id)
    if _wants_export(request):
        return _export(request, found, name=_("SLA versions"), columns=spreadsheets.SLA_COLUMNS)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "performance/sla_list.html", {"page": page})


def _sla_or_404(request, pk: int) -> SlaVersion:
    try:
        return selectors.slas_for(request.user).get(pk=pk)
    except SlaVersion.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("performance.view_performance")
def sla_detail(request, pk: int):
    sla = _sla_or_404(request, pk)
    return render(request, "performance/sla_detail.html", {
        "sla": sla, "internal": not request.user.is_vendor_user,
        "may_resubmit": sla.status == ApprovalState.RETURNED
                        and request.user.has_perm("performance.draft_sla", sla.contract),
        "evaluations": sla.evaluations.order_by("-period_start")})  # fmt: skip


@require_perm("performance.draft_slas")
def sla_create(request):
    contracts = selectors.live_contracts(request.user, perm="performance.draft_sla")
    chosen = next((c.pk for c in contracts if str(c.pk) == request.GET.get("contract")), None)
    initial = {"contract": chosen} if chosen else {}
    if chosen:
        latest = SlaVersion.objects.filter(contract_id=chosen).order_by("-version").first()
        if latest is not None:
            initial.update(items="\n".join(f"{i.kpi.code} {i.weight.normalize()} {i.target.normalize()}"
                                           for i in latest.items.select_related("kpi")),
                           period=latest.period, pass_score=latest.pass_score,
                           grades="\n".join(f"{g['grade']} {g['min']}" for g in latest.grades))  # fmt: skip
    form = SlaForm(request.POST or None, contracts=Contract.objects.filter(pk__in=[c.pk for c in contracts])
                   .select_related("vendor"), initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            data = form.to_data()
        except RuleViolation as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            sla = call_service(form, slas.propose_sla, actor=request.user, data=data)
            if sla:
                messages.success(request, _("%(sla)s is sent for approval.") % {"sla": str(sla)})
                return redirect(sla.get_absolute_url())
    usable = [k for k in Kpi.objects.filter(is_active=True) if k.usable]
    return render(request, "performance/sla_form.html", {"form": form, "kpis": usable})


@require_POST
@require_perm("performance.draft_slas")
def sla_resubmit(request, pk: int):
    sla = _sla_or_404(request, pk)
    if not request.user.has_perm("performance.draft_sla", sla.contract):
        raise Http404
    slas.resubmit_sla(actor=request.user, sla=sla)
    messages.success(request, _("%(sla)s is sent for approval again.") % {"sla": str(sla)})
    return redirect(sla.get_absolute_url())


# --- metric values (PRF-3)


@require_perm("performance.view_performance")
def value_list(request):
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    contract_id = form.cleaned_data["contract"] if form.is_valid() else None
    found = selectors.values_for(request.user, search=search, contract_id=contract_id,
                                 history=request.GET.get("history") == "1")  # fmt: skip
    if _wants_export(request):
        return _export(request, found, name=_("KPI values"), columns=spreadsheets.VALUE_COLUMNS)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "performance/value_list.html", {"page": page, "form": form})


def _value_form(request, data=None) -> ValueForm:
    contracts = selectors.live_contracts(request.user, perm="performance.enter_value")
    kpis = Kpi.objects.filter(sla_items__sla__contract__in=[c.pk for c in contracts]).exclude(
        data_source="computed").distinct().order_by("code")  # fmt: skip
    kpis = kpis.filter(data_source="vendor" if request.user.is_vendor_user else "company")
    return ValueForm(data, contracts=Contract.objects.filter(pk__in=[c.pk for c in contracts]).select_related("vendor"),
                     kpis=kpis, initial={"contract": request.GET.get("contract")})  # fmt: skip


@require_perm("performance.enter_values")
def value_create(request):
    form = _value_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inputs = parse_inputs(data["inputs"])
        except RuleViolation as exc:
            form.add_error("inputs", str(exc.message))
        else:
            saved = call_service(form, values.record_value, actor=request.user, data=values.ValueData(
                contract=data["contract"], kpi=data["kpi"], measured_on=data["measured_on"], inputs=inputs,
                source=KpiValue.Source.PAGE, note=data["note"]))  # fmt: skip
            if saved:
                messages.success(
                    request,
                    _("%(kpi)s %(value)s recorded for %(day)s.")
                    % {"kpi": saved.kpi.code, "value": saved.value.normalize(), "day": saved.measured_on},
                )
                return redirect(f"{request.path}?contract={saved.contract_id}")
    return render(request, "performance/value_form.html", {"form": form})


def _value_or_404(request, pk: int) -> KpiValue:
    try:
        return selectors.value_for(request.user, pk)
    except KpiValue.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("performance.view_performance")
def value_detail(request, pk: int):
    value = _value_or_404(request, pk)
    form = CorrectionForm(
        request.POST or None, initial={"inputs": "; ".join(f"{k}={v}" for k, v in value.inputs.items())}
    )
    may_correct = value.is_current and request.user.has_perm("performance.enter_value", value.contract)
    if request.method == "POST" and may_correct and form.is_valid():
        try:
            inputs = parse_inputs(form.cleaned_data["inputs"])
        except RuleViolation as exc:
            form.add_error("inputs", str(exc.message))
        else:
            new = call_service(form, values.correct_value, actor=request.user, value=value, inputs=inputs,
                               note=form.cleaned_data["note"])  # fmt: skip
            if new:
                messages.success(request, _("The value is corrected; the old one stays in the history."))
                return redirect("performance:value_detail", pk=new.pk)
    return render(
        request,
        "performance/value_detail.html",
        {"value": value, "form": form, "may_correct": may_correct, "history": selectors.value_history(value)},
    )


@require_perm("performance.enter_values")
def value_template(request):
    return template_response(filename=_("KPI values import template"), sheet=_("KPI values"),
                             columns=spreadsheets.IMPORT_COLUMNS, notes=spreadsheets.template_notes())  # fmt: skip


@require_perm("performance.enter_values")
def value_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = call_service(form, spreadsheets.import_values, actor=request.user, upload=form.cleaned_data["file"])
        if result is not None:
            saved, errors = result
            if not errors:
                messages.success(request, _("%(count)s figures imported.") % {"count": len(saved)})
                return redirect("performance:value_list")
    return render(request, "performance/value_import.html", {"form": form, "errors": errors})
