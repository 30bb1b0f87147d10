"""Retention of workers' personal data (WRK-11): an exited record is storage-only (read, never changed)
until its period runs out; then the daily job anonymises the personal fields and removes the files,
keeping the anonymous row (vendor, project, dates) for the counts. Default: three years after exit; on a
construction project three years after the contract closed (completion, wages cleared); a filing that never
entered, three years after its planned end."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from outsourcing.attachments.services import purge
from outsourcing.contracts.models import ContractStatus
from outsourcing.core.models import ScreenSign
from outsourcing.workforce.models import Worker, WorkerRequest, WorkerStatus

logger = logging.getLogger(__name__)
ANONYMOUS = "（已匿名）"


def retention_years() -> int:
    return int(getattr(settings, "WORKER_RETENTION_YEARS", 3))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def due_for_anonymisation(on: dt.date) -> QuerySet:
    """Records past their retention period on `on`, not yet anonymised."""
    cutoff = _years_before(on, retention_years())
    cutoff_end = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))
    construction = Q(contract__award__event__category__code="construction_labour")
    exited = Q(status=WorkerStatus.EXITED, exited_on__lte=cutoff) & (
        ~construction | Q(contract__status=ContractStatus.CLOSED, contract__closed_at__lt=cutoff_end)
    )
    refused = Q(status=WorkerStatus.REJECTED, updated_at__lt=cutoff_end)
    abandoned = Q(status__in=(WorkerStatus.FILED, WorkerStatus.APPROVED), planned_end__lte=cutoff)  # never entered
    return Worker.objects.filter(anonymised_at__isnull=True).filter(exited | refused | abandoned)


@transaction.atomic
def anonymise(worker: Worker) -> Worker:
    """Clear everything that identifies the person; the badge number, dates and links stay for the counts."""
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    files = purge(document=worker)
    worker.name = ANONYMOUS
    for field in ("id_cipher", "id_hash", "id_masked", "phone_cipher", "phone_hash", "phone_masked",
                  "consent_reference", "realname_reference", "decision_note"):  # fmt: skip
        setattr(worker, field, "")
    worker.anonymised_at = timezone.now()
    worker.save()
    worker.requests.update(description="", vendor_response="")  # may describe the person; the subject stays
    worker.exit_requests.update(evidence="")
    requests = ContentType.objects.get_for_model(WorkerRequest)
    ScreenSign.objects.filter(content_type=requests, object_id__in=worker.requests.values("pk")).update(text="")
    logger.info("worker %s anonymised after its retention period (%s files removed)", worker.badge_number, files)
    return worker


def anonymise_due(on: dt.date) -> list[Worker]:
    """The daily job's work: every record past retention, each in its own transaction (and audit entry)."""
    return [anonymise(worker) for worker in due_for_anonymisation(on).order_by("pk")]
