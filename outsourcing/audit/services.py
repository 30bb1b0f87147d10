"""The one write the audit app offers: recording that someone viewed protected data (a reveal).

Changes are recorded by auditlog for every registered model; nothing here edits or removes an entry.
"""

from __future__ import annotations

from auditlog import get_logentry_model
from django.db import models

LogEntry = get_logentry_model()


def record_access(*, actor, instance: models.Model, fields: list[str], reason: str = "") -> LogEntry:
    """Record that `actor` viewed `fields` of `instance` in clear (e.g. an ID number unmasked).

    The entry carries the field names, never the values: the trail must not become a copy of the
    personal data it guards. Auditors find it on the search page under the action "viewed".
    """
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        actor_email=getattr(actor, "email", None) or None,
        changes=None,
        additional_data={"viewed_fields": list(fields), "reason": reason},
    )
