"""The audit trail at millions of rows (issue 20, AUD-2, X-7): its pages never count the whole trail; each page
reads one row more than it shows to offer the next page."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.audit.services import record_creations
from outsourcing.core.paginator import UncountedPaginator
from outsourcing.org.models import User

pytestmark = pytest.mark.django_db


def test_aud2_the_audit_pages_never_count_the_trail_and_still_page_through_it(demo, client_for):
    """AUD-2 (issue 20): no COUNT(*) on the trail; "next" exists while rows follow; the last page has none."""
    users = User.objects.bulk_create([User(username=f"trail-{n:03d}") for n in range(60)])
    record_creations(users, actor=demo.hr)
    total = LogEntry.objects.count()
    client = client_for("auditor")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/audit/")
    assert first.status_code == 200 and first.context["page"].has_next()
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "auditlog_logentry" in q["sql"]]
    text = first.content.decode()
    assert "第 1–50 条" in text and "page=2" in text and "第 1 页" in text
    last_number = (total - 1) // 50 + 1
    last = client.get("/audit/", {"page": last_number})
    assert not last.context["page"].has_next() and len(last.context["events"]) == total - 50 * (last_number - 1)
    assert client.get("/audit/", {"page": "x"}).context["page"].number == 1


def test_aud2_the_uncounted_paginator_reads_one_row_more_than_it_shows():
    page = UncountedPaginator(list(range(7)), 3).get_page(3)
    assert list(page) == [6] and not page.has_next() and page.has_previous() and page.start_index() == 7
    assert UncountedPaginator(list(range(6)), 3).get_page(1).has_next()
    assert list(UncountedPaginator([], 3).get_page(5)) == [] and UncountedPaginator([], 3).get_page(5).end_index() == 0
