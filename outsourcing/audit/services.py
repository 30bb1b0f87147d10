"""The two writes the audit app offers: recording that someone viewed protected data (a reveal), and a change
of a record's parts (its lines) told as one readable change of the record.

Changes are recorded by auditlog for every registered model; nothing here edits or removes an entry.
"""

from __future__ import annotations

from auditlog import get_logentry_model
from django.db import models

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


def _write(actor, instance: models.Model, action, **values) -> LogEntry:
    email = getattr(actor, "email", None) or None
    return LogEntry.objects.log_create(
        instance, force_log=True, action=action, actor=actor, actor_email=email, **values
    )
