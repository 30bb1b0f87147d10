"""The vendor's scorecard (PRF-4 per vendor) and the half-year and annual roll-ups page (PRF-9): each contract's
and vendor's averages, and HR's decisions on the proposals an annual result below the threshold makes (VEN-5)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.operations.selectors import scoped
from outsourcing.performance import rollups, scorecards
from outsourcing.performance.models import Evaluation, PoolProposal
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.permissions import vendor_id_of


class DecideForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("Decision"), choices=[
        ("suspended", gettext_lazy("Suspend the vendor")), ("removed", gettext_lazy("Remove from the pool")),
        ("dismiss", gettext_lazy("Dismiss the proposal"))])  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


@require_perm("performance.view_performance")
def rollup_list(request):
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError:
        year = today().year
    year = min(max(year, 2000), 2099)
    results = scoped(request.user, Evaluation.objects.all())
    contracts = rollups.rollup(results, year)
    names = {c.pk: c for c in Contract.objects.filter(pk__in=[r["id"] for r in contracts]).select_related("vendor")}
    for row in contracts:
        row["contract"] = names[row["id"]]
    vendors = []
    if not request.user.is_vendor_user:
        vendors = rollups.rollup(results, year, by="vendor")
        vendor_names = Vendor.objects.in_bulk([r["id"] for r in vendors])
        for row in vendors:
            row["vendor"] = vendor_names[row["id"]]
    proposals = []
    if request.user.has_perm("performance.decide_pool_proposal"):
        proposals = list(PoolProposal.objects.select_related("vendor").order_by("status", "-year")[:50])
    return render(request, "performance/rollup_list.html", {
        "year": year, "contracts": contracts, "vendors": vendors, "proposals": proposals,
        "threshold": rollups.threshold(), "form": DecideForm()})  # fmt: skip


@require_POST
@require_perm("performance.decide_pool_proposal")
def proposal_decide(request, pk: int):
    proposal = PoolProposal.objects.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the decision and give the reason."))
        return redirect("performance:rollup_list")
    rollups.decide(actor=request.user, proposal=proposal, **form.cleaned_data)
    messages.success(request, _("The decision is recorded."))
    return redirect("performance:rollup_list")


@require_perm("performance.view_performance")
def scorecard(request, pk: int):
    """The vendor's scorecard (PRF-4 per vendor): staff read the contracts they may see, the vendor its own."""
    if request.user.is_vendor_user and vendor_id_of(request.user) != pk:
        raise Http404
    vendor = Vendor.objects.filter(pk=pk).first()
    if vendor is None:
        raise Http404
    found = scorecards.vendor_scorecard(request.user, vendor, day=today())
    return render(request, "performance/scorecard.html", {**found, "internal": not request.user.is_vendor_user})
