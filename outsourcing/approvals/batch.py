"""Batch approval (WF-4): many steps of the same kind of document approved with one comment, as people know it
from 钉钉/飞书. Each step is still decided, checked and recorded one by one through `services.decide`; the batch
is all or nothing: if any step may not be approved, nothing is, and the refusal names every step that blocks."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.approvals import selectors, services
from outsourcing.approvals.errors import ErrorCode
from outsourcing.approvals.models import ApprovalTask, Decision
from outsourcing.core.errors import Blocked, Reason, RuleViolation

BATCH_LIMIT = 200  # a page of the approval centre holds at most this many; a bigger batch is a mistake


def chosen_steps(user, ids) -> list[ApprovalTask]:
    """The steps `ids` names among those waiting for `user`; one that is not waiting refuses the batch."""
    wanted = set(ids)
    tasks = list(selectors.inbox(user).filter(pk__in=wanted))
    if len(tasks) != len(wanted):
        raise RuleViolation(
            ErrorCode.BATCH_REFUSED, _("Some of the chosen steps are not waiting for you."), field="tasks"
        )
    return tasks


@transaction.atomic
def approve_batch(*, tasks: list[ApprovalTask], actor, comment: str = "") -> list[ApprovalTask]:
    """Approve every one of `tasks` (steps of documents of one kind) with the same comment, or none of them."""
    tasks = sorted({task.pk: task for task in tasks}.values(), key=lambda task: task.pk)  # one lock order
    if not tasks:
        raise RuleViolation(ErrorCode.BATCH_EMPTY, _("Choose the steps to approve."), field="tasks")
    if len(tasks) > BATCH_LIMIT:
        raise RuleViolation(
            ErrorCode.BATCH_TOO_LARGE,
            _("At most %(limit)s steps can be approved at once.") % {"limit": BATCH_LIMIT},
            field="tasks",
        )
    kinds = {task.request.flow.document_type for task in tasks}
    if len(kinds) > 1:
        raise RuleViolation(
            ErrorCode.BATCH_MIXED,
            _("A batch holds documents of one kind only: approve each kind separately."),
            field="tasks",
        )
    decided, refused = [], []
    for task in tasks:
        try:
            with transaction.atomic():
                decided.append(services.decide(task=task, actor=actor, decision=Decision.APPROVE, comment=comment))
        except RuleViolation as exc:
            refused.append(Reason(exc.code, f"{task.request.title}（{task.step_name}）：{exc.message}"))
    if refused:
        raise Blocked(
            refused,
            overall=ErrorCode.BATCH_REFUSED,
            message=_("Nothing was approved: %(count)s of the %(total)s steps may not be approved now.")
            % {"count": len(refused), "total": len(tasks)},
        )
    return decided
