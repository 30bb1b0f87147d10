"""Risk and compliance pages: the daily indicators with their findings and evidence (RSK-2), the risk register
with its heat map (RSK-1). Each list exports to Excel."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.compliance import risks, selectors, spreadsheets
from outsourcing.compliance.forms import MoveForm, RiskForm, SearchForm
from outsourcing.compliance.models import (
    RISK_STATES,
    FindingStatus,
    IndicatorFinding,
    Risk,
    RiskCategory,
    RiskStatus,
    rating_level,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.indicators import indicator
from outsourcing.core.views import require_perm
from outsourcing.demands.models import Project


def _wants_export(request) -> bool:
    return request.GET.get("export") == "xlsx"


@require_perm("compliance.view_compliance")
def indicator_list(request):
    return render(request, "compliance/indicator_list.html", {"rows": selectors.indicator_rows()})


@require_perm("compliance.view_compliance")
def indicator_detail(request, code: str):
    entry = indicator(code)
    if entry is None:
        raise Http404
    status = request.GET.get("status", FindingStatus.OPEN)
    status = status if status in (*FindingStatus.values, "all") else FindingStatus.OPEN
    found = selectors.findings(indicator=code, status="" if status == "all" else status)
    if _wants_export(request):
        return xlsx_response(filename=str(entry.label), sheet=str(entry.label), columns=spreadsheets.FINDING_COLUMNS,
                             rows=found)  # fmt: skip
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/indicator_detail.html",
        {"indicator": entry, "page": page, "status": status, "statuses": FindingStatus.choices},
    )


@require_perm("compliance.view_compliance")
def finding_detail(request, pk: int):
    finding = get_object_or_404(IndicatorFinding, pk=pk)
    form = None
    if request.user.has_perm("compliance.manage_risks") and finding.status == FindingStatus.OPEN:
        entry = indicator(finding.indicator)
        form = RiskForm(
            request.POST or None,
            initial={
                "title": f"{entry.label if entry else ''}: {finding.subject}",
                "owner": request.user,
                "vendor": finding.vendor,
                "contract": finding.contract,
                "project": finding.project,
            },
        )
        if request.method == "POST" and form.is_valid():
            risk = call_service(form, risks.raise_from_finding, actor=request.user, finding=finding,
                                data=form.to_data())  # fmt: skip
            if risk is not None:
                messages.success(request, _("Risk %(number)s raised from the finding.") % {"number": risk.number})
                return redirect(risk)
    elif request.method == "POST":
        raise Http404
    return render(request, "compliance/finding_detail.html", {
        "finding": finding, "indicator": indicator(finding.indicator), "form": form,
        "risks": finding.risks.select_related("owner")})  # fmt: skip


@require_perm("compliance.view_compliance")
def risk_list(request):
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    status = request.GET.get("status", "") if request.GET.get("status") in RiskStatus.values else ""
    category = request.GET.get("category", "") if request.GET.get("category") in RiskCategory.values else ""
    found = selectors.risks(status=status, category=category, search=search)
    if _wants_export(request):
        return xlsx_response(filename=_("Risk register"), sheet=_("Risk register"), columns=spreadsheets.RISK_COLUMNS,
                             rows=found)  # fmt: skip
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "compliance/risk_list.html", {
        "page": page, "form": form, "status": status, "category": category, "statuses": RiskStatus.choices,
        "categories": RiskCategory.choices, "heat": selectors.heat_map(found), "cells": _cells(found)})  # fmt: skip


def _cells(found) -> list[dict]:
    """The 5×5 grid of live risks by inherent likelihood (rows, 5 at the top) and impact (columns)."""
    counts = {(c["y"], c["x"]): c["count"] for c in selectors.heat_map(found)["inherent"]}
    return [{"likelihood": lik, "cells": [{"impact": imp, "count": counts.get((lik, imp), 0),
                                           "level": rating_level(lik * imp)} for imp in range(1, 6)]}
            for lik in range(5, 0, -1)]  # fmt: skip


@require_perm("compliance.manage_risks")
def risk_create(request):
    form = RiskForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        risk = call_service(form, risks.record_risk, actor=request.user, data=form.to_data())
        if risk is not None:
            messages.success(request, _("Risk %(number)s recorded.") % {"number": risk.number})
            return redirect(risk)
    return render(request, "compliance/risk_form.html", {"form": form})


def _risk(request, pk: int) -> Risk:
    return get_object_or_404(selectors.risks(), pk=pk)


@require_perm("compliance.view_compliance")
def risk_detail(request, pk: int):
    risk = _risk(request, pk)
    may_update = request.user.has_perm("compliance.update_risk", risk)
    moves = [(to, label) for to, label in RiskStatus.choices if RISK_STATES.may(risk.status, to)]
    form = MoveForm(initial={"to": moves[0][0]} if moves else None)
    form.fields["to"].choices = moves
    return render(request, "compliance/risk_detail.html", {"risk": risk, "may_update": may_update, "form": form,
                                                          "moves": moves})  # fmt: skip


@require_perm("compliance.view_compliance")
def risk_edit(request, pk: int):
    risk = _risk(request, pk)
    if not request.user.has_perm("compliance.update_risk", risk):
        raise Http404
    form = RiskForm(request.POST or None, initial=RiskForm.initial_from(risk))
    if request.method == "POST" and form.is_valid() and call_service(
            form, risks.update_risk, actor=request.user, risk=risk, data=form.to_data()) is not None:  # fmt: skip
        messages.success(request, _("Risk %(number)s saved.") % {"number": risk.number})
        return redirect(risk)
    return render(request, "compliance/risk_form.html", {"form": form, "risk": risk})


@require_POST
@require_perm("compliance.view_compliance")
def risk_move(request, pk: int):
    risk = _risk(request, pk)
    if not request.user.has_perm("compliance.update_risk", risk):
        raise Http404
    form = MoveForm(request.POST)
    form.fields["to"].choices = RiskStatus.choices
    if form.is_valid():
        try:
            risks.move(actor=request.user, risk=risk, to=form.cleaned_data["to"], note=form.cleaned_data["note"])
        except RuleViolation as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Risk %(number)s: status changed.") % {"number": risk.number})
    return redirect(risk)


@require_perm("compliance.view_compliance")
def score_list(request):
    found = selectors.scores()
    if _wants_export(request):
        return xlsx_response(filename=_("Disguised-dispatch scores"), sheet=_("Disguised-dispatch scores"),
                             columns=spreadsheets.SCORE_COLUMNS, rows=found)  # fmt: skip
    return render(
        request, "compliance/score_list.html", {"page": Paginator(found, 50).get_page(request.GET.get("page"))}
    )


@require_perm("compliance.view_compliance")
def project_score(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    return render(request, "compliance/score_detail.html", selectors.score_detail(project))
