"""Requests the company raises to the vendor about a worker (OPS-2): addressed to the vendor, screened for direct
management of its people, answered by the vendor."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core import screening
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.org.models import User
from outsourcing.vendors.selectors import portal_user_ids
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import (
    Worker,
    WorkerRequest,
)

REQUEST_SCREEN_PURPOSE = "workforce.worker_request"


@transaction.atomic
def raise_request(
    *, actor: User, worker: Worker, subject: str, description: str, send_anyway: bool = False
) -> WorkerRequest:
    """An issue about a worker goes to the vendor's site manager as a recorded request: the company does not
    direct, discipline or time the worker itself (四不直接). A text that speaks of the worker's leave, pay,
    discipline, hiring or dismissal is refused with a warning until the writer sends it anyway; then the
    sending is recorded as a sign of direct management (OPS-2, RSK-3). The audit trail keeps the full text."""
    if not actor.has_perm("workforce.raise_request", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department raise requests."), status=403)
    if worker.is_storage_only:
        raise Conflict(ErrorCode.STORAGE_ONLY, _(
            "The record is kept in storage only (PIPL art. 47): no new request about this worker."))  # fmt: skip
    if not (subject or "").strip() or not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the subject and what the vendor should look at."),
                            field="description")  # fmt: skip
    hits = screening.check(subject, description, confirmed=send_anyway)
    request = WorkerRequest(worker=worker, subject=subject.strip(), description=description.strip())
    request.stamp(actor)
    request.save()
    screening.record_sign(document=request, purpose=REQUEST_SCREEN_PURPOSE, texts=[request.subject,
                          request.description], hits=hits, actor=actor, vendor_id=worker.vendor_id)  # fmt: skip
    with company_language():
        send(
            Notice(recipient_id=user_id, title=_("Request about %(worker)s: %(subject)s")
                   % {"worker": worker.badge_number, "subject": request.subject}, body=request.description,
                   url=worker.get_absolute_url() + "#requests", dedup_key=f"worker-request:{request.pk}")
            for user_id in portal_user_ids({worker.vendor_id}).get(worker.vendor_id, [])
        )  # fmt: skip
    return request


@transaction.atomic
def answer_request(*, actor: User, request: WorkerRequest, response: str) -> WorkerRequest:
    request = WorkerRequest.objects.select_for_update(of=("self",)).select_related("worker").get(pk=request.pk)
    if not actor.has_perm("workforce.answer_request", request.worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor's site manager answers."), status=403)
    if request.responded_at:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This request is already answered: raise a new one if needed."))
    if not (response or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the answer."), field="response")
    request.vendor_response = response.strip()
    request.responded_at, request.responded_by = timezone.now(), actor
    request.save()
    return request
