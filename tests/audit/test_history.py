"""X-1, AUD-2: any document page shows its record's history with `{% object_history document %}`: when
(Asia/Shanghai), who, what was done, and each changed field by its name with its value before → after."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from outsourcing.audit.actor import acting_as
from tests.audit.factories import LogEntryFactory, SampleDocumentFactory

pytestmark = pytest.mark.django_db

TAG = Template("{% load audit_tags %}{% object_history document %}")


def render_history(document, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with translation.override("en"):
        return TAG.render(Context({"document": document, "request": request}))


def test_the_document_page_has_a_history_of_who_changed_what(client_for, demo):
    """X-1: 李强 drafts and submits; the page lists both entries, newest first, with names and values."""
    with acting_as(demo.requester):
        document = SampleDocumentFactory(title="客服外包需求")
        document.title = "客服外包需求（2026）"
        document.status = "in_approval"
        document.save()
    client = client_for("hr")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/testapp/{document.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="object-history"' in html
    history = html[html.index('id="object-history"') :]
    assert history.count('class="list-group-item history-entry"') == 2
    assert history.index('data-action="update"') < history.index('data-action="create"')  # newest first
    assert "李强" in history and "Changed" in history and "Created" in history
    for text in ("Title", "客服外包需求", "客服外包需求（2026）", "Status", "草稿", "审批中"):
        assert text in history, text


def test_history_times_are_shown_in_shanghai_time(demo):
    """X-4: an entry at 15:30 UTC on 1 March reads 23:30 on 1 March."""
    document = SampleDocumentFactory()
    LogEntryFactory(record=document, actor=demo.hr, timestamp=dt.datetime(2026, 3, 1, 15, 30, tzinfo=dt.UTC))
    html = render_history(document, demo.hr)
    assert "2026-03-01 23:30:00" in html and "2026-03-01 15:30" not in html


def test_references_amounts_and_choices_read_as_people_say_them(demo):
    """X-1: a department reads as its name, an amount in CNY, a status by its label; not ids or codes."""
    with acting_as(demo.requester):
        document = SampleDocumentFactory(amount="120000")
    html = render_history(document, demo.auditor)
    assert "客户服务部" in html and "¥120,000.00" in html and "草稿" in html
    assert "Department" in html and "Amount" in html


def test_vendor_users_and_visitors_see_no_internal_history(demo):
    """AUD-2: the history is for company staff; a vendor user (or nobody) gets nothing."""
    from django.contrib.auth.models import AnonymousUser

    document = SampleDocumentFactory()
    assert 'id="object-history"' in render_history(document, demo.hr)
    assert render_history(document, demo.vendor1).strip() == ""
    assert render_history(document, AnonymousUser()).strip() == ""


def test_auditors_get_a_link_to_the_full_trail_of_the_record(demo):
    """AUD-2: from a record's history an auditor opens the audit search filtered to it."""
    document = SampleDocumentFactory()
    link = f"/audit/?object_type=testapp.sampledocument&amp;object_id={document.pk}"
    assert link in render_history(document, demo.auditor)
    assert "/audit/" not in render_history(document, demo.hr)


def test_the_history_costs_the_same_queries_for_5_or_60_entries(demo, django_assert_max_num_queries):
    """X-1: names of referenced people and departments are read in bulk, not once per entry."""
    people = [demo.requester, demo.hr, demo.depthead, demo.finance]
    document = SampleDocumentFactory()

    def change(n: int) -> None:
        for i in range(n):
            document.title = f"第{document.pk}-{i}-{n}版"
            document.updated_by = people[i % len(people)]
            document.save()

    change(4)  # 5 entries with the creation
    with CaptureQueriesContext(connection) as few:
        assert render_history(document, demo.hr).count('class="list-group-item history-entry"') == 5
    change(55)
    with django_assert_max_num_queries(len(few)):
        assert render_history(document, demo.hr).count('class="list-group-item history-entry"') == 60
