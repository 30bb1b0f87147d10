"""AUD-2, X-6: /api/audit-events/ gives internal audit and the administrator the trail with the page's
filters, paginated, read-only, at a fixed number of queries, and is described in the OpenAPI schema."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from outsourcing.audit.actor import acting_as
from tests.audit.factories import LogEntryFactory, SampleDocumentFactory

pytestmark = pytest.mark.django_db

READERS = ["auditor", "admin"]
OTHERS = ["hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "vendor1", "vendor2"]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize("username", READERS + OTHERS)
def test_only_internal_audit_and_the_administrator_read_the_audit_api(api_for, username):
    """AUD-2: auditor and admin 200; every other role and vendor users 403."""
    assert api_for(username).get("/api/audit-events/").status_code == (200 if username in READERS else 403)


def test_anonymous_callers_get_401(demo):
    """X-6"""
    assert APIClient().get("/api/audit-events/").status_code == 401


def test_an_event_says_who_when_what_and_the_values(api_for, demo):
    """X-1, AUD-2: each item carries id, time, actor (id and username), action, record and changes."""
    with acting_as(demo.requester):
        document = SampleDocumentFactory(title="接口单据")
        document.status = "in_approval"
        document.save()
    page = (
        api_for("auditor")
        .get("/api/audit-events/", {"object_type": "testapp.sampledocument", "object_id": document.pk})
        .json()
    )
    assert set(page) == {"count", "next", "previous", "results"} and page["count"] == 2
    changed, created = page["results"]
    assert set(changed) == {
        "id",
        "timestamp",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "viewed",
    }
    assert changed["viewed"] is None  # only a reveal ("access") says what was viewed and why
    assert changed["actor"] == {"id": demo.requester.pk, "username": "requester"}
    assert changed["action"] == "update" and created["action"] == "create"
    assert changed["object_type"] == "testapp.sampledocument" and changed["object_id"] == str(document.pk)
    assert changed["object_repr"] == "接口单据" and changed["changes"]["status"] == ["draft", "in_approval"]
    assert "members" not in created["changes"]  # reverse relations are not values of the record
    entry = LogEntry.objects.get(pk=changed["id"])
    assert changed["timestamp"] == entry.timestamp.astimezone(SHANGHAI).isoformat()
    single = api_for("admin").get(f"/api/audit-events/{entry.pk}/").json()
    assert single == changed


def test_filters_match_the_page(api_for, demo):
    """AUD-2: user, object_type, date_from/date_to (Shanghai days) and action as query parameters."""
    document = SampleDocumentFactory()
    march_1 = LogEntryFactory(
        record=document, actor=demo.hr, timestamp=dt.datetime(2026, 3, 1, 23, 30, tzinfo=SHANGHAI)
    )
    march_2 = LogEntryFactory(
        record=document, actor=demo.finance, timestamp=dt.datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    )
    api = api_for("auditor")

    def ids(**params) -> list[int]:
        response = api.get("/api/audit-events/", params)
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["results"]]

    assert ids(user="hr") == [march_1.pk]
    assert ids(user="finance", action="update") == [march_2.pk]
    assert ids(date_from="2026-03-01", date_to="2026-03-01") == [march_1.pk]
    assert ids(date_from="2026-03-02", date_to="2026-03-02") == [march_2.pk]
    assert ids(object_type="testapp.sampledocument", action="create") == [
        LogEntry.objects.get_for_object(document).get(action=LogEntry.Action.CREATE).pk
    ]
    assert ids(object_type="org.department", user="hr") == []


def test_unknown_filters_values_are_refused_with_400(api_for):
    """X-6, X-8"""
    api = api_for("auditor")
    assert api.get("/api/audit-events/", {"object_type": "no.such"}).status_code == 400
    assert api.get("/api/audit-events/", {"action": "erase"}).status_code == 400
    assert api.get("/api/audit-events/", {"date_from": "yesterday"}).status_code == 400


def test_the_list_costs_the_same_queries_for_5_or_60_entries(api_for, demo, django_assert_max_num_queries):
    """AUD-2, X-6"""
    api = api_for("auditor")
    query = {"object_type": "testapp.sampledocument"}
    with acting_as(demo.requester):
        SampleDocumentFactory.create_batch(5)
    with CaptureQueriesContext(connection) as few:
        assert len(api.get("/api/audit-events/", query).json()["results"]) == 5
    with acting_as(demo.requester):
        SampleDocumentFactory.create_batch(55)
    with django_assert_max_num_queries(len(few)):
        assert len(api.get("/api/audit-events/", query).json()["results"]) == 50


def test_the_audit_api_is_in_the_openapi_schema(client_for):
    """X-6: list and detail with their filters, and no write operations."""
    schema = client_for("auditor").get("/api/schema/?format=json").json()
    assert set(schema["paths"]["/api/audit-events/"]) == {"get"}
    assert set(schema["paths"]["/api/audit-events/{id}/"]) == {"get"}
    params = {p["name"] for p in schema["paths"]["/api/audit-events/"]["get"]["parameters"]}
    assert {"user", "object_type", "object_id", "date_from", "date_to", "action", "page", "page_size"} <= params
