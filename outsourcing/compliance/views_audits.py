"""Audit pages (AUD-1..AUD-3): the audits (exported to Excel), opening one, the audit with its checklist drawn from
the policy library, its kept sample (each record linked, with its full history for those who read the trail), its
findings and their actions followed to closure (exported to Excel); the dispatch ratio (RSK-7); each
department's outsourcing risk report (AUD-3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.compliance import audits, continuity, department_report, knowledge, ratio, selectors, spreadsheets
from outsourcing.compliance.forms_audits import (
    ActionDoneForm,
    AuditActionForm,
    AuditForm,
    CheckForm,
    CloseAuditForm,
    CriticalForm,
    FindingCloseForm,
    FindingForm,
    HandoverForm,
    KnowledgeItemForm,
    PlanForm,
    SampleForm,
    WorkforceForm,
)
from outsourcing.compliance.models_audits import Audit, AuditAction, AuditStatus, CheckResult
from outsourcing.compliance.models_ratio import WorkforceFigure
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.org.models import Department

# The POST actions on an audit's page and the form each reads.
ACTIONS = {"sample": SampleForm, "check": CheckForm, "finding": FindingForm, "action": AuditActionForm,
           "close-finding": FindingCloseForm, "action-done": ActionDoneForm, "close": CloseAuditForm}  # fmt: skip
TAKES_AUDIT = (FindingForm, AuditActionForm, FindingCloseForm)


@require_perm("compliance.view_audits")
def audit_list(request):
    status = request.GET.get("status", "") if request.GET.get("status") in AuditStatus.values else ""
    found = selectors.audits(status=status)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Special audits"), sheet=_("Special audits"),
                             columns=spreadsheets.AUDIT_COLUMNS, rows=found)  # fmt: skip
    return render(request, "compliance/audit_list.html", {
        "page": Paginator(found, 50).get_page(request.GET.get("page")), "status": status,
        "statuses": AuditStatus.choices, "this_year_missing": not Audit.objects.filter(year=today().year).exists(),
        "year": today().year})  # fmt: skip


@require_perm("compliance.manage_audits")
def audit_create(request):
    year = today().year
    form = AuditForm(request.POST or None, initial={
        "year": year, "title": _("%(year)s special audit of outsourcing") % {"year": year}, "lead": request.user,
        "period_start": today().replace(year=year - 1, day=1), "period_end": today()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        audit = call_service(form, audits.open_audit, actor=request.user, data=form.to_data())
        if audit is not None:
            messages.success(request, _("Audit %(number)s opened with its checklist.") % {"number": audit.number})
            return redirect(audit)
    return render(request, "compliance/audit_form.html", {"form": form})


@require_perm("compliance.view_audits")
def audit_detail(request, pk: int):
    audit = get_object_or_404(Audit.objects.select_related("lead"), pk=pk)
    detail = selectors.audit_detail(audit)
    if request.GET.get("export") == "xlsx":
        rows = [(finding, action) for finding in detail["findings"] for action in (finding.actions.all() or [None])]
        return xlsx_response(filename=audit.number, sheet=_("Findings and actions"),
                             columns=spreadsheets.AUDIT_FINDING_COLUMNS, rows=rows)  # fmt: skip
    forms = {}
    if request.user.has_perm("compliance.manage_audits") and audit.status == AuditStatus.OPEN:
        forms = {"finding": FindingForm(audit=audit), "action": AuditActionForm(audit=audit),
                 "close": CloseAuditForm()}  # fmt: skip
        if audit.sample_seed is None:
            forms = {"sample": SampleForm(), **forms}
    return render(request, "compliance/audit_detail.html", {
        "audit": audit, **detail, "forms": forms, "results": CheckResult.choices,
        "manage": bool(forms), "trail": request.user.has_perm("audit.view_audit_trail")})  # fmt: skip


def _run(request, audit: Audit, action: str, data: dict) -> None:
    actor = request.user
    if action == "sample":
        audits.draw_sample(actor=actor, audit=audit, size=data["size"])
    elif action == "check":
        check = get_object_or_404(audit.checks, pk=data["check"])
        audits.record_check(actor=actor, check=check, result=data["result"], note=data["note"])
    elif action == "finding":
        audits.record_finding(actor=actor, audit=audit, title=data["title"], owner=data["owner"],
                              description=data["description"], check=data["check"])  # fmt: skip
    elif action == "action":
        audits.require_action(actor=actor, finding=data["finding"], description=data["description"],
                              owner=data["owner"], due_on=data["due_on"])  # fmt: skip
    elif action == "close-finding":
        audits.close_finding(actor=actor, finding=data["finding"])
    elif action == "action-done":
        done = get_object_or_404(AuditAction.objects.filter(finding__audit=audit), pk=data["action"])
        audits.complete_action(actor=actor, action=done)
    else:
        audits.close_audit(actor=actor, audit=audit, conclusion=data["conclusion"])


@require_POST
@require_perm("compliance.view_audits")
def audit_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    audit = get_object_or_404(Audit, pk=pk)
    form_class = ACTIONS[action]
    form = form_class(request.POST, audit=audit) if form_class in TAKES_AUDIT else form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(audit)
    try:
        _run(request, audit, action, form.cleaned_data)
    except RuleViolation as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Saved."))
    return redirect(audit)


@require_perm("compliance.view_compliance")
def dispatch_ratio(request):
    """RSK-7: the ratio against the cap with the projects that push it up; HR enters the month's figures."""
    form = None
    if request.user.has_perm("compliance.record_workforce"):
        form = WorkforceForm(request.POST or None, initial={"period": today().replace(day=1)})
        if request.method == "POST" and form.is_valid():
            figure = call_service(form, ratio.record_figures, actor=request.user, **form.cleaned_data)
            if figure is not None:
                messages.success(request, _("Figures of %(month)s saved.") % {"month": f"{figure.period:%Y-%m}"})
                return redirect("compliance:dispatch_ratio")
    elif request.method == "POST":
        raise PermissionDenied
    figures = WorkforceFigure.objects.select_related("updated_by").order_by("-period")
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Dispatch ratio"), sheet=_("Workforce figures"),
                             columns=spreadsheets.WORKFORCE_COLUMNS, rows=figures)  # fmt: skip
    return render(request, "compliance/dispatch_ratio.html", {
        "ratio": ratio.current(), "figures": figures[:24], "form": form})  # fmt: skip


