"""Contract pages: the list, drafting from an award, the contract's page with every step of its life as
an action on it (clauses, review checklists, signing, archive, agreements, bond,
amendments, renewal, notices, exit), notice PDFs, templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts import (
    changes,
    closing,
    drafting,
    ending,
    letters,
    permissions,
    review,
    selectors,
    signing,
    textscreen,
)
from outsourcing.contracts.forms import (
    AgreementForm,
    AmendmentForm,
    ArchiveCopyForm,
    BondForm,
    ChecklistForm,
    ClauseForm,
    ContractFilterForm,
    ContractForm,
    ExitDoneForm,
    ExitItemForm,
    ExitStartForm,
    MilestoneFormSet,
    NoticeAnswerForm,
    NoticeForm,
    PostEvaluationForm,
    RenewalForm,
    ResumeForm,
    SigningForm,
    SuspendForm,
    TemplateForm,
    TerminationRequestForm,
    TerminationReviewForm,
    TextWarningAnswerForm,
)
from outsourcing.contracts.models import (
    BreachNotice,
    Contract,
    ContractStatus,
    ContractTemplate,
    CoreClause,
    ExitItem,
    NonRenewalNotice,
    PostProjectEvaluation,
)
from outsourcing.contracts.models_ending import RequestStatus
from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.sourcing.models import Award


def contract_or_404(request, pk: int) -> Contract:
    try:
        return selectors.contract_for(request.user, pk)
    except Contract.DoesNotExist as exc:
        raise Http404 from exc


EXPORT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda c: c.number, 16),
    Column(gettext_lazy("Title"), lambda c: c.title, 30),
    Column(gettext_lazy("Vendor"), lambda c: c.vendor.name, 28),
    Column(gettext_lazy("Project"), lambda c: c.project.number, 16),
    Column(gettext_lazy("From"), lambda c: c.start_date, 12),
    Column(gettext_lazy("Until"), lambda c: c.end_date, 12),
    Column(gettext_lazy("Contract amount (CNY)"), lambda c: c.amount, 16, money=True),
    Column(gettext_lazy("Pricing model"), lambda c: c.get_pricing_model_display(), 18),
    Column(gettext_lazy("Status"), lambda c: c.get_status_display(), 14),
]


@require_perm("contracts.list_contracts")
def contract_list(request):
    filter_form = ContractFilterForm(request.GET or None)
    found = selectors.contracts_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx" and not request.user.is_vendor_user:
        return xlsx_response(filename=_("Contracts"), sheet=_("Contracts"), columns=EXPORT_COLUMNS, rows=found)
    awards = []
    if request.user.has_perm("contracts.draft_contracts"):
        awards = [
            award
            for award in Award.objects.filter(status=ApprovalState.APPROVED, contracts__isnull=True).select_related(
                "event__project__department", "winner__vendor"
            )
            if request.user.has_perm("contracts.draft_for_project", award.event.project)
        ]
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "contracts/contract_list.html", {"page": page, "filter_form": filter_form, "awards": awards})


def _award_or_404(request, pk) -> Award:
    """An approved award the user may draft for; another department's award is not shown at all (ORG-1)."""
    try:
        award = Award.objects.select_related("event__project__department", "winner__vendor").get(
            pk=pk, status=ApprovalState.APPROVED
        )
    except (Award.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if not request.user.has_perm("contracts.draft_for_project", award.event.project):
        raise Http404
    return award


def _save(request, *, contract: Contract | None, award: Award | None):
    initial = (
        ContractForm.initial_from(contract)
        if contract
        else {
            "title": f"{award.event.project.name}服务合同",
            "amount": award.amount,
            "start_date": award.event.project.period_start,
            "end_date": award.event.project.period_end,
        }
    )
    form = ContractForm(request.POST or None, initial=initial)
    existing = (
        [{"name": m.name, "due_date": m.due_date, "amount": m.amount} for m in contract.milestones.all()]
        if contract
        else []
    )
    milestones = MilestoneFormSet(request.POST or None, initial=existing, prefix="milestones")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        data = form.to_data(milestones.items())
        if contract is None:
            saved = call_service(form, drafting.draft_from_award, actor=request.user, award=award, data=data)
        else:
            saved = call_service(form, drafting.update_draft, actor=request.user, contract=contract, data=data)
        if saved:
            messages.success(request, _("Contract %(number)s saved.") % {"number": saved.number})
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "contracts/contract_form.html",
        {"form": form, "milestones": milestones, "contract": contract, "award": award or (contract and contract.award)},
    )


@require_perm("contracts.draft_contracts")
def contract_create(request, award_pk: int):
    return _save(request, contract=None, award=_award_or_404(request, award_pk))


