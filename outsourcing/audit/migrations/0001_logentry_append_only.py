"""PostgreSQL refuses any UPDATE or DELETE of an audit entry (X-1: the trail is append-only).

A row trigger raises restrict_violation (an IntegrityError in Django). TRUNCATE is a different statement
and stays possible for the test suite's flushes and for an operator with the database owner's rights.
Other databases rely on the ORM guards in outsourcing.audit.guards.
"""

from django.db import migrations

FUNCTION = "audit_logentry_append_only"
TRIGGER = "audit_logentry_append_only"


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("auditlog", "LogEntry")._meta.db_table)
    # params=None: the function body's "%" are PL/pgSQL's, not query placeholders.
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % of audit entry % refused', TG_OP, OLD.id
                USING ERRCODE = 'restrict_violation';
        END;
        $$
        """,
        params=None,
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}", params=None)
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        params=None,
    )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("auditlog", "LogEntry")._meta.db_table)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}", params=None)
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()", params=None)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
