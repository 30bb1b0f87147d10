"""Construction wage-protection pages (CST-2..CST-4): the project's page of its role, each contract's labour-cost
terms and monthly transfers (with the bank slip), its evidence with expiry, and today's flags; one form per action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.forms import call_service
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.demands.models import Project
from outsourcing.settlements import construction, construction_checks
from outsourcing.settlements.forms import CompanyRoleForm, EvidenceForm, TermsForm, TransferForm
from outsourcing.settlements.models import ConstructionTerms, LabourCostTransfer, ProjectEvidence

CHECKS = (construction_checks.transfers_late, construction_checks.evidence_gaps, construction_checks.payroll_short,
          construction_checks.wage_not_own_account, construction_checks.worker_without_wage_line)  # fmt: skip


def _project(request, pk: int, perm: str = "settlements.view_construction") -> Project:
    project = get_object_or_404(Project.objects.select_related("department", "demand"), pk=pk)
    if not request.user.has_perm(perm, project):
        raise PermissionDenied
    return project


def _form_page(request, project, form, title: str, button: str):
    return render(request, "settlements/action_form.html", {"form": form, "project": project, "title": title,
                                                            "button": button})  # fmt: skip


def flags_for(project: Project) -> list:
    day = today()
    return [finding for check in CHECKS for finding in check(day) if finding.project_id == project.pk]


@require_perm("settlements.view_budgets")
def construction_page(request, project_pk: int):
    project = _project(request, project_pk)
    contracts = list(Contract.objects.filter(project=project).select_related("vendor").order_by("start_date", "pk"))
    terms = {t.contract_id: t for t in ConstructionTerms.objects.filter(contract__in=contracts)}
    transfers = list(LabourCostTransfer.objects.filter(contract__in=contracts).select_related("contract"))
    rows = [{"contract": c, "terms": terms.get(c.pk), "blockers": construction.terms_blockers(c),
             "transfers": [t for t in transfers if t.contract_id == c.pk]} for c in contracts]  # fmt: skip
    context = {"project": project, "rows": rows, "today": today(), "flags": flags_for(project),
               "evidence": list(ProjectEvidence.objects.filter(project=project)),
               "may_keep": request.user.has_perm("settlements.keep_construction", project),
               "may_record": request.user.has_perm("settlements.record_transfer", project)}  # fmt: skip
    return render(request, "settlements/construction.html", context)


@require_perm("settlements.view_budgets")
def company_role(request, project_pk: int):
    project = _project(request, project_pk, "settlements.keep_construction")
    form = CompanyRoleForm(request.POST or None, initial={"company_role": project.company_role})
    if request.method == "POST" and form.is_valid() and call_service(
            form, construction.set_company_role, actor=request.user, project=project,
            role=form.cleaned_data["company_role"]):  # fmt: skip
        return redirect("settlements:construction", project.pk)
    return _form_page(request, project, form, _("The company's role on the project"), _("Save"))


@require_perm("settlements.view_budgets")
def contract_terms(request, contract_pk: int):
    contract = get_object_or_404(Contract.objects.select_related("project"), pk=contract_pk)
    if not request.user.has_perm("settlements.keep_construction", contract):
        raise PermissionDenied
    existing = ConstructionTerms.objects.filter(contract=contract).first()
    initial = {f: getattr(existing, f) for f in TermsForm.base_fields} if existing else {}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and call_service(
            form, construction.save_terms, actor=request.user, contract=contract, **form.cleaned_data):  # fmt: skip
        return redirect("settlements:construction", contract.project_id)
    return _form_page(request, contract.project, form, _("Labour-cost terms of %(number)s") % {
        "number": contract.number}, _("Save"))  # fmt: skip


@require_POST
@require_perm("settlements.view_budgets")
def schedule(request, contract_pk: int):
    contract = get_object_or_404(Contract.objects.select_related("project"), pk=contract_pk)
    if not request.user.has_perm("settlements.keep_construction", contract):
        raise PermissionDenied
    try:
        created = construction.schedule_transfers(actor=request.user, contract=contract)
        messages.success(request, _("%(count)s monthly transfers scheduled.") % {"count": len(created)})
    except RuleViolation as exc:
        messages.error(request, str(exc.message))
    return redirect("settlements:construction", contract.project_id)


@require_perm("settlements.view_budgets")
def record_transfer(request, pk: int):
    transfer = get_object_or_404(LabourCostTransfer.objects.select_related("contract__project"), pk=pk)
    if not request.user.has_perm("settlements.record_transfer", transfer):
        raise PermissionDenied
    form = TransferForm(request.POST or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else None
    if request.method == "POST" and data and call_service(form, construction.record_transfer, actor=request.user,
                                                          transfer=transfer, **data):  # fmt: skip
        return redirect(transfer.get_absolute_url())
    return _form_page(request, transfer.contract.project, form, _("Transfer of %(month)s") % {
        "month": f"{transfer.month:%Y-%m}"}, _("Record"))  # fmt: skip


@require_perm("settlements.view_budgets")
def record_evidence(request, project_pk: int):
    project = _project(request, project_pk, "settlements.keep_construction")
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evidence = call_service(form, construction.record_evidence, actor=request.user, project=project,
                                **form.cleaned_data)  # fmt: skip
        if evidence:
            return redirect(evidence.get_absolute_url())
    return _form_page(request, project, form, _("Record construction evidence"), _("Record"))