@require_perm("contracts.draft_contracts")
def contract_edit(request, pk: int):
    contract = contract_or_404(request, pk)
    if not contract.is_editable:
        messages.warning(request, _("A contract in review or signed is changed by an amendment."))
        return redirect(contract.get_absolute_url())
    return _save(request, contract=contract, award=None)


def _clause_rows(contract: Contract) -> list[dict]:
    covered = {c.clause: c.reference for c in contract.clauses.all()}
    return [{"label": clause.label, "reference": covered.get(clause.value, "")} for clause in CoreClause]


# Which form of the contract page offers which action of `permissions.available_actions`.
FORM_FOR_ACTION = {
    "clause_form": "edit_clauses",
    "signing_form": "sign",
    "archive_form": "archive",
    "agreement_form": "add_agreement",
    "bond_form": "add_bond",
    "amendment_form": "amend",
    "renewal_form": "decide_renewal",
    "notice_form": "draft_notice",
    "exit_start_form": "start_exit",
    "exit_item_form": "add_exit_item",
    "text_answer_form": "answer_text_warning",
    "suspend_form": "suspend",
    "resume_form": "resume",
    "termination_request_form": "request_termination",
    "termination_review_form": "review_termination_request",
    "evaluation_form": "evaluate_project",
}


def contract_page_context(request, contract: Contract, **forms) -> dict:
    user = request.user
    internal = not user.is_vendor_user
    drafter = user.has_perm("contracts.draft_for_project", contract.project)
    context = {
        "contract": contract,
        "internal": internal,
        "clause_rows": _clause_rows(contract),
        "missing_clauses": drafting.missing_clauses(contract),
        "blockers": drafting.signing_blockers(contract) if contract.status in (ContractStatus.DRAFT,
                                                                                ContractStatus.RETURNED) else [],
        "notices": selectors.notices_of(contract),
        "history": selectors.renewal_history(contract) if internal else None,
        "checklist": review.checklist_for(user, contract) if internal else None,
        "agreement": selectors.confidentiality_in_force(contract.vendor),
        "drafter": drafter,
        "days_left": (contract.end_date - today()).days if contract.end_date else None,
        "open_points": closing.open_points(contract) if internal and contract.status == ContractStatus.EXITING
        else [],
        # The co-review's warning on the contract's text and HR's answers (issue 15, loophole 8): reviewers only.
        "text_warnings": textscreen.warnings_for(contract) if internal else [],
        "text_answers": textscreen.answers_for(contract) if internal else [],
        "text_answered": internal and textscreen.is_answered(contract),
        # CON-10: suspensions, the vendor's termination requests, the notice of non-renewal, the evaluation.
        "suspensions": contract.suspensions.all(),
        "termination_requests": contract.termination_requests.select_related("decided_by"),
        "non_renewal_notices": contract.non_renewal_notices.all(),
        "post_evaluation": PostProjectEvaluation.objects.filter(contract=contract).first() if internal else None,
        "notice_deadline": ending.notice_deadline(contract) if contract.end_date else None,
    }  # fmt: skip
    actions = set(permissions.available_actions(user, contract))
    context["can_confirm_signature"] = "confirm_signature" in actions
    wanted = {form: action in actions for form, action in FORM_FOR_ACTION.items()}
    builders = {
        "clause_form": lambda: ClauseForm(contract=contract),
        "signing_form": SigningForm,
        "archive_form": ArchiveCopyForm,
        "agreement_form": AgreementForm,
        "bond_form": BondForm,
        "amendment_form": AmendmentForm,
        "renewal_form": RenewalForm,
        "notice_form": NoticeForm,
        "exit_start_form": lambda: ExitStartForm(initial={"due": contract.end_date}),
        "exit_item_form": ExitItemForm,
        "text_answer_form": TextWarningAnswerForm,
        "suspend_form": lambda: SuspendForm(initial={"starts_on": today()}),
        "resume_form": lambda: ResumeForm(initial={"resumed_on": today()}),
        "termination_request_form": TerminationRequestForm,
        "termination_review_form": TerminationReviewForm,
        "evaluation_form": PostEvaluationForm,
    }
    for name, shown in wanted.items():
        if shown:
            context[name] = forms.get(name) or builders[name]()
    if context["checklist"] is not None:
        context["checklist_form"] = forms.get("checklist_form") or ChecklistForm(role=context["checklist"]["role"])
    return context


def _pending_termination(contract: Contract):
    return contract.termination_requests.filter(status=RequestStatus.SUBMITTED).first()


def _review_arguments(request, contract, data) -> dict:
    pending = _pending_termination(contract)
    if pending is None:
        raise Http404
    return {"request": pending, "accept": data["decision"] == "accept", "note": data["note"]}


@require_perm("contracts.list_contracts")
def contract_detail(request, pk: int):
    contract = contract_or_404(request, pk)
    return render(request, "contracts/contract_detail.html", contract_page_context(request, contract))


