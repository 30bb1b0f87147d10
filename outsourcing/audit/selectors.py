"""Every read of the audit trail: the search (page and API) and one record's history, at fixed queries."""

from __future__ import annotations

import datetime as dt

from auditlog import get_logentry_model
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils.text import capfirst

from outsourcing.core.timeutil import SHANGHAI

LogEntry = get_logentry_model()


def audited_content_types() -> list[tuple[str, ContentType]]:
    """("app_label.model", content type) of every registered model, in the order of their names."""
    by_model = ContentType.objects.get_for_models(*auditlog.get_models(), for_concrete_models=False)
    types = [(f"{ct.app_label}.{ct.model}", ct) for ct in by_model.values()]
    return sorted(types, key=lambda item: str(content_type_label(item[1])))


def content_type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model is not None else content_type.model


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight in Shanghai: a date filter means the company's calendar day."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


def audit_events(
    *,
    username: str = "",
    content_type: ContentType | None = None,
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    action: int | None = None,
) -> QuerySet:
    """Entries newest first, filtered; actor and content type come with each entry (no query per row)."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if username:  # a username or a person's full name (王芳)
        entries = entries.filter(Q(actor__username__iexact=username) | Q(actor__full_name=username))
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if object_id:  # the record's id, or its readable number (DEM-2026-0001) as its name starts
        object_id = str(object_id).strip()
        entries = (
            entries.filter(object_pk=object_id)
            if object_id.isdigit()
            else entries.filter(object_repr__startswith=object_id)
        )
    if date_from:
        entries = entries.filter(timestamp__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(timestamp__lt=_day_start(date_to + dt.timedelta(days=1)))
    if action is not None:
        entries = entries.filter(action=action)
    return entries


def object_history(*, obj: Model) -> QuerySet:
    """Every entry of one record, newest first."""
    return audit_events(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
