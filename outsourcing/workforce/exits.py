"""The company asks the vendor for a worker's exit (OPS-2, loophole 2): it does not remove named people itself.
A recorded request with a reason from the contract goes to the vendor's site manager, who answers it by
recording the exit (`worker_entry.record_exit`)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.org.models import User
from outsourcing.vendors.selectors import portal_user_ids
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import ExitReason, ExitRequest, Worker, WorkerStatus


@transaction.atomic
def ask_for_exit(*, actor: User, worker: Worker, reason: str, evidence: str = "") -> ExitRequest:
    """HR or the project's department ask the vendor to take a worker off the project, for a reason the
    contract gives: the work for the post has ended, or the worker breached the site rules (with the evidence).
    The vendor is told and sees it waiting on its home page until it records the exit."""
    worker = Worker.objects.select_for_update(of=("self",)).select_related("project__department").get(pk=worker.pk)
    if not actor.has_perm("workforce.ask_exit", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department ask for an exit."), status=403)
    if worker.status not in (WorkerStatus.APPROVED, WorkerStatus.ON_SITE):
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only a worker approved or on site exits."))
    reason, evidence = (reason or "").strip(), (evidence or "").strip()
    if reason not in ExitReason.values:
        raise RuleViolation(
            ErrorCode.REASON,
            _("Ask for an exit for a reason the contract gives only: the end of the need for the post, or a breach "
              "of the site rules with its evidence (OPS-2)."),
            field="reason",
        )  # fmt: skip
    if reason == ExitReason.SITE_RULES and not evidence:
        raise RuleViolation(ErrorCode.EVIDENCE, _("Describe the breach of the site rules and its evidence."),
                            field="evidence")  # fmt: skip
    if worker.exit_requests.filter(answered_at__isnull=True).exists():
        raise Conflict(ErrorCode.ALREADY_ASKED, _("The vendor has already been asked for this worker's exit."))
    request = ExitRequest(worker=worker, reason=reason, evidence=evidence)
    request.stamp(actor)
    request.save()
    with company_language():
        send(
            Notice(recipient_id=user_id, title=_("Exit asked for %(worker)s: %(reason)s")
                   % {"worker": worker.badge_number, "reason": request.get_reason_display()}, body=evidence,
                   url=request.get_absolute_url(), dedup_key=f"exit-request:{request.pk}", level="warning")
            for user_id in portal_user_ids({worker.vendor_id}).get(worker.vendor_id, [])
        )  # fmt: skip
    return request