@dataclass(frozen=True)
class Action:
    """One thing done on the contract's page: its form, the service, and how the form feeds the service."""

    form_name: str
    build: Callable
    service: Callable
    arguments: Callable  # (request, contract, cleaned_data) -> kwargs for the service
    done: str


def _checklist_form(request, contract, data=None):
    checklist = review.checklist_for(request.user, contract)
    if checklist is None:
        raise PermissionDenied
    return ChecklistForm(data, role=checklist["role"])


ACTIONS = {
    "clauses": Action("clause_form", lambda r, c, d: ClauseForm(d, contract=c), drafting.record_clauses,
                      lambda r, c, d: {"contract": c, "references": d}, gettext_lazy("Core clauses recorded.")),
    "checklist": Action("checklist_form", _checklist_form, review.check_items,
                        lambda r, c, d: {"contract": c, "items": d["items"], "note": d["note"]},
                        gettext_lazy("Your checklist is recorded.")),
    "text-warning-answer": Action("text_answer_form", lambda r, c, d: TextWarningAnswerForm(d),
                                  textscreen.answer_warning, lambda r, c, d: {"contract": c, **d},
                                  gettext_lazy("Your answer to the text warning is recorded.")),
    "sign": Action("signing_form", lambda r, c, d: SigningForm(d), signing.record_signing,
                   lambda r, c, d: {"contract": c, **d},
                   gettext_lazy("Signing and seal recorded: the contract is in force.")),
    "archive": Action("archive_form", lambda r, c, d: ArchiveCopyForm(d), signing.record_archive_copy,
                      lambda r, c, d: {"contract": c, **d}, gettext_lazy("Archive copy recorded.")),
    "agreement": Action("agreement_form", lambda r, c, d: AgreementForm(d), signing.record_confidentiality_agreement,
                        lambda r, c, d: {"vendor": c.vendor, "contract": c, **d},
                        gettext_lazy("Confidentiality agreement recorded.")),
    "bond": Action("bond_form", lambda r, c, d: BondForm(d), signing.record_bond,
                   lambda r, c, d: {"contract": c, **d}, gettext_lazy("Performance bond recorded.")),
    "amend": Action("amendment_form", lambda r, c, d: AmendmentForm(d), changes.propose_amendment,
                    lambda r, c, d: {"contract": c, **d}, gettext_lazy("The change is submitted for approval.")),
    "renewal": Action("renewal_form", lambda r, c, d: RenewalForm(d), changes.decide_renewal,
                      lambda r, c, d: {"contract": c, **d}, gettext_lazy("Your renewal decision is recorded.")),
    "notice": Action("notice_form", lambda r, c, d: NoticeForm(d), changes.draft_notice,
                     lambda r, c, d: {"contract": c, **d}, gettext_lazy("The notice is with legal for review.")),
    "exit": Action("exit_start_form", lambda r, c, d: ExitStartForm(d), changes.start_exit,
                   lambda r, c, d: {"contract": c, **d}, gettext_lazy("The exit and handover plan is open.")),
    "suspend": Action("suspend_form", lambda r, c, d: SuspendForm(d), ending.suspend_contract,
                      lambda r, c, d: {"contract": c, **d}, gettext_lazy("The contract is suspended.")),
    "resume": Action("resume_form", lambda r, c, d: ResumeForm(d), ending.resume_contract,
                     lambda r, c, d: {"contract": c, **d}, gettext_lazy("The service resumes.")),
    "termination-request": Action("termination_request_form", lambda r, c, d: TerminationRequestForm(d),
                                  ending.request_termination, lambda r, c, d: {"contract": c, **d},
                                  gettext_lazy("Your request is with the company's legal department.")),
    "termination-review": Action("termination_review_form", lambda r, c, d: TerminationReviewForm(d),
                                 ending.review_termination_request, _review_arguments,
                                 gettext_lazy("Your review of the termination request is recorded.")),
    "evaluation": Action("evaluation_form", lambda r, c, d: PostEvaluationForm(d), ending.record_post_evaluation,
                         lambda r, c, d: {"contract": c, **d},
                         gettext_lazy("The post-project evaluation is recorded.")),
    "exit_item": Action("exit_item_form", lambda r, c, d: ExitItemForm(d), changes.add_exit_item,
                        lambda r, c, d: {"contract": c, **d}, gettext_lazy("Exit item added.")),
}  # fmt: skip


VENDOR_ACTIONS = frozenset({"certificate", "termination-request"})


