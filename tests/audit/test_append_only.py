"""X-1 "nobody can edit or delete it": no page, API, Django admin action or ORM call changes or removes an
audit entry, and on PostgreSQL the database itself refuses."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import resolve

from outsourcing.audit.actor import acting_as
from outsourcing.audit.guards import AppendOnlyViolation
from outsourcing.org.models import User
from tests.audit.factories import SampleDocumentFactory
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(demo):
    document = SampleDocumentFactory(title="原始标题")
    return LogEntry.objects.get_for_object(document).get()


def unchanged(entry) -> bool:
    stored = LogEntry.objects.filter(pk=entry.pk).values("object_repr", "changes", "actor_id").first()
    return stored == {"object_repr": entry.object_repr, "changes": entry.changes, "actor_id": entry.actor_id}


def test_the_orm_refuses_to_change_or_delete_an_entry(entry):
    """X-1: saving an existing entry or deleting one (singly or by queryset) raises."""
    entry.object_repr = "篡改"
    with pytest.raises(AppendOnlyViolation), transaction.atomic():
        entry.save()
    with pytest.raises(AppendOnlyViolation), transaction.atomic():
        entry.delete()
    with pytest.raises(AppendOnlyViolation), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.object_repr == "原始标题"


def test_the_django_admin_is_read_only_even_for_a_superuser(entry):
    """X-1: an operator with every Django permission can list and view entries, nothing more."""
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(operator)
    base = "/django-admin/auditlog/logentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{entry.pk}/change/").status_code == 200  # viewing is allowed
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"object_repr": "伪造"}).status_code == 403
    assert client.post(f"{base}{entry.pk}/change/", {"object_repr": "篡改"}).status_code == 403
    assert client.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert unchanged(entry) and LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_allows_no_cascade_delete_from_another_admin_page(rf, demo):
    """X-1: auditlog's own admin lets entries go in a cascade from another model's delete page; ours never."""
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    url = f"/django-admin/org/user/{demo.hr.pk}/delete/"
    request = rf.post(url)
    request.user, request.resolver_match = operator, resolve(url)
    model_admin = admin.site.get_model_admin(LogEntry)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_change_permission(request) and not model_admin.has_add_permission(request)
    assert model_admin.has_view_permission(request)


@pytest.mark.parametrize("username", ["auditor", "admin"])
def test_no_api_method_writes_the_trail(api_for, entry, username):
    """X-1: the audit API is read-only even for those who may read it."""
    api = api_for(username)
    assert api.post("/api/audit-events/", {"object_repr": "伪造"}, format="json").status_code == 405
    detail = f"/api/audit-events/{entry.pk}/"
    assert api.put(detail, {"object_repr": "篡改"}, format="json").status_code == 405
    assert api.patch(detail, {"object_repr": "篡改"}, format="json").status_code == 405
    assert api.delete(detail).status_code == 405
    assert unchanged(entry)


def test_the_audit_page_accepts_no_writes(client_for, entry):
    """X-1: the search page answers GET only."""
    client = client_for("auditor")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/audit/").status_code == 405, method
    assert unchanged(entry)


@pytest.mark.postgres_only
def test_postgresql_refuses_update_and_delete_of_an_entry(entry):
    """X-1: even SQL that bypasses the application cannot rewrite or remove an entry on PostgreSQL."""
    table = LogEntry._meta.db_table
    statements = [
        (f"UPDATE {table} SET object_repr = %s WHERE id = %s", ["篡改", entry.pk]),
        (f"DELETE FROM {table} WHERE id = %s", [entry.pk]),
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="篡改")
    assert unchanged(entry)


@pytest.mark.postgres_only
def test_postgresql_keeps_the_actor_of_an_entry_when_someone_tries_to_delete_the_user(demo):
    """X-1: deleting a user who acted would blank the actor of their entries; the database refuses,
    so people are deactivated, never deleted."""
    person = UserFactory(username="leaver")
    with acting_as(person):
        SampleDocumentFactory()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        User.objects.filter(pk=person.pk).delete()
    assert LogEntry.objects.filter(actor=person).exists()


@pytest.mark.postgres_only
def test_postgresql_still_allows_truncate_for_test_flushes(entry):
    """The trigger guards rows; TRUNCATE (how Django flushes a test database) is not refused."""
    table = LogEntry._meta.db_table

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        with connection.cursor() as cursor:
            # Check this transaction's deferred foreign keys first: PostgreSQL will not truncate a table
            # with pending constraint checks (a flush runs in a fresh transaction and has none).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {table}")
        assert not LogEntry.objects.exists()
        raise Undo
    assert LogEntry.objects.filter(pk=entry.pk).exists()
