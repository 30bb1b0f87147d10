"""The audit trail is append-only (X-1): an entry, once written, is never changed or removed.

These guards refuse it in the ORM on every database; on PostgreSQL a trigger refuses it in the database
as well (migration 0001), so neither raw SQL nor a queryset update gets past.
"""

from __future__ import annotations


class AppendOnlyViolation(Exception):
    """Someone tried to change or delete an audit entry."""


def refuse_change(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save of LogEntry: only new entries may be saved."""
    if not instance._state.adding:
        raise AppendOnlyViolation(f"audit entry {instance.pk} cannot be changed: the audit trail is append-only")


def refuse_delete(sender, instance, **kwargs) -> None:
    """pre_delete of LogEntry."""
    raise AppendOnlyViolation(f"audit entry {instance.pk} cannot be deleted: the audit trail is append-only")
