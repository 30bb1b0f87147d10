"""Approval pages: my inbox with in-place decisions, flow definitions, delegations."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.approvals import batch, delegation, flows, selectors, services
from outsourcing.approvals.forms import DecisionForm, DelegationForm, FlowForm, StepFormSet
from outsourcing.approvals.models import ApprovalFlow, Decision, Delegation
from outsourcing.core.errors import RuleViolation
from outsourcing.core.forms import call_service
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.org.models import Department

PAGE_SIZE = 30
DONE_MESSAGES = {
    Decision.APPROVE: gettext_lazy("Approved."),
    Decision.RETURN: gettext_lazy("Returned to the submitter for revision."),
    Decision.REJECT: gettext_lazy("Rejected."),
}


def _filters(request) -> dict:
    kinds = dict(selectors.document_kinds())
    kind = request.GET.get("kind", "")
    return {"document_type": kind if kind in kinds else "", "text": request.GET.get("q", "").strip()[:100]}


def _centre(request, template: str, rows, **extra):
    """One tab of the approval centre: its rows a page at a time, with the kind and text filters kept."""
    filters = _filters(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {"page": page, "kinds": selectors.document_kinds(), "kind": filters["document_type"], "q": filters["text"],
         **extra},
    )  # fmt: skip


@require_perm("approvals.view_inbox")
def inbox(request):
    """待我处理: decide in place, or tick several steps of one kind and approve them with one comment."""
    rows = selectors.waiting_for_me(request.user, **_filters(request)).prefetch_related("request__document")
    return _centre(request, "approvals/inbox.html", rows, batch_limit=batch.BATCH_LIMIT)


@require_perm("approvals.view_inbox")
def decided(request):
    """我已处理: what I decided, newest first."""
    return _centre(request, "approvals/decided.html", selectors.decided_by_me(request.user, **_filters(request)))


@require_perm("approvals.view_inbox")
def submitted(request):
    """我发起的: what I submitted for approval and the step each is waiting at."""
    return _centre(request, "approvals/submitted.html", selectors.submitted_by_me(request.user, **_filters(request)))


@require_POST
@require_perm("approvals.view_inbox")
def batch_approve(request):
    """Approve the ticked steps with one comment: all of them or, if any may not be approved, none (the page
    names each step that blocks, with its code, and keeps the ticks and the comment)."""
    ids = {int(value) for value in request.POST.getlist("tasks") if value.isdigit()}
    comment = request.POST.get("comment", "")
    try:
        tasks = batch.chosen_steps(request.user, ids)
        decided_tasks = batch.approve_batch(tasks=tasks, actor=request.user, comment=comment)
    except RuleViolation as exc:
        rows = selectors.waiting_for_me(request.user, **_filters(request)).prefetch_related("request__document")
        # The page answers 200 with the refusal beside the ticks, as every refused form here does.
        return _centre(request, "approvals/inbox.html", rows, batch_limit=batch.BATCH_LIMIT, refusal=exc,
                       chosen=ids, batch_comment=comment)  # fmt: skip
    messages.success(request, _("%(count)s steps approved.") % {"count": len(decided_tasks)})
    return redirect(f"{reverse('approvals:inbox')}?{request.GET.urlencode()}")


@require_POST
@require_perm("approvals.view_inbox")
def decide(request, pk: int):
    task = get_object_or_404(selectors.tasks_in_scope(request.user).select_related("request"), pk=pk)
    form = DecisionForm(request.POST)
    error = error_code = None
    if form.is_valid():
        try:
            task = services.decide(
                task=task,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except RuleViolation as exc:
            error, error_code = str(exc.message), exc.code  # the page names the same code as the API
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        task = (
            selectors.tasks_in_scope(request.user)
            .select_related("request__submitter", "request__department", "decided_by", "on_behalf_of", "department")
            .get(pk=task.pk)
        )
        return render(
            request,
            "approvals/_task_row.html",
            {
                "task": task,
                "error": error,
                "error_code": error_code,
                "done": error is None,
                "comment": request.POST.get("comment", ""),
                "inbox_count": selectors.inbox_count(request.user),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, DONE_MESSAGES[form.cleaned_data["decision"]])
    return redirect("approvals:inbox")


@require_perm("approvals.manage_flows")
def flow_list(request):
    return render(request, "approvals/flow_list.html", {"flows": selectors.flows()})


@require_perm("approvals.manage_flows")
def flow_edit(request, pk: int):
    flow = get_object_or_404(ApprovalFlow, pk=pk)
    initial_steps = [
        {
            "position": s.position,
            "name": s.name,
            "role": s.role,
            "scope": s.scope,
            "department": s.department_id,
            "condition": s.condition,
            "min_amount": s.min_amount,
            "categories": s.categories,
        }
        for s in flow.steps.all()
    ]
    form = FlowForm(
        request.POST or None,
        initial={"name": flow.name, "matrix_document_type": flow.matrix_document_type, "is_active": flow.is_active},
    )
    formset = StepFormSet(request.POST or None, initial=initial_steps, prefix="steps")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        departments = Department.objects.in_bulk()
        steps = [
            flows.StepDraft(
                position=f.cleaned_data["position"],
                name=f.cleaned_data["name"],
                role=f.cleaned_data["role"],
                scope=f.cleaned_data["scope"],
                department=departments.get(f.cleaned_data["department"]),
                condition=f.cleaned_data["condition"],
                min_amount=f.cleaned_data["min_amount"],
                categories=tuple(f.cleaned_data["categories"]),
            )
            for f in formset.filled_forms()
        ]
        saved = call_service(
            form,
            flows.save_flow,
            actor=request.user,
            flow=flow,
            name=form.cleaned_data["name"],
            is_active=form.cleaned_data["is_active"],
            matrix_document_type=form.cleaned_data["matrix_document_type"],
            steps=steps,
        )
        if saved:
            messages.success(request, _("Approval flow %(name)s saved.") % {"name": saved.name})
            return redirect("approvals:flow_list")
    return render(request, "approvals/flow_form.html", {"flow": flow, "form": form, "formset": formset})


@require_perm("approvals.delegate")
def delegations(request):
    form = DelegationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = call_service(
            form,
            delegation.delegate,
            actor=request.user,
            delegate_to=data["delegate"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
        )
        if created:
            messages.success(request, _("Delegation to %(who)s saved.") % {"who": created.delegate})
            return redirect("approvals:delegations")
    return render(
        request,
        "approvals/delegations.html",
        {"form": form, "delegations": selectors.my_delegations(request.user), "today": today()},
    )


@require_POST
@require_perm("approvals.delegate")
def delegation_cancel(request, pk: int):
    delegation = get_object_or_404(Delegation, pk=pk, delegator=request.user)
    if delegation.cancelled:
        raise Http404
    delegation.cancel_delegation(actor=request.user, delegation=delegation)
    messages.success(request, _("Delegation cancelled."))
    return redirect("approvals:delegations")
