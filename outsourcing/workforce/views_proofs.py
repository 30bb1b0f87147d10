"""Monthly compliance proof pages (WRK-6) and the staff stability table (WRK-8)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import insurance_list, proofs, selectors
from outsourcing.workforce.forms import (
    ROSTER_COLUMNS,
    CheckForm,
    InsuranceListForm,
    ProofStartForm,
    StabilityForm,
    proof_lines,
    roster_rows,
)
from outsourcing.workforce.models import MonthlyProof, ProofStatus


def proof_or_404(request, pk: int) -> MonthlyProof:
    try:
        return selectors.proof_for(request.user, pk)
    except MonthlyProof.DoesNotExist as exc:
        raise Http404 from exc


PROOF_COLUMNS = [
    Column(gettext_lazy("Month"), lambda p: f"{p.month:%Y-%m}", 10),
    Column(gettext_lazy("Vendor"), lambda p: p.vendor.name, 28),
    Column(gettext_lazy("Project"), lambda p: f"{p.project.number} {p.project.name}", 30),
    Column(gettext_lazy("Roster lines"), lambda p: p.line_count, 10),
    Column(gettext_lazy("Status"), lambda p: p.get_status_display(), 16),
]


@require_perm("workforce.view_proofs")
def proof_list(request):
    status = request.GET.get("status", "")
    found = selectors.proofs_for(request.user, status=status if status in ProofStatus.values else "")
    found = found.order_by("-month", "vendor__name")
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Monthly compliance proofs"), sheet=_("Monthly compliance proofs"),
                             columns=PROOF_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    due_month = selectors.months_back(today().replace(day=1), 1)
    context = {"page": page, "status": status, "statuses": ProofStatus.choices, "due_month": due_month,
               "not_sent": selectors.proofs_not_sent(request.user, month=due_month)}  # fmt: skip
    return render(request, "workforce/proof_list.html", context)


@require_perm("workforce.submit_proofs")
def proof_submit(request):
    """Choose the project and month (GET), tick the roster (the same page), send (POST)."""
    vendor_id = vendor_id_of(request.user)
    start = ProofStartForm(request.POST or request.GET or None, vendor_id=vendor_id)
    workers, existing = [], {}
    if start.is_bound and start.is_valid():
        project, month = start.cleaned_data["project"], start.cleaned_data["month"]
        workers = list(proofs.active_workers(vendor_id=vendor_id, project_id=project.pk, month=month))
        if not workers:
            start.add_error("month", _("None of your workers was on this project in %(month)s.")
                            % {"month": f"{month:%Y-%m}"})  # fmt: skip
        proof = MonthlyProof.objects.filter(vendor_id=vendor_id, project=project, month=month).first()
        if proof is not None:
            existing = {line.worker_id: line for line in proof.lines.all()}
        if request.method == "POST" and workers:
            try:
                lines = proof_lines(request.POST, workers)
            except RuleViolation as exc:
                start.add_error(None, forms.ValidationError(str(exc.message), code=exc.code))
                lines = None
            saved = lines is not None and call_service(start, proofs.submit_proof, actor=request.user,
                                                       project=project, month=month, lines=lines)  # fmt: skip
            if saved:
                messages.success(request, _("Proofs of %(month)s sent. Attach the files on the next page.")
                                 % {"month": f"{month:%Y-%m}"})  # fmt: skip
                return redirect(saved.get_absolute_url())
    context = {"start": start, "rows": roster_rows(workers, existing), "columns": ROSTER_COLUMNS}
    return render(request, "workforce/proof_form.html", context)


@require_perm("workforce.view_proofs")
def proof_detail(request, pk: int, check_form: CheckForm | None = None, list_form: InsuranceListForm | None = None):
    proof = proof_or_404(request, pk)
    gaps, missing = proofs.proof_gaps(proof)
    context = {
        "proof": proof,
        "gaps": gaps,
        "missing_files": missing,
        "differences": proofs.insurance_differences(proof),
        "insurance_list": proofs.insurance_list_of(proof),
        "list_form": (list_form or InsuranceListForm()) if request.user.has_perm("workforce.attach_monthlyproof", proof)
        else None,
        "lines": sorted(proof.lines.all(), key=lambda line: line.worker.badge_number),
        "check_form": (check_form or CheckForm()) if request.user.has_perm("workforce.check_proofs")
        and proof.status == ProofStatus.SUBMITTED else None,
        "may_resubmit": request.user.has_perm("workforce.submit_proofs") and proof.status != ProofStatus.ACCEPTED,
    }  # fmt: skip
    return render(request, "workforce/proof_detail.html", context)


@require_perm("workforce.check_proofs")
def proof_check(request, pk: int):
    if request.method != "POST":
        return redirect("workforce:proof_detail", pk=pk)
    proof = proof_or_404(request, pk)
    form = CheckForm(request.POST)
    if form.is_valid() and call_service(form, proofs.check_proof, actor=request.user, proof=proof,
                                        accept=form.cleaned_data["decision"] == "accept",
                                        note=form.cleaned_data["note"]):  # fmt: skip
        messages.success(request, _("The check is recorded."))
        return redirect(proof.get_absolute_url())
    return proof_detail(request, pk, check_form=form)


@require_perm("workforce.submit_proofs")
def proof_insurance_list(request, pk: int):
    """The vendor uploads the month's social-insurance list (WRK-6, loophole 7); the file is read, not kept."""
    if request.method != "POST":
        return redirect("workforce:proof_detail", pk=pk)
    proof = proof_or_404(request, pk)
    form = InsuranceListForm(request.POST, request.FILES)
    if form.is_valid() and call_service(form, insurance_list.upload_insurance_list, actor=request.user, proof=proof,
                                        upload=form.cleaned_data["file"]):  # fmt: skip
        messages.success(request, _("The social-insurance list is read and compared with the roster."))
        return redirect(proof.get_absolute_url() + "#insurance-list")
    return proof_detail(request, pk, list_form=form)


STABILITY_COLUMNS = [
    Column(gettext_lazy("Vendor"), lambda r: r.vendor, 28),
    Column(gettext_lazy("Project"), lambda r: r.project, 16),
    Column(gettext_lazy("Month"), lambda r: f"{r.month:%Y-%m}", 10),
    Column(gettext_lazy("Headcount at month start"), lambda r: r.opening, 12),
    Column(gettext_lazy("Headcount at month end"), lambda r: r.headcount, 12),
    Column(gettext_lazy("Joiners"), lambda r: r.joiners, 10),
    Column(gettext_lazy("Leavers"), lambda r: r.leavers, 10),
    Column(gettext_lazy("Turnover (%)"), lambda r: r.turnover, 12),
]


@require_perm("workforce.view_stability")
def stability(request):
    this_month = today().replace(day=1)
    default_start = selectors.months_back(this_month, 11)
    form = StabilityForm(request.GET or None, initial={"start": default_start, "end": this_month})
    start, end = default_start, this_month
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = selectors.stability(request.user, months=selectors.months_between(start, end))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Staff stability"), sheet=_("Staff stability"), columns=STABILITY_COLUMNS,
                             rows=rows)  # fmt: skip
    return render(request, "workforce/stability.html", {"form": form, "rows": rows, "start": start, "end": end})
