"""Performance pages, part two: evaluations with the vendor's answer and the dispute's resolution (PRF-6),
rectification plans and PIPs (PRF-7), and the contract's dashboard shared with the vendor (PRF-4)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract
from outsourcing.core.excel import xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.operations.selectors import scoped
from outsourcing.org.models import Role, User
from outsourcing.performance import evaluations, improvement, selectors, spreadsheets
from outsourcing.performance.forms import (
    ClosePipForm,
    DecidePlanForm,
    EvaluateForm,
    EvaluationFilterForm,
    ExtendForm,
    MilestoneDoneForm,
    MilestoneForm,
    PipPlanForm,
    PlanForm,
    ResolveForm,
)
from outsourcing.performance.models import Evaluation, Pip, RectificationPlan
from outsourcing.performance.permissions import available_actions
from outsourcing.vendors.permissions import vendor_id_of


def hr_people():
    return User.objects.filter(is_active=True, role_assignments__role=Role.HR).distinct().order_by("full_name")


# --- evaluations (PRF-6)


@require_perm("performance.view_performance")
def evaluation_list(request):
    filter_form = EvaluationFilterForm(request.GET or None)
    found = selectors.evaluations_for(request.user, **filter_form.filters())
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Performance evaluations"), sheet=_("Performance evaluations"),
                             columns=spreadsheets.EVALUATION_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "performance/evaluation_list.html", {"page": page, "filter_form": filter_form})


@require_perm("performance.draft_slas")
def evaluation_create(request):
    contracts = selectors.live_contracts(request.user, perm="performance.evaluate")
    form = EvaluateForm(request.POST or None, contracts=Contract.objects.filter(pk__in=[c.pk for c in contracts])
                        .select_related("vendor"), initial={"contract": request.GET.get("contract")})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluation = call_service(form, evaluations.evaluate, actor=request.user, contract=data["contract"],
                                  day=data["day"], comments=data["comments"])  # fmt: skip
        if evaluation:
            messages.success(
                request,
                _("%(number)s is computed: check it and publish it to the vendor.") % {"number": evaluation.number},
            )
            return redirect(evaluation.get_absolute_url())
    return render(request, "performance/evaluation_form.html", {"form": form})


def _evaluation_or_404(request, pk: int) -> Evaluation:
    try:
        return selectors.evaluation_for(request.user, pk)
    except Evaluation.DoesNotExist as exc:
        raise Http404 from exc


def _detail(request, evaluation: Evaluation, *, resolve_form=None, answer_errors=None):
    actions = available_actions(request.user, evaluation)
    items = list(evaluation.items.all())
    context = {
        "evaluation": evaluation,
        "items": items,
        "actions": actions,
        "internal": not request.user.is_vendor_user,
        "answer_errors": answer_errors or [],
        "resolve_form": resolve_form or (ResolveForm(hr_people=hr_people()) if "resolve" in actions else None),
        "plan": getattr(evaluation, "rectification", None) if hasattr(evaluation, "rectification") else None,
    }
    return render(request, "performance/evaluation_detail.html", context)


@require_perm("performance.view_performance")
def evaluation_detail(request, pk: int):
    return _detail(request, _evaluation_or_404(request, pk))


@require_POST
@require_perm("performance.view_performance")
def evaluation_publish(request, pk: int):
    evaluation = _evaluation_or_404(request, pk)
    evaluation = evaluations.publish(actor=request.user, evaluation=evaluation)
    messages.success(
        request, _("Published: the vendor confirms or disputes by %(day)s.") % {"day": evaluation.answer_by}
    )
    return redirect(evaluation.get_absolute_url())


@require_POST
@require_perm("performance.view_performance")
def evaluation_discard(request, pk: int):
    evaluation = _evaluation_or_404(request, pk)
    evaluations.discard_draft(actor=request.user, evaluation=evaluation)
    messages.success(request, _("The draft is discarded."))
    return redirect("performance:evaluation_list")


@require_POST
@require_perm("performance.view_performance")
def evaluation_answer(request, pk: int):
    """The vendor's answer: a reason beside an item disputes it; none confirms the whole evaluation."""
    evaluation = _evaluation_or_404(request, pk)
    disputes = {}
    for key, value in request.POST.items():
        if key.startswith("reason_") and key[7:].isdigit() and value.strip():
            disputes[int(key[7:])] = value
    evaluation = evaluations.answer(actor=request.user, evaluation=evaluation, disputes=disputes)
    messages.success(request, _("Your disputes are sent to the company.") if disputes else
                     _("The evaluation is confirmed."))  # fmt: skip
    return redirect(evaluation.get_absolute_url())


@require_POST
@require_perm("performance.view_performance")
def evaluation_resolve(request, pk: int):
    evaluation = _evaluation_or_404(request, pk)
    form = ResolveForm(request.POST, hr_people=hr_people())
    if form.is_valid():
        data = form.cleaned_data
        done = call_service(form, evaluations.resolve, actor=request.user, evaluation=evaluation, item=data["item"],
                            outcome=data["outcome"], reason=data["reason"], with_hr=data["with_hr"],
                            score=data["score"])  # fmt: skip
        if done:
            messages.success(request, _("The item is resolved."))
            return redirect(evaluation.get_absolute_url())
    return _detail(request, evaluation, resolve_form=form)


# --- rectification plans and PIPs (PRF-7)


