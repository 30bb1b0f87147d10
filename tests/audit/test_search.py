"""AUD-2: internal audit (and the administrator) search the whole trail by person, record type, date and
action; nobody else opens it; the page costs the same number of queries however many entries it shows."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from outsourcing.audit.actor import acting_as
from outsourcing.org import services
from tests.audit.factories import LogEntryFactory, SampleDocumentFactory

pytestmark = pytest.mark.django_db

READERS = ["auditor", "admin"]
OTHERS = ["hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "vendor1", "vendor2"]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def shown(response) -> list[LogEntry]:
    return [event.entry for event in response.context["events"]]


@pytest.mark.parametrize("username", READERS + OTHERS)
def test_only_internal_audit_and_the_administrator_open_the_audit_trail(client_for, username):
    """AUD-2: auditor and admin 200; every other role, and vendor users, 403."""
    response = client_for(username).get("/audit/")
    assert response.status_code == (200 if username in READERS else 403)


def test_anonymous_visitors_are_sent_to_log_in(client):
    """AUD-2"""
    response = client.get("/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("username", READERS + ["hr", "vendor1"])
def test_the_navigation_offers_the_audit_trail_to_its_readers_only(client_for, username):
    """AUD-2"""
    keys = [item["key"] for item in client_for(username).get("/").context["nav_items"]]
    assert ("audit" in keys) == (username in READERS)


@pytest.fixture
def trail(demo):
    """Entries of known people, types, actions and Shanghai days."""
    late_on_1_march = dt.datetime(2026, 3, 1, 23, 30, tzinfo=SHANGHAI)  # 15:30 UTC, still 1 March in Shanghai
    early_on_2_march = dt.datetime(2026, 3, 2, 0, 30, tzinfo=SHANGHAI)
    document = SampleDocumentFactory(title="三月的单据")
    return {
        "march_1": LogEntryFactory(record=document, actor=demo.hr, timestamp=late_on_1_march),
        "march_2": LogEntryFactory(record=document, actor=demo.depthead, timestamp=early_on_2_march),
        "document": document,
    }


def test_filter_by_user(client_for, trail, demo):
    """AUD-2: by the username of who acted."""
    with acting_as(demo.admin):
        department = services.create_department(actor=demo.admin, name="审计筛选部", code="FLT")
    entries = shown(client_for("auditor").get("/audit/", {"user": "admin"}))
    assert entries and all(e.actor == demo.admin for e in entries)
    assert LogEntry.objects.get_for_object(department).get() in entries
    assert shown(client_for("auditor").get("/audit/", {"user": "hr"})) == [trail["march_1"]]


def test_filter_by_record_type_and_record(client_for, trail):
    """AUD-2: by the type of record, offered by its name, and down to one record."""
    client = client_for("auditor")
    form = client.get("/audit/").context["form"]
    assert ("testapp.sampledocument", "Sample document") in form.fields["object_type"].choices
    assert ("org.department", "部门") in form.fields["object_type"].choices
    departments = shown(client.get("/audit/", {"object_type": "org.department"}))
    assert departments and {e.content_type.model for e in departments} == {"department"}
    document = trail["document"]
    one = shown(client.get("/audit/", {"object_type": "testapp.sampledocument", "object_id": document.pk}))
    assert one == list(LogEntry.objects.get_for_object(document).order_by("-timestamp", "-pk"))


def test_filter_by_shanghai_calendar_days(client_for, trail):
    """AUD-2: dates are days in Asia/Shanghai: 23:30 on 1 March (15:30 UTC) belongs to 1 March."""
    client = client_for("auditor")
    assert shown(client.get("/audit/", {"date_from": "2026-03-01", "date_to": "2026-03-01"})) == [trail["march_1"]]
    assert shown(client.get("/audit/", {"date_from": "2026-03-02", "date_to": "2026-03-02"})) == [trail["march_2"]]
    assert shown(client.get("/audit/", {"date_from": "2026-03-01", "date_to": "2026-03-02"})) == [
        trail["march_2"],
        trail["march_1"],
    ]


def test_filter_by_action(client_for, trail):
    """AUD-2: creations, changes, deletions, views."""
    client = client_for("auditor")
    created = shown(client.get("/audit/", {"action": "create", "object_type": "testapp.sampledocument"}))
    assert created == list(LogEntry.objects.get_for_object(trail["document"]).filter(action=LogEntry.Action.CREATE))
    changed = shown(client.get("/audit/", {"action": "update", "object_type": "testapp.sampledocument"}))
    assert set(changed) == {trail["march_1"], trail["march_2"]}


def test_bad_filters_are_explained_and_show_nothing(client_for, trail):
    """X-8: an impossible date range is refused beside its field rather than ignored."""
    response = english(client_for("auditor")).get("/audit/", {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert response.status_code == 200 and shown(response) == []
    assert "The end date is before the start date." in response.content.decode()
    assert shown(client_for("auditor").get("/audit/", {"date_from": "not-a-date"})) == []


def test_the_page_shows_who_what_and_the_values_before_and_after(client_for, demo):
    """X-1, AUD-2: a changed document reads as time, person, action, field name and old → new value."""
    with acting_as(demo.requester):
        document = SampleDocumentFactory(title="初稿")
        document.status = "in_approval"
        document.save()
    response = english(client_for("auditor")).get(
        "/audit/", {"object_type": "testapp.sampledocument", "object_id": document.pk, "action": "update"}
    )
    (event,) = response.context["events"]
    assert event.actor_name == "李强" and event.action_label == "Changed"
    assert ("Status", "草稿", "审批中") in [(c.label, c.before, c.after) for c in event.changes]
    html = response.content.decode()
    assert "李强" in html and "草稿" in html and "审批中" in html


def test_the_page_costs_the_same_queries_for_5_or_60_entries(client_for, demo, django_assert_max_num_queries):
    """AUD-2: the list reads actor and record type with each entry and the referenced names in bulk."""
    client = client_for("auditor")
    query = {"object_type": "testapp.sampledocument"}

    def write(n: int) -> None:
        for _ in range(n):
            with acting_as(demo.requester):
                SampleDocumentFactory(created_by=demo.requester)

    write(5)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/audit/", query).context["events"]) == 5
    write(55)
    with django_assert_max_num_queries(len(few)):
        assert len(client.get("/audit/", query).context["events"]) == 50


@pytest.mark.django_db
def test_search_by_full_name_and_document_number(client_for, demo):
    """AUD-2: an auditor finds 王芳's entries by her name, and a demand's entries by its number."""
    from outsourcing.audit.actor import acting_as
    from outsourcing.demands import services
    from tests.demands.factories import demand_data

    with acting_as(demo.requester):  # as a page request by 李强 would
        demand = services.create_draft(actor=demo.requester, data=demand_data())
    client = client_for("auditor")
    by_name = client.get("/audit/", {"user": "李强"}).context["page"]
    by_username = client.get("/audit/", {"user": "requester"}).context["page"]
    assert len(by_name) == len(by_username) > 0
    by_number = client.get("/audit/", {"object_id": demand.number}).context["page"]
    assert {e.object_repr for e in by_number} == {str(demand)}
