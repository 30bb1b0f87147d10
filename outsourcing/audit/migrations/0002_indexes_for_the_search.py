"""Indexes that fit the audit search at millions of rows (issue 20), on PostgreSQL: the trail newest first
(timestamp, id descending) and the record-name search, which asks for names starting with a number
(DEM-2026-0001…): a text_pattern_ops index serves LIKE 'prefix%' in any collation. auditlog's table is
another app's, so they are created here; other databases keep auditlog's own indexes."""

from django.db import migrations

INDEXES = {
    "audit_logentry_newest": "(timestamp DESC, id DESC)",
    "audit_logentry_repr_prefix": "(object_repr text_pattern_ops)",
}


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("auditlog", "LogEntry")._meta.db_table)
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}", params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_logentry_append_only")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
