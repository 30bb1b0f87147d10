"""Pages of the vendor's side of each period: its performance reports (PRF-5) and its feedback on the company
(PRF-8), written in the portal; the company reads the reports, the project owner and HR the feedback."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from outsourcing.contracts.models import Contract
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.performance import reports, selectors, spreadsheets
from outsourcing.performance.forms import FeedbackForm, ReportForm
from outsourcing.performance.models import VendorReport


@require_perm("performance.view_performance")
def report_list(request):
    found = selectors.reports_for(request.user)
    feedback = selectors.feedback_for(request.user) if request.user.has_perm("performance.view_feedback") else None
    if request.GET.get("export") == "reports":
        return xlsx_response(filename=_("Vendor's performance reports"), sheet=_("Reports"),
                             columns=spreadsheets.REPORT_COLUMNS, rows=found)  # fmt: skip
    if request.GET.get("export") == "feedback" and feedback is not None:
        return xlsx_response(filename=_("Vendor feedback"), sheet=_("Feedback"), columns=spreadsheets.FEEDBACK_COLUMNS,
                             rows=feedback)  # fmt: skip
    return render(request, "performance/report_list.html", {
        "reports": found[:100], "feedback": feedback[:100] if feedback is not None else None,
        "may_report": bool(_contracts(request))})  # fmt: skip


def _contracts(request):
    if not request.user.is_vendor_user:
        return Contract.objects.none()
    ids = [c.pk for c in selectors.live_contracts(request.user, perm="performance.report_period")]
    return Contract.objects.filter(pk__in=ids).select_related("vendor")


@require_perm("performance.view_performance")
def report_detail(request, pk: int):
    """One period report with its annexes (PRF-5): the vendor's site manager attaches them."""
    try:
        report = selectors.report_for(request.user, pk)
    except VendorReport.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "performance/report_detail.html", {"report": report})


@require_perm("performance.view_performance")
def report_create(request):
    form = ReportForm(request.POST or None, contracts=_contracts(request))
    report = None
    if request.method == "POST" and form.is_valid():
        report = call_service(form, reports.submit_report, actor=request.user, **form.cleaned_data)
    if report is not None:
        messages.success(request, _("The report is sent to the company: attach its annexes below."))
        return redirect(report)
    return render(request, "performance/report_form.html", {"form": form, "title": _("Submit a performance report")})


@require_perm("performance.view_performance")
def feedback_create(request):
    form = FeedbackForm(request.POST or None, contracts=_contracts(request))
    done = request.method == "POST" and form.is_valid()
    if done and call_service(form, reports.give_feedback, actor=request.user, **form.cleaned_data):
        messages.success(request, _("Thank you: your feedback is sent to the project owner and HR."))
        return redirect("performance:report_list")
    return render(request, "performance/report_form.html", {"form": form, "title": _("Feedback on the company")})
