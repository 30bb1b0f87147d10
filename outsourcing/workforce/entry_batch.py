"""HR approves many filed workers' entry in one action (issue 21: after a 300-row roster import nobody approves
304 entries one by one). Each worker is still decided, checked and recorded on its own through
`entry.decide_entry`; the batch is all or nothing: if any worker may not enter yet, nobody is approved and the
refusal names each worker with the code of what is missing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Blocked, Reason, RuleViolation
from outsourcing.org.models import User
from outsourcing.workforce import entry, selectors
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import Worker

BATCH_LIMIT = 500  # the largest roster import HR would approve in one go


def chosen_workers(user, ids) -> list[Worker]:
    """The workers `ids` names among those waiting for `user`'s entry decision; any other refuses the batch."""
    wanted = set(ids)
    workers = list(selectors.awaiting_entry_decision(user).filter(pk__in=wanted))
    if len(workers) != len(wanted):
        raise RuleViolation(ErrorCode.BATCH_REFUSED, _("Some of the chosen workers are not waiting for the entry "
                                                       "decision."), field="workers")  # fmt: skip
    return workers


@transaction.atomic
def approve_entries(*, actor: User, workers: list[Worker], note: str = "") -> list[Worker]:
    """Approve the entry of every one of `workers`, or of none."""
    if not actor.has_perm("workforce.decide_entry"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR decides on entry."), status=403)
    workers = sorted({worker.pk: worker for worker in workers}.values(), key=lambda worker: worker.pk)
    if not workers:
        raise RuleViolation(ErrorCode.BATCH_EMPTY, _("Choose the workers whose entry you approve."), field="workers")
    if len(workers) > BATCH_LIMIT:
        raise RuleViolation(
            ErrorCode.BATCH_TOO_LARGE,
            _("At most %(limit)s entries can be approved at once.") % {"limit": BATCH_LIMIT},
            field="workers",
        )
    approved, refused = [], []
    for worker in workers:
        try:
            with transaction.atomic():
                approved.append(entry.decide_entry(actor=actor, worker=worker, approve=True, note=note))
        except Blocked as exc:
            refused.extend(Reason(reason.code, f"{worker.badge_number}：{reason}") for reason in exc.reasons)
        except RuleViolation as exc:
            refused.append(Reason(exc.code, f"{worker.badge_number}：{exc.message}"))
    if refused:
        raise Blocked(
            refused,
            overall=ErrorCode.BATCH_REFUSED,
            message=_("No entry was approved: %(count)s of the %(total)s workers may not enter yet.")
            % {"count": len({reason.split("：", 1)[0] for reason in refused}), "total": len(workers)},
        )
    return approved
