"""Demand and project pages: list with filters and Excel export, the form, the detail, submission,
HR's confirmation of the nature of the work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.demands import selectors, selfcheck, services
from outsourcing.demands.forms import BudgetLineFormSet, ConfirmNatureForm, DemandFilterForm, DemandForm
from outsourcing.demands.models import Demand, Project


def _demand_or_404(request, pk: int) -> Demand:
    try:
        return selectors.demand_detail(request.user, pk)
    except Demand.DoesNotExist as exc:
        raise Http404 from exc


EXPORT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda d: d.number, 18),
    Column(gettext_lazy("Project name"), lambda d: d.title, 32),
    Column(gettext_lazy("Department"), lambda d: d.department.name, 16),
    Column(gettext_lazy("Project owner"), lambda d: d.requester.get_full_name(), 12),
    Column(gettext_lazy("Status"), lambda d: d.get_status_display(), 12),
    Column(gettext_lazy("Period from"), lambda d: d.period_start, 12),
    Column(gettext_lazy("Period until"), lambda d: d.period_end, 12),
    Column(gettext_lazy("Estimated headcount"), lambda d: d.estimated_headcount, 10),
    Column(gettext_lazy("Total budget (CNY)"), lambda d: d.budget_total, 16, money=True),
    Column(gettext_lazy("Risk reserve (CNY)"), lambda d: d.risk_reserve, 14, money=True),
    Column(gettext_lazy("Project number"), lambda d: getattr(getattr(d, "project", None), "number", ""), 16),
]


@require_perm("demands.view_demands")
def demand_list(request):
    filter_form = DemandFilterForm(request.GET or None)
    demands = selectors.demands_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=_("Outsourcing demands"), sheet=_("Outsourcing demands"), columns=EXPORT_COLUMNS, rows=demands
        )
    page = Paginator(demands, 30).get_page(request.GET.get("page"))
    return render(request, "demands/demand_list.html", {"page": page, "filter_form": filter_form})


def _save(request, demand: Demand | None):
    form = DemandForm(
        request.POST or None, user=request.user, initial=DemandForm.initial_from(demand) if demand else None
    )
    initial_lines = (
        [{"item": b.item, "amount": b.amount, "note": b.note} for b in demand.budget_lines.all()] if demand else []
    )
    lines = BudgetLineFormSet(request.POST or None, initial=initial_lines, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = form.to_data(lines.items())
        if "submit" in request.POST:
            saved = call_service(form, services.save_and_submit, actor=request.user, demand=demand, data=data)
            done = _("Demand %(number)s submitted for approval.")
        elif demand is None:
            saved = call_service(form, services.create_draft, actor=request.user, data=data)
            done = _("Draft %(number)s saved.")
        else:
            saved = call_service(form, services.update_draft, actor=request.user, demand=demand, data=data)
            done = _("Draft %(number)s saved.")
        if saved:
            messages.success(request, done % {"number": saved.number})
            return redirect(saved.get_absolute_url())
    return render(request, "demands/demand_form.html", {"form": form, "lines": lines, "demand": demand})


@require_perm("demands.add_demand")
def demand_create(request):
    return _save(request, None)


@require_perm("demands.view_demands")
def demand_edit(request, pk: int):
    demand = _demand_or_404(request, pk)
    if not request.user.has_perm("demands.change_demand", demand):
        if demand.requester_id == request.user.pk:
            messages.warning(request, _("A demand in approval or closed cannot be changed; a returned one can."))
            return redirect(demand.get_absolute_url())
        raise PermissionDenied
    return _save(request, demand)


@require_perm("demands.view_demands")
def demand_detail(request, pk: int):
    demand = _demand_or_404(request, pk)
    return render(
        request,
        "demands/demand_detail.html",
        {
            "demand": demand,
            "lines": demand.budget_lines.all(),
            "assessment": selfcheck.assess(demand.self_check),
            "answers": [
                (
                    q.text,
                    dict(q.choices).get(demand.self_check.get(q.key), "—"),
                    q.risky.get(demand.self_check.get(q.key)),
                )
                for q in selfcheck.QUESTIONS
            ],
            "confirm_form": ConfirmNatureForm(initial={"nature": demand.confirmed_nature or demand.declared_nature})
            if request.user.has_perm("demands.confirm_nature", demand)
            else None,
            "blockers": services.approval_blockers(demand=demand, role="")
            if demand.is_core_business and demand.status == ApprovalState.IN_APPROVAL
            else [],
        },
    )


@require_POST
@require_perm("demands.view_demands")
def demand_submit(request, pk: int):
    demand = _demand_or_404(request, pk)
    if demand.requester_id != request.user.pk:  # the author; the service answers a state that no longer allows it
        raise PermissionDenied
    services.submit(actor=request.user, demand=demand)
    messages.success(request, _("Demand %(number)s submitted for approval.") % {"number": demand.number})
    return redirect(demand.get_absolute_url())


@require_POST
@require_perm("demands.view_demands")
def demand_confirm_nature(request, pk: int):
    demand = _demand_or_404(request, pk)
    if not request.user.has_perm("demands.confirm_nature", demand):
        raise PermissionDenied
    form = ConfirmNatureForm(request.POST)
    if form.is_valid():
        services.confirm_nature(
            actor=request.user, demand=demand, nature=form.cleaned_data["nature"], comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("The nature of the work is confirmed."))
    else:
        messages.error(request, _("Choose the nature of the work."))
    return redirect(demand.get_absolute_url())


PROJECT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda p: p.number, 18),
    Column(gettext_lazy("Name"), lambda p: p.name, 32),
    Column(gettext_lazy("Department"), lambda p: p.department.name, 16),
    Column(gettext_lazy("Project owner"), lambda p: p.owner.get_full_name(), 12),
    Column(gettext_lazy("Approved budget (CNY)"), lambda p: p.budget, 16, money=True),
    Column(gettext_lazy("Period from"), lambda p: p.period_start, 12),
    Column(gettext_lazy("Period until"), lambda p: p.period_end, 12),
    Column(gettext_lazy("Demand number"), lambda p: p.demand.number, 18),
    Column(gettext_lazy("Status"), lambda p: p.get_status_display(), 10),
]


@require_perm("demands.view_demands")
def project_list(request):
    projects = selectors.projects_for(request.user, search=request.GET.get("q", "").strip())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=_("Outsourcing projects"), sheet=_("Outsourcing projects"), columns=PROJECT_COLUMNS, rows=projects
        )
    page = Paginator(projects, 30).get_page(request.GET.get("page"))
    return render(request, "demands/project_list.html", {"page": page, "q": request.GET.get("q", "")})


@require_perm("demands.view_demands")
def project_detail(request, pk: int):
    try:
        project = selectors.projects_for(request.user).get(pk=pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "demands/project_detail.html", {"project": project, "demand": project.demand})