@require_perm("performance.view_performance")
def improvement_list(request):
    plans = selectors.plans_for(request.user)
    pips = selectors.pips_for(request.user)
    if request.GET.get("export") == "plans":
        return xlsx_response(filename=_("Rectification plans"), sheet=_("Rectification plans"),
                             columns=spreadsheets.PLAN_COLUMNS, rows=plans)  # fmt: skip
    if request.GET.get("export") == "pips":
        return xlsx_response(filename=_("Performance improvement plans"), sheet=_("PIPs"),
                             columns=spreadsheets.PIP_COLUMNS, rows=pips)  # fmt: skip
    return render(request, "performance/improvement_list.html", {"plans": plans[:100], "pips": pips[:100]})


def _plan_or_404(request, pk: int) -> RectificationPlan:
    try:
        return selectors.plan_for(request.user, pk)
    except RectificationPlan.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("performance.view_performance")
def plan_detail(request, pk: int):
    plan = _plan_or_404(request, pk)
    actions = available_actions(request.user, plan)
    plan_form = PlanForm(
        request.POST or None,
        initial={
            "root_cause": plan.root_cause,
            "actions": plan.actions,
            "owner": plan.owner,
            "deadline": plan.deadline,
        },
    )
    decide_form = DecidePlanForm(request.POST or None)
    if request.method == "POST":
        if "submit" in actions and plan_form.is_valid():
            if call_service(
                plan_form, improvement.submit_plan, actor=request.user, plan=plan, **plan_form.cleaned_data
            ):
                messages.success(request, _("The plan is sent to the company."))
                return redirect(plan.get_absolute_url())
        elif "decide" in actions and decide_form.is_valid():
            data = decide_form.cleaned_data
            if call_service(decide_form, improvement.decide_plan, actor=request.user, plan=plan,
                            accept=data["decision"] == "accept", reason=data["reason"]):  # fmt: skip
                messages.success(request, _("The decision is sent to the vendor."))
                return redirect(plan.get_absolute_url())
    return render(
        request,
        "performance/plan_detail.html",
        {
            "plan": plan,
            "actions": actions,
            "plan_form": plan_form if "submit" in actions else None,
            "decide_form": decide_form if "decide" in actions else None,
            "internal": not request.user.is_vendor_user,
        },
    )


def _pip_or_404(request, pk: int) -> Pip:
    try:
        return selectors.pip_for(request.user, pk)
    except Pip.DoesNotExist as exc:
        raise Http404 from exc


PIP_ACTIONS = {
    "plan": (PipPlanForm, lambda pip, d: {"root_cause": d["root_cause"], "actions": d["actions"]},
             improvement.plan_pip),
    "milestone": (MilestoneForm, lambda pip, d: d, improvement.add_milestone),
    "done": (MilestoneDoneForm, lambda pip, d: {"milestone": pip.milestones.get(pk=d["milestone"]),
                                                "evidence": d["evidence"]}, improvement.complete_milestone),
    "extend": (ExtendForm, lambda pip, d: d, improvement.extend_pip),
    "close": (ClosePipForm, lambda pip, d: {"passed": d["outcome"] == "passed", "verification": d["verification"]},
              improvement.close_pip),
}  # fmt: skip


@require_perm("performance.view_performance")
def pip_detail(request, pk: int):
    pip = _pip_or_404(request, pk)
    may_manage = request.user.has_perm("performance.manage_pip", pip)
    forms = {name: spec[0](prefix=name) for name, spec in PIP_ACTIONS.items()} if may_manage else {}
    if request.method == "POST" and may_manage:
        action = request.POST.get("action", "")
        if action in PIP_ACTIONS:
            form_class, arguments, service = PIP_ACTIONS[action]
            form = forms[action] = form_class(request.POST, prefix=action)
            if form.is_valid():
                try:
                    kwargs = arguments(pip, form.cleaned_data)
                except pip.milestones.model.DoesNotExist as exc:
                    raise Http404 from exc
                target = {"pip": pip} if action != "done" else {}
                if call_service(form, service, actor=request.user, **target, **kwargs) is not None:
                    messages.success(request, _("Saved."))
                    return redirect(pip.get_absolute_url())
    if "plan" in forms and not forms["plan"].is_bound:
        forms["plan"] = PipPlanForm(prefix="plan", initial={"root_cause": pip.root_cause, "actions": pip.actions})
    return render(
        request,
        "performance/pip_detail.html",
        {
            "pip": pip,
            "forms": forms,
            "may_manage": may_manage,
            "internal": not request.user.is_vendor_user,
            "proposal": getattr(pip, "proposal", None) if hasattr(pip, "proposal") else None,
        },
    )


# --- the dashboard (PRF-4)


@require_perm("performance.view_performance")
def dashboard(request, pk: int):
    """Each KPI's actual against its target over the periods, with the bands; shared with the vendor."""
    try:
        contract = scoped(request.user, Contract.objects.all(), contract="").select_related("vendor").get(pk=pk)
    except Contract.DoesNotExist as exc:
        raise Http404 from exc
    found = selectors.dashboard(contract, day=today())
    results = selectors.contract_results([contract.pk]).get(contract.pk, [])
    return render(
        request,
        "performance/dashboard.html",
        {
            "contract": contract,
            "sla": found["sla"],
            "charts": found["charts"],
            "results": results[:12],
            "internal": not request.user.is_vendor_user,
        },
    )


@require_perm("performance.view_performance")
def dashboards(request):
    """The contracts the user may see that have an SLA, each linking to its dashboard (the vendor's portal)."""
    with_sla = Contract.objects.filter(sla_versions__status=ApprovalState.APPROVED).distinct()
    contracts = scoped(request.user, with_sla, contract="")
    return render(
        request,
        "performance/dashboards.html",
        {"contracts": contracts.select_related("vendor").order_by("-start_date")[:200],
         "own_vendor": vendor_id_of(request.user) if request.user.is_vendor_user else None},  # fmt: skip
    )