@login_required
def department_reports(request):
    """AUD-3: the departments whose report the user reads (a department head: its own)."""
    found = department_report.departments_for(request.user)
    if not found:
        raise PermissionDenied
    if len(found) == 1:
        return redirect("compliance:department_report", found[0].pk)
    return render(request, "compliance/department_reports.html", {"departments": found})


@login_required
def department_report_page(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    if not department_report.may_read(request.user, department):
        raise PermissionDenied
    rows = department_report.rows(department)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=f"{department.name} {today():%Y-%m-%d}", sheet=_("Outsourcing risk report"),
                             columns=spreadsheets.DEPARTMENT_COLUMNS, rows=rows)  # fmt: skip
    return render(request, "compliance/department_report.html", {"department": department, "rows": rows,
                                                                  "day": today()})  # fmt: skip


def _register_page(request, steps: dict, *, template: str, done: str, context):
    """A register page with its forms, each posted with its name in `form` and saved by its service (`steps`:
    name → (form class, service)); only HR and legal (`compliance.manage_risks`) see and post the forms."""
    forms = {}
    if request.user.has_perm("compliance.manage_risks"):
        posted = request.POST.get("form")
        forms = {name: form(request.POST if posted == name else None) for name, (form, _service) in steps.items()}
        form = forms.get(posted)
        valid = request.method == "POST" and form is not None and form.is_valid()
        saved = valid and call_service(form, steps[posted][1], actor=request.user, **form.cleaned_data) is not None
        if saved:
            messages.success(request, _("Saved."))
            return redirect(done)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, template, {**context(), "forms": forms})


@require_perm("compliance.view_compliance")
def critical_services(request):
    """RSK-5: the critical services, their contracts' continuity plans; HR and legal mark and record them."""
    steps = {"mark": (CriticalForm, continuity.mark_critical), "plan": (PlanForm, continuity.record_plan)}
    return _register_page(request, steps, template="compliance/critical_services.html",
                          done="compliance:critical_services", context=selectors.critical_services)  # fmt: skip


@require_perm("compliance.view_compliance")
def knowledge_inventory(request):
    """RSK-6: each live contract's key knowledge with its last hand-over; HR and legal add items and hand-overs."""
    steps = {"item": (KnowledgeItemForm, knowledge.add_item), "handover": (HandoverForm, knowledge.record_handover)}
    return _register_page(request, steps, template="compliance/knowledge.html", done="compliance:knowledge",
                          context=lambda: {"items": knowledge.inventory()})  # fmt: skip
