"""Workers' special-operation certificates (特种作业操作证, CON-9; 安全生产法 art. 30): recorded by the vendor (or
HR) with type, number, issuer, expiry and a scan; needed for entry on a contract's special work; reminded before
they expire (`reminders.certificates_expiring`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.attachments.services import attach
from outsourcing.core.errors import Reason, RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.workforce.filing import ErrorCode
from outsourcing.workforce.models import SpecialOperationCertificate, Worker, WorkerFileKind

SCAN_KIND = WorkerFileKind.SPECIAL_OPERATION_CERTIFICATE


def certificate_problem(worker: Worker, *, on: dt.date | None = None) -> Reason | None:
    """On a contract's special work (CON-9), no entry without a special-operation certificate valid on `on`
    (the entry day, or today)."""
    if not worker.contract.special_work:
        return None
    on = on or today()
    held = list(worker.certificates.all())
    if any(c.valid_until >= on for c in held):
        return None
    facts = {"work": worker.contract.special_work, "day": on.isoformat()}
    if held:
        return Reason(ErrorCode.CERTIFICATE_EXPIRED, _(
            "Special work (%(work)s): the worker's special-operation certificate has expired by %(day)s "
            "(安全生产法 art. 30).") % facts)  # fmt: skip
    return Reason(ErrorCode.CERTIFICATE, _(
        "Special work (%(work)s): no entry without the worker's special-operation certificate (特种作业操作证, "
        "安全生产法 art. 30).") % facts)  # fmt: skip


@transaction.atomic
def record_certificate(
    *, actor: User, worker: Worker, operation: str, certificate_number: str, issuer: str, valid_until, scan=None
) -> SpecialOperationCertificate:
    """The vendor (or HR) records a worker's certificate, with its scan when given (one transaction: a refused
    scan records nothing)."""
    if not actor.has_perm("workforce.add_certificate", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The worker's vendor or HR records certificates."), status=403)
    values = {"operation": (operation or "").strip(), "certificate_number": (certificate_number or "").strip(),
              "issuer": (issuer or "").strip()}  # fmt: skip
    for field, value in values.items():
        if not value:
            raise RuleViolation(ErrorCode.REQUIRED, _("This field is required."), field=field)
    if valid_until is None or valid_until < today():
        raise RuleViolation(ErrorCode.CERTIFICATE_EXPIRED, _("The certificate has expired."), field="valid_until")
    certificate = SpecialOperationCertificate(worker=worker, valid_until=valid_until, **values)
    certificate.stamp(actor)
    certificate.save()
    if scan is not None:
        attach(actor=actor, document=certificate, upload=scan, kind=SCAN_KIND)
    return certificate
