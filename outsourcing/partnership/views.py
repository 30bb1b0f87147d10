"""Improvement proposal pages (PTN-1, PTN-2): the list with its Excel export, the vendor's proposal in the portal,
and the proposal's page where the department answers, adopts with the share and measures the saving, and finance
confirms it into the settlement."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.partnership import proposals, selectors, spreadsheets
from outsourcing.partnership.forms import (
    AdoptForm,
    BenefitForm,
    DeclineForm,
    ProposalFilterForm,
    ProposalForm,
    StageForm,
)
from outsourcing.partnership.models import Proposal
from outsourcing.partnership.permissions import available_actions


def proposal_or_404(request, pk: int) -> Proposal:
    try:
        return selectors.proposal_for(request.user, pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("partnership.view_proposals")
def proposal_list(request):
    filter_form = ProposalFilterForm(request.GET or None)
    found = selectors.proposals_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Improvement proposals"), sheet=_("Improvement proposals"),
                             columns=spreadsheets.PROPOSAL_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "partnership/proposal_list.html", {"page": page, "filter_form": filter_form})


@require_perm("partnership.submit_proposals")
def proposal_create(request):
    contracts = selectors.contracts_for_proposals(request.user)
    form = ProposalForm(request.POST or None, contracts=contracts)
    if request.method == "POST" and form.is_valid():
        proposal = call_service(form, proposals.submit_proposal, actor=request.user,
                                data=proposals.ProposalData(**form.cleaned_data))  # fmt: skip
        if proposal:
            messages.success(request, _("%(number)s is submitted: the company answers by %(day)s.")
                             % {"number": proposal.number, "day": proposal.answer_due.isoformat()})  # fmt: skip
            return redirect(proposal.get_absolute_url())
    return render(request, "partnership/proposal_form.html", {"form": form, "contracts": contracts})


def _detail(request, proposal: Proposal, **forms):
    actions = available_actions(request.user, proposal)
    context = {
        "proposal": proposal, "actions": actions, "internal": not request.user.is_vendor_user,
        "benefits": list(proposal.benefits.all()),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "adopt_form": forms.get("adopt_form") or AdoptForm(),
        "benefit_form": forms.get("benefit_form") or BenefitForm(),
    }  # fmt: skip
    return render(request, "partnership/proposal_detail.html", context)


@require_perm("partnership.view_proposals")
def proposal_detail(request, pk: int):
    return _detail(request, proposal_or_404(request, pk))


@require_POST
@require_perm("partnership.view_proposals")
def proposal_stage(request, pk: int):
    proposal = proposal_or_404(request, pk)
    form = StageForm(request.POST)
    if form.is_valid():
        proposals.advance_proposal(actor=request.user, proposal=proposal, to=form.cleaned_data["to"],
                                   note=form.cleaned_data["note"])  # fmt: skip
        messages.success(request, _("The proposal's stage is recorded; the vendor is told."))
    return redirect(proposal.get_absolute_url())


def _answer(request, pk: int, form_class, service, form_key: str, done: str):
    """Run one of the department's answers from its form on the proposal's page (errors beside their fields)."""
    proposal = proposal_or_404(request, pk)
    form = form_class(request.POST)
    if form.is_valid() and call_service(form, service, actor=request.user, proposal=proposal, **form.cleaned_data):
        messages.success(request, done)
        return redirect(proposal.get_absolute_url())
    return _detail(request, proposal, **{form_key: form})


@require_POST
@require_perm("partnership.view_proposals")
def proposal_decline(request, pk: int):
    return _answer(request, pk, DeclineForm, proposals.decline_proposal, "decline_form",
                   _("The proposal is declined with the reason; the vendor is told."))  # fmt: skip


@require_POST
@require_perm("partnership.view_proposals")
def proposal_adopt(request, pk: int):
    return _answer(request, pk, AdoptForm, proposals.adopt_proposal, "adopt_form",
                   _("The proposal is adopted with the agreed gain share."))  # fmt: skip


@require_POST
@require_perm("partnership.view_proposals")
def benefit_record(request, pk: int):
    return _answer(request, pk, BenefitForm, proposals.record_benefit, "benefit_form",
                   _("The realised saving is recorded; finance confirms it."))  # fmt: skip


@require_POST
@require_perm("partnership.view_proposals")
def benefit_confirm(request, pk: int, benefit_pk: int):
    proposal = proposal_or_404(request, pk)
    benefit = next((b for b in proposal.benefits.all() if b.pk == benefit_pk), None)
    if benefit is None:
        raise Http404
    benefit = proposals.confirm_benefit(actor=request.user, benefit=benefit)
    if benefit.settlement_line_id:
        messages.success(
            request,
            _("Confirmed: the gain share %(amount)s is a line of settlement %(number)s.")
            % {"amount": benefit.share_amount, "number": benefit.settlement_line.settlement.number},
        )
    else:
        messages.success(request, _("Confirmed: no gain share falls due for this month."))
    return redirect(proposal.get_absolute_url())
