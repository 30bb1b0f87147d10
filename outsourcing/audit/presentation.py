"""Audit entries as people read them: the action in words, each changed field by its verbose name with
its value before → after (choices by label, references by name, times in Asia/Shanghai, amounts in CNY).

auditlog stores values as text and references as primary keys; the names of referenced records are read
in one query per referenced model for a whole page, never one per entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditlog import get_logentry_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from outsourcing.audit.selectors import content_type_label
from outsourcing.core.money import MoneyField, format_cny
from outsourcing.core.timeutil import local

LogEntry = get_logentry_model()
Action = LogEntry.Action

# Stable codes for the API and query strings; labels for people.
ACTION_CODES = {Action.CREATE: "create", Action.UPDATE: "update", Action.DELETE: "delete", Action.ACCESS: "access"}
ACTION_BY_CODE = {code: action for action, code in ACTION_CODES.items()}
ACTION_LABELS = {
    Action.CREATE: _("Created"),
    Action.UPDATE: _("Changed"),
    Action.DELETE: _("Deleted"),
    Action.ACCESS: _("Viewed"),
}
ACTION_CHOICES = [(ACTION_CODES[action], label) for action, label in ACTION_LABELS.items()]
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Event:
    entry: LogEntry
    action: str
    action_label: str
    actor_name: str
    actor_username: str
    object_type: str
    object_type_label: str
    changes: list[FieldChange] = field(default_factory=list)
    viewed_fields: list[str] = field(default_factory=list)
    viewed_reason: str = ""
    viewed_claim: str = ""  # the named legal claim a storage-only record was viewed for (PIPL art. 47)
    exported: str = ""  # the list exported to Excel, with its filter and row count
    export_filter: str = ""
    export_rows: int | None = None


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def raw_changes(entry: LogEntry) -> dict:
    """{field: [before, after]} as recorded, without reverse relations.

    auditlog lists a new record's reverse relations ("members": "org.User.None") among its creation
    values; they are not values of the record and would only confuse a reader.
    """
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    model = entry.content_type.model_class()
    return {
        name: change
        for name, change in changes.items()
        if (model_field := _model_field(model, name)) is None or model_field.concrete
    }


def _is_reference(model_field) -> bool:
    return model_field is not None and model_field.is_relation and (model_field.many_to_one or model_field.one_to_one)


def _is_empty(raw) -> bool:
    return raw is None or raw == "None" or raw == ""


def _referenced_names(entries: list[LogEntry]) -> dict[tuple[type, str], str]:
    """{(model, "pk"): str(record)} for every record the entries' changes refer to."""
    wanted: dict[type, set] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in raw_changes(entry).items():
            model_field = _model_field(model, name)
            if not _is_reference(model_field) or not isinstance(change, list | tuple):
                continue
            related = model_field.related_model
            for raw in change:
                if _is_empty(raw):
                    continue
                try:
                    wanted[related].add(related._meta.pk.to_python(raw))
                except ValidationError:
                    continue
    names = {}
    for related, pks in wanted.items():
        for pk, record in related._base_manager.in_bulk(list(pks)).items():
            names[(related, str(pk))] = str(record)
    return names


def _shown(model_field, raw, names) -> str:
    if _is_empty(raw):
        return EMPTY
    if model_field is None:
        return str(raw)
    if _is_reference(model_field):
        return names.get((model_field.related_model, str(raw)), f"#{raw}")
    if model_field.choices:
        labels = {str(value): label for value, label in model_field.flatchoices}
        return str(labels.get(str(raw), raw))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if str(raw) == "True" else _("No"))
    if isinstance(model_field, models.DateTimeField):
        try:
            # auditlog keeps date-times as naive UTC text.
            moment = dt.datetime.fromisoformat(str(raw)).replace(tzinfo=dt.UTC)
        except ValueError:
            return str(raw)
        return local(moment).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(model_field, MoneyField):
        try:
            return format_cny(raw)
        except (TypeError, ValueError):
            return str(raw)
    return str(raw)


def _field_label(model, name: str) -> str:
    """The field's name in the reader's language; a value kept only encrypted (an ID number) is named by the
    model's `audit_labels`."""
    model_field = _model_field(model, name)
    if model_field is not None:
        return str(capfirst(model_field.verbose_name))
    return str(capfirst(getattr(model, "audit_labels", {}).get(name, name)))


def _changes(entry: LogEntry, names) -> list[FieldChange]:
    model = entry.content_type.model_class()
    rows = []
    for name, change in raw_changes(entry).items():
        model_field = _model_field(model, name)
        if model_field is not None and model_field.primary_key:
            continue  # the record's own id is in the entry already
        label = _field_label(model, name)
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(str(o) for o in change.get("objects", [])) or EMPTY
            before, after = (EMPTY, objects) if change.get("operation") == "add" else (objects, EMPTY)
            rows.append(FieldChange(label, before, after))
        elif isinstance(change, list | tuple) and len(change) == 2:
            before, after = _shown(model_field, change[0], names), _shown(model_field, change[1], names)
            if before != after:  # a new record's empty fields say nothing
                rows.append(FieldChange(label, before, after))
    return rows


def _filter_text(filters) -> str:
    if not isinstance(filters, dict):
        return ""
    return "; ".join(
        f"{key}={'、'.join(map(str, value)) if isinstance(value, list) else value}" for key, value in filters.items()
    )


def describe(entries: Iterable[LogEntry]) -> list[Event]:
    """Entries (with actor and content_type selected) as events for pages."""
    entries = list(entries)
    names = _referenced_names(entries)
    events = []
    for entry in entries:
        model = entry.content_type.model_class()
        additional = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        events.append(
            Event(
                entry=entry,
                action=ACTION_CODES.get(entry.action, str(entry.action)),
                action_label=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
                actor_name=entry.actor.get_full_name() if entry.actor else str(_("System")),
                actor_username=entry.actor.get_username() if entry.actor else "",
                object_type=f"{entry.content_type.app_label}.{entry.content_type.model}",
                object_type_label=str(content_type_label(entry.content_type)),
                changes=_changes(entry, names),
                viewed_fields=[_field_label(model, name) for name in additional.get("viewed_fields", [])],
                viewed_reason=str(additional.get("reason", "")),
                viewed_claim=str(additional.get("legal_claim", "")),
                exported=str(additional.get("exported", "")),
                export_filter=_filter_text(additional.get("filter")),
                export_rows=additional.get("rows"),
            )
        )
    return events
