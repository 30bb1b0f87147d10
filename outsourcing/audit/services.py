"""The two writes the audit app offers: recording that someone viewed protected data (a reveal), and a change
of a record's parts (its lines) told as one readable change of the record.

Changes are recorded by auditlog for every registered model; nothing here edits or removes an entry.
"""

from __future__ import annotations

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str

LogEntry = get_logentry_model()


def record_access(
    *, actor, instance: models.Model, fields: list[str], reason: str = "", legal_claim: str = ""
) -> LogEntry:
    """Record that `actor` viewed `fields` of `instance` in clear (e.g. an ID number unmasked).

    The entry carries the field names, never the values: the trail must not become a copy of the
    personal data it guards. Auditors find it on the search page under the action "viewed". A view of data
    kept in storage only is allowed for a named legal claim (PIPL art. 47), recorded as such.
    """
    additional = {"viewed_fields": list(fields), "reason": reason}
    if legal_claim:
        additional["legal_claim"] = legal_claim
    return _write(actor, instance, LogEntry.Action.ACCESS, changes=None, additional_data=additional)


def record_export(*, actor, name: str, path: str, filters: dict, rows: int) -> LogEntry:
    """Record that `actor` exported the list `name` (at `path`, with the query's `filters`, `rows` rows) to
    Excel: a list leaves the system with everything on it, so who took which list out is history an auditor
    reads (issue 13, item 5). The entry is kept on the exporting user's own record."""
    additional = {"exported": name, "path": path, "filter": filters, "rows": rows}
    return _write(actor, actor, LogEntry.Action.ACCESS, changes=None, additional_data=additional)


def record_part_change(*, actor, instance: models.Model, part: str, before: str, after: str) -> LogEntry | None:
    """Record on `instance` that its `part` (lines kept in their own rows, e.g. a demand's budget lines) went
    from `before` to `after`, written as people read them: the record's history then shows what changed in
    it, not only that rows were deleted and created. Nothing is written when nothing changed."""
    if before == after:
        return None
    return _write(actor, instance, LogEntry.Action.UPDATE, changes={part: [before, after]})


def record_creations(instances: list[models.Model], *, actor=None, batch_size: int = 1000) -> list[LogEntry]:
    """The "created" entries of records saved in bulk (`bulk_create` sends no signal), written in bulk: each
    entry is what auditlog writes for one save (the same changes, masks and correlation id), and goes through
    the same pre-save hooks (the current actor and remote address, the append-only guard) before one insert
    per batch. An import of 10,000 workers writes its trail in ten queries, not 10,000."""
    if not instances:
        return []
    content_type = ContentType.objects.get_for_model(instances[0])
    cid, json_changes = get_cid(), getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    entries = []
    for instance in instances:
        entry = LogEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, instance, use_json_for_changes=json_changes),
            serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
            cid=cid,
        )
        if actor is not None:
            entry.actor_id, entry.actor_email = actor.pk, getattr(actor, "email", None) or None
        get_additional_data = getattr(instance, "get_additional_data", None)
        if callable(get_additional_data):
            entry.additional_data = get_additional_data()
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=None, update_fields=None)
        entries.append(entry)
    return LogEntry.objects.bulk_create(entries, batch_size=batch_size)


def _write(actor, instance: models.Model, action, **values) -> LogEntry:
    email = getattr(actor, "email", None) or None
    return LogEntry.objects.log_create(
        instance, force_log=True, action=action, actor=actor, actor_email=email, **values
    )
