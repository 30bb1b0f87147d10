"""X-2, X-6: the inbox through the REST API: mine only, ?unread=1, mark read, mark all read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from outsourcing.notifications.models import Notification
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

READ = "2026-11-20T09:00:00Z"


def test_list_is_mine_only_unread_first_and_paginated(demo, api_for):
    """X-2, X-6: the standard page shape; vendor1 never sees hr's notifications."""
    NotificationFactory(recipient=demo.hr, title="已读", read_at=READ)
    NotificationFactory(recipient=demo.hr, title="未读", level="warning")
    NotificationFactory(recipient=demo.vendor1, title="外包商的")
    page = api_for("hr").get("/api/notifications/").json()
    assert set(page) == {"count", "next", "previous", "results"} and page["count"] == 2
    assert [n["title"] for n in page["results"]] == ["未读", "已读"]
    first = page["results"][0]
    assert set(first) == {"id", "title", "body", "url", "level", "level_display", "kind", "created_at", "read_at",
                          "is_read", "resolved_at"}  # fmt: skip
    assert first["level"] == "warning" and first["is_read"] is False and first["read_at"] is None
    assert [n["title"] for n in api_for("vendor1").get("/api/notifications/").json()["results"]] == ["外包商的"]


def test_unread_filter(demo, api_for):
    """X-2"""
    NotificationFactory(recipient=demo.hr, title="已读", read_at=READ)
    NotificationFactory(recipient=demo.hr, title="未读")
    api = api_for("hr")
    assert [n["title"] for n in api.get("/api/notifications/?unread=1").json()["results"]] == ["未读"]
    assert api.get("/api/notifications/?unread=0").json()["count"] == 2


def test_mark_one_read(demo, api_for):
    """X-2: POST …/{id}/read/ answers with the notification, now read; again is harmless."""
    item = NotificationFactory(recipient=demo.hr)
    api = api_for("hr")
    response = api.post(f"/api/notifications/{item.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    item.refresh_from_db()
    first_read = item.read_at
    assert first_read is not None
    assert api.post(f"/api/notifications/{item.pk}/read/").status_code == 200
    item.refresh_from_db()
    assert item.read_at == first_read


def test_mark_all_read(demo, api_for):
    """X-2: answers how many were marked; other people's stay unread."""
    NotificationFactory.create_batch(3, recipient=demo.hr)
    NotificationFactory(recipient=demo.hr, read_at=READ)
    theirs = NotificationFactory(recipient=demo.finance)
    response = api_for("hr").post("/api/notifications/read-all/")
    assert response.status_code == 200 and response.json() == {"marked": 3}
    assert not Notification.objects.filter(recipient=demo.hr, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_someone_elses_notification_is_404(demo, api_for):
    """X-2, X-6: vendor2 (the outsider) cannot read or mark hr's notification; it stays unread."""
    theirs = NotificationFactory(recipient=demo.hr)
    api = api_for("vendor2")
    assert api.get(f"/api/notifications/{theirs.pk}/").status_code == 404
    assert api.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_gets_401_everywhere(demo):
    """X-6"""
    item = NotificationFactory(recipient=demo.hr)
    client = APIClient()
    for method, url in (
        ("get", "/api/notifications/"),
        ("get", f"/api/notifications/{item.pk}/"),
        ("post", f"/api/notifications/{item.pk}/read/"),
        ("post", "/api/notifications/read-all/"),
    ):
        assert getattr(client, method)(url).status_code == 401, url
    item.refresh_from_db()
    assert item.read_at is None


def test_the_list_costs_the_same_with_3_or_60_notifications(demo, api_for, django_assert_max_num_queries):
    """X-2, X-6"""
    api = api_for("hr")
    counts = []
    for total in (3, 60):
        NotificationFactory.create_batch(
            total - Notification.objects.filter(recipient=demo.hr).count(), recipient=demo.hr
        )
        with django_assert_max_num_queries(4), CaptureQueriesContext(connection) as queries:
            assert api.get("/api/notifications/?page_size=100").json()["count"] == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_endpoints_are_in_the_schema_without_warnings():
    """X-6: drf-spectacular describes this app's endpoints without a warning or error."""
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/", include("outsourcing.notifications.api_urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert not GENERATOR_STATS, (dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache))
    paths = schema["paths"]
    assert set(paths) == {
        "/api/notifications/",
        "/api/notifications/{id}/",
        "/api/notifications/{id}/read/",
        "/api/notifications/read-all/",
    }
    assert {p["name"] for p in paths["/api/notifications/"]["get"]["parameters"]} >= {"unread", "page", "page_size"}
    assert set(paths["/api/notifications/read-all/"]) == {"post"}


def test_the_project_schema_lists_the_endpoints(client_for):
    """X-6: and the real /api/schema/ includes them."""
    paths = client_for("hr").get("/api/schema/?format=json").json()["paths"]
    assert "/api/notifications/" in paths and "/api/notifications/{id}/read/" in paths