@require_POST
@require_perm("contracts.list_contracts")
def contract_action(request, pk: int, action: str):
    if action not in ACTIONS or request.user.is_vendor_user and action not in VENDOR_ACTIONS:
        raise Http404
    contract = contract_or_404(request, pk)
    step = ACTIONS[action]
    form = step.build(request, contract, request.POST)
    if form.is_valid():
        done = call_service(
            form, step.service, actor=request.user, **step.arguments(request, contract, form.cleaned_data)
        )
        if done:
            messages.success(request, str(step.done))
            return redirect(contract.get_absolute_url())
    context = contract_page_context(request, contract, **{step.form_name: form})
    return render(request, "contracts/contract_detail.html", context)


def _simple(request, pk: int, service, done: str, **kwargs):
    contract = contract_or_404(request, pk)
    service(actor=request.user, contract=contract, **kwargs)
    messages.success(request, done)
    return redirect(contract.get_absolute_url())


@require_POST
@require_perm("contracts.draft_contracts")
def contract_submit(request, pk: int):
    return _simple(
        request, pk, drafting.submit_for_review, _("The contract is with legal, HR, finance and the business.")
    )


@require_POST
@require_perm("contracts.approve_justification")
def justification_approve(request, pk: int):
    return _simple(request, pk, drafting.approve_headcount_justification, _("The justification is approved."))


@require_POST
@require_perm("contracts.use_portal")
def vendor_signature(request, pk: int):
    return _simple(request, pk, signing.vendor_confirms_signature, _("Your signature is confirmed."))


@require_POST
@require_perm("contracts.draft_contracts")
def contract_close(request, pk: int):
    return _simple(request, pk, changes.close_contract, _("The contract is closed."))


@require_POST
@require_perm("contracts.draft_contracts")
def exit_item_done(request, pk: int, item_pk: int):
    contract = contract_or_404(request, pk)
    try:
        item = contract.exit_items.get(pk=item_pk)
    except ExitItem.DoesNotExist as exc:
        raise Http404 from exc
    form = ExitDoneForm(request.POST)
    if form.is_valid() and call_service(form, changes.complete_exit_item, actor=request.user, item=item,
                                        evidence=form.cleaned_data["evidence"]):  # fmt: skip
        messages.success(request, _("“%(item)s” done.") % {"item": item.description})
    elif form.non_field_errors():  # a rule refused it: say which and why
        messages.error(request, " ".join(form.non_field_errors()))
    else:
        messages.error(request, _("Record the evidence that the item is done."))
    return redirect(contract.get_absolute_url() + "#exit")


def _notice_or_404(request, pk: int, notice_pk: int) -> BreachNotice:
    contract = contract_or_404(request, pk)
    try:
        return selectors.notices_of(contract).select_related("contract__vendor").get(pk=notice_pk)
    except BreachNotice.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("contracts.list_contracts")
def notice_pdf(request, pk: int, notice_pk: int):
    notice = _notice_or_404(request, pk, notice_pk)
    if notice.status != ApprovalState.APPROVED:
        raise Http404
    return pdf_response(letters.notice_pdf(notice), filename=f"{notice.get_kind_display()}-{notice.number}")


@require_perm("contracts.list_contracts")
def non_renewal_pdf(request, pk: int, notice_pk: int):
    """The notice of non-renewal as a letter (CON-10): the company and the vendor it went to."""
    contract = contract_or_404(request, pk)
    try:
        notice = contract.non_renewal_notices.select_related("contract__vendor").get(pk=notice_pk)
    except NonRenewalNotice.DoesNotExist as exc:
        raise Http404 from exc
    return pdf_response(letters.non_renewal_pdf(notice), filename=f"{_('Notice of non-renewal')}-{notice.number}")


@require_POST
@require_perm("contracts.use_portal")
def notice_answer(request, pk: int, notice_pk: int):
    notice = _notice_or_404(request, pk, notice_pk)
    form = NoticeAnswerForm(request.POST)
    if form.is_valid() and call_service(form, changes.vendor_answers_notice, actor=request.user, notice=notice,
                                        response=form.cleaned_data["response"]):  # fmt: skip
        messages.success(request, _("Your answer is sent."))
    else:
        messages.error(request, _("Write your answer."))
    return redirect(notice.contract.get_absolute_url() + "#notices")


@require_perm("contracts.view_contracts")
def template_list(request):
    form = TemplateForm(request.POST or None) if request.user.has_perm("contracts.manage_templates") else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and call_service(form, drafting.save_template, actor=request.user, **form.cleaned_data):
            messages.success(request, _("Template saved."))
            return redirect("contracts:templates")
    return render(request, "contracts/templates.html", {"templates": selectors.templates(), "form": form})


@require_POST
@require_perm("contracts.approve_templates")
def template_approve(request, pk: int):
    try:
        template = ContractTemplate.objects.get(pk=pk)
    except ContractTemplate.DoesNotExist as exc:
        raise Http404 from exc
    drafting.approve_template(actor=request.user, template=template)
    messages.success(request, _("%(template)s approved.") % {"template": template})
    return redirect("contracts:templates")
