"""The approval engine's writes for a document: submit and decide (WF-2, WF-3); delegation is in `delegation.py`,
flow definitions in `flows.py`.

A document plugs in through `registry.Approvable` and its kind's hooks; the engine calls `finished` inside the
same transaction as the decision that finishes a round, so the document and its approval never
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outsourcing.approvals import registry
from outsourcing.approvals.errors import ErrorCode
from outsourcing.approvals.models import (
    DECISION_STATUS,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalTask,
    Decision,
    RequestStatus,
    StepCondition,
    StepScope,
    TaskStatus,
)
from outsourcing.approvals.selectors import acting_principal
from outsourcing.core.errors import Blocked, Conflict, RuleViolation
from outsourcing.core.notices import Notice, resolve, send
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, Department, Role, RoleAssignment, User
from outsourcing.org.permissions import department_ancestor_ids
from outsourcing.org.selectors import current_authority_matrix, required_approval_levels

# ---------------------------------------------------------------------------------------------------
# Submitting


@dataclass(frozen=True)
class PlannedTask:
    position: int
    name: str
    role: str
    department: Department | None


def _plan(flow: ApprovalFlow, document, amount, matrix_version) -> list[PlannedTask]:
    steps = list(flow.steps.select_related("department").order_by("position", "id"))
    levels: set[str] = set()
    if flow.matrix_document_type:
        levels = required_approval_levels(
            document_type=flow.matrix_document_type, amount=amount or 0, version=matrix_version
        )
        missing = levels - {step.role for step in steps}
        if missing:
            raise RuleViolation(
                ErrorCode.MATRIX_LEVEL_MISSING,
                _(
                    "The authority matrix requires approval by %(levels)s for this amount, but the flow "
                    "“%(flow)s” has no such step. Ask the administrator to add it."
                )
                % {"levels": "、".join(str(Role(level).label) for level in sorted(missing)), "flow": flow.name},
            )
    planned = []
    for step in steps:
        if step.condition == StepCondition.AUTHORITY_MATRIX and step.role not in levels:
            continue
        if not step_applies(step, amount=amount, categories=document_categories(document)):
            continue
        if step.scope == StepScope.SUBMITTER_DEPARTMENT:
            department = document.approval_department()
        elif step.scope == StepScope.FIXED_DEPARTMENT:
            department = step.department
        else:
            department = None
        planned.append(PlannedTask(step.position, step.name, step.role, department))
    return planned


def document_categories(document) -> set[str]:
    source = getattr(document, "approval_categories", None)
    return set(source()) if source else set()


def step_applies(step, *, amount, categories: set[str]) -> bool:
    """WF-1: a step limited to an amount applies from it; one limited to categories, to documents of them."""
    if step.min_amount is not None and (amount is None or amount < step.min_amount):
        return False
    return not step.categories or bool(categories & set(step.categories))


def _check_someone_can_act(planned: list[PlannedTask], submitter: User) -> None:
    """Refuse a submission that would wait forever: every step needs someone other than the submitter."""
    for task in planned:
        holders = RoleAssignment.objects.filter(role=task.role, user__is_active=True).exclude(user=submitter)
        if task.role in DEPARTMENT_SCOPED_ROLES:
            holders = holders.filter(
                department_id__in=department_ancestor_ids(task.department) if task.department else []
            )
        if not holders.exists():
            where = _(" (%(department)s)") % {"department": task.department} if task.department else ""
            raise RuleViolation(
                ErrorCode.NOBODY_CAN_APPROVE,
                _("Nobody can approve the step “%(step)s”: no active user holds the role %(role)s%(where)s.")
                % {"step": task.name, "role": Role(task.role).label, "where": where},
            )


def _open_tasks(request: ApprovalRequest, position: int) -> list[ApprovalTask]:
    now = timezone.now()
    opened = list(request.tasks.filter(round=request.round, position=position, status=TaskStatus.WAITING))
    for task in opened:
        task.status = TaskStatus.PENDING
        task.opened_at = now
        task.save(update_fields=["status", "opened_at"])
    request.current_position = position
    request.save(update_fields=["current_position", "updated_at"])
    _notify_approvers(request, opened)
    return opened


@transaction.atomic
def submit(*, document, actor: User) -> ApprovalRequest:
    """Start (or, after a return, restart as a new round) the approval of `document`."""
    kind = registry.kind_for(document)
    flow = ApprovalFlow.objects.filter(document_type=kind.code, is_active=True).first()
    if flow is None:
        raise RuleViolation(
            ErrorCode.NO_FLOW, _("No active approval flow is defined for %(kind)s.") % {"kind": kind.label}
        )
    content_type = ContentType.objects.get_for_model(document)
    request = (
        ApprovalRequest.objects.select_for_update().filter(content_type=content_type, object_id=document.pk).first()
    )
    if request is not None:
        if request.status == RequestStatus.PENDING:
            raise Conflict(ErrorCode.ALREADY_IN_APPROVAL, _("This document is already in approval."))
        if request.status != RequestStatus.RETURNED:
            raise Conflict(ErrorCode.ALREADY_FINISHED, _("The approval of this document has already finished."))
        if request.submitter_id != actor.pk:
            raise RuleViolation(ErrorCode.NOT_SUBMITTER, _("Only the submitter can resubmit a returned document."))

    amount = document.approval_amount()
    matrix_version = current_authority_matrix()
    planned = _plan(flow, document, amount, matrix_version)
    if not planned:
        raise RuleViolation(ErrorCode.EMPTY_FLOW, _("The approval flow %(flow)s has no steps.") % {"flow": flow.name})
    _check_someone_can_act(planned, actor)

    now = timezone.now()
    if request is None:
        request = ApprovalRequest(content_type=content_type, object_id=document.pk, round=1, submitter=actor)
    else:
        request.round += 1
    request.flow = flow
    request.title = document.approval_title()[:200]
    request.amount = amount
    request.department = document.approval_department()
    request.matrix_version = matrix_version
    request.status = RequestStatus.PENDING
    request.submitted_at = now
    request.finished_at = None
    request.stamp(actor)
    request.save()
    for p in planned:  # one by one, so the audit trail records each task's creation
        ApprovalTask.objects.create(
            request=request,
            round=request.round,
            position=p.position,
            step_name=p.name,
            role=p.role,
            department=p.department,
        )
    _open_tasks(request, min(p.position for p in planned))
    return request


# ---------------------------------------------------------------------------------------------------
# Deciding


def _finish(request: ApprovalRequest, outcome: str, actor: User) -> None:
    request.status = outcome
    request.finished_at = timezone.now()
    request.current_position = None
    request.stamp(actor)
    request.save()
    for open_task in request.tasks.filter(round=request.round, status__in=[TaskStatus.WAITING, TaskStatus.PENDING]):
        open_task.status = TaskStatus.CANCELLED  # one by one, so the audit trail records each
        open_task.save(update_fields=["status"])
    document = request.document
    registry.kind_named(request.flow.document_type).finished(document, outcome=outcome, actor=actor)
    _notify_submitter(request, outcome)


def _check_blockers(request: ApprovalRequest, task: ApprovalTask) -> None:
    """A document may refuse to be approved at a step (its kind's optional `blockers` hook)."""
    document = request.document
    hook = registry.kind_named(request.flow.document_type).blockers
    reasons = hook(document, role=task.role) if hook is not None else []
    if reasons:
        raise Blocked(reasons, code=ErrorCode.APPROVAL_BLOCKED)


@transaction.atomic
def decide(*, task: ApprovalTask, actor: User, decision: str, comment: str = "") -> ApprovalTask:
    """Record one decision. Rejecting ends the approval; returning sends it back to the submitter; the
    last approval of the last step approves the document. Two people deciding the same step at once:
    the second is told it is already decided."""
    if decision not in Decision.values:
        raise RuleViolation(ErrorCode.BAD_DECISION, _("Unknown decision."))
    comment = (comment or "").strip()
    if decision in (Decision.REJECT, Decision.RETURN) and not comment:
        raise RuleViolation(
            ErrorCode.COMMENT_REQUIRED, _("Say why: a rejection or a return needs a comment."), field="comment"
        )
    # Lock the request first, then re-read the task: concurrent deciders queue here.
    request = ApprovalRequest.objects.select_for_update().get(pk=task.request_id)
    # Then the document (lock order: request, document), so its rules and its outcome see fresh data.
    request.document = request.content_type.model_class().objects.select_for_update().get(pk=request.object_id)
    task = ApprovalTask.objects.select_related("decided_by", "department").get(pk=task.pk)
    task.request = request
    if task.status != TaskStatus.PENDING:
        if task.decided_by_id:
            raise Conflict(
                ErrorCode.ALREADY_DECIDED,
                _("This step was already decided by %(who)s at %(when)s.")
                % {"who": task.decided_by, "when": timezone.localtime(task.decided_at).strftime("%Y-%m-%d %H:%M")},
            )
        raise Conflict(ErrorCode.ALREADY_DECIDED, _("This step is no longer waiting for a decision."))
    principal = acting_principal(actor, task)
    if principal is not None and decision == Decision.APPROVE:
        _check_blockers(request, task)
    if principal is None:
        raise RuleViolation(
            ErrorCode.NOT_YOUR_TASK,
            _("You cannot decide this step: it needs %(role)s and nobody decides on their own submission.")
            % {"role": Role(task.role).label},
        )

    task.status = DECISION_STATUS[decision]
    task.decided_by = actor
    task.on_behalf_of = principal if principal.pk != actor.pk else None
    task.comment = comment
    task.decided_at = timezone.now()
    task.save(update_fields=["status", "decided_by", "on_behalf_of", "comment", "decided_at"])

    if decision == Decision.REJECT:
        _finish(request, RequestStatus.REJECTED, actor)
    elif decision == Decision.RETURN:
        _finish(request, RequestStatus.RETURNED, actor)
    else:
        siblings = request.tasks.filter(round=request.round, position=task.position)
        if not siblings.exclude(status=TaskStatus.APPROVED).exists():
            later = (
                request.tasks.filter(round=request.round, position__gt=task.position, status=TaskStatus.WAITING)
                .order_by("position")
                .values_list("position", flat=True)
                .first()
            )
            if later is None:
                _finish(request, RequestStatus.APPROVED, actor)
            else:
                _open_tasks(request, later)
    _resolve_done_steps(request)
    return task


def task_notice_key(task_id: int) -> str:
    """The dedup key of the notice asking a step's approvers to decide: the to-do it resolves."""
    return f"approval-task:{task_id}"


def _resolve_done_steps(request: ApprovalRequest) -> None:
    """Every step of the round no longer waiting for a decision — decided by anyone, or not needed once the
    round ended — resolves its approvers' notices: they leave everybody's bell."""
    done = request.tasks.filter(round=request.round).exclude(status__in=(TaskStatus.PENDING, TaskStatus.WAITING))
    resolve(task_notice_key(pk) for pk in done.values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------------------
# Notices


def _notify_approvers(request: ApprovalRequest, tasks: list[ApprovalTask]) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # notices are stored text, in the company's language
        _send_approver_notices(request, tasks)


def _send_approver_notices(request: ApprovalRequest, tasks: list[ApprovalTask]) -> None:
    notices = []
    for task in tasks:
        holders = RoleAssignment.objects.filter(role=task.role, user__is_active=True).exclude(user=request.submitter_id)
        if task.role in DEPARTMENT_SCOPED_ROLES:
            holders = holders.filter(
                department_id__in=department_ancestor_ids(task.department) if task.department else []
            )
        for user_id in set(holders.values_list("user_id", flat=True)):
            notices.append(
                Notice(
                    recipient_id=user_id,
                    title=_("Waiting for your approval: %(title)s") % {"title": request.title},
                    body=_("Step: %(step)s. Submitted by %(who)s.")
                    % {"step": task.step_name, "who": request.submitter},
                    url=reverse("approvals:inbox"),
                    dedup_key=task_notice_key(task.pk),
                    kind="todo",
                )
            )
    send(notices)


def _notify_submitter(request: ApprovalRequest, outcome: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send_outcome_notice(request, outcome)


def _send_outcome_notice(request: ApprovalRequest, outcome: str) -> None:
    titles = {
        RequestStatus.APPROVED: _("Approved: %(title)s"),
        RequestStatus.REJECTED: _("Rejected: %(title)s"),
        RequestStatus.RETURNED: _("Returned for revision: %(title)s"),
    }
    send(
        [
            Notice(
                recipient_id=request.submitter_id,
                title=titles[outcome] % {"title": request.title},
                url=request.document.get_absolute_url(),
                level="warning" if outcome != RequestStatus.APPROVED else "info",
                dedup_key=f"approval-outcome:{request.pk}:{request.round}",
            )
        ]
    )
