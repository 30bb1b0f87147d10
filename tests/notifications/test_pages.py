"""X-2: the bell with the unread count on every page, the inbox list (mine only), open, mark read
in place with htmx, mark all read."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from outsourcing.notifications.context_processors import notifications as bell_context
from outsourcing.notifications.models import Notification
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

READ = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_the_bell_shows_my_unread_count_on_every_page(demo, client_for):
    """X-2: the badge counts my unread notifications only; no badge at zero; no bell for visitors."""
    NotificationFactory.create_batch(2, recipient=demo.hr)
    NotificationFactory(recipient=demo.hr, read_at=READ)
    NotificationFactory.create_batch(5, recipient=demo.vendor1)
    hr = english(client_for("hr"))
    for url in ("/", "/org/departments/", "/notifications/"):
        html = hr.get(url).content.decode()
        assert 'id="notification-bell"' in html and 'aria-label="Notifications, 2 unread"' in html, url
        assert 'text-bg-danger" id="unread-count" aria-hidden="true">2</span>' in html, url
    html = english(client_for("depthead")).get("/").content.decode()
    assert 'aria-label="Notifications"' in html and 'id="unread-count"' not in html
    assert "notification-bell" not in Client().get("/accounts/login/").content.decode()


def test_the_badge_stops_at_99(demo, client_for):
    """X-2"""
    NotificationFactory.create_batch(120, recipient=demo.hr)
    assert 'aria-hidden="true">99+</span>' in client_for("hr").get("/").content.decode()


def test_the_bell_costs_one_count_query_and_none_for_visitors(demo):
    """X-2: the context processor counts once per request, and only when the bell is shown."""
    NotificationFactory.create_batch(3, recipient=demo.hr)
    request = RequestFactory().get("/")
    request.user = demo.hr
    context = bell_context(request)
    with CaptureQueriesContext(connection) as queries:
        assert context["unread_notifications"]() == 3
        assert context["unread_notifications"]() == 3
    assert len(queries) == 1 and "COUNT(" in queries[0]["sql"].upper()
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    with CaptureQueriesContext(connection) as queries:
        assert bell_context(request) == {"unread_notifications": 0}
    assert len(queries) == 0


def test_the_list_shows_only_my_notifications(demo, client_for):
    """X-2: vendor1 never sees hr's notifications, nor hr vendor1's."""
    NotificationFactory(recipient=demo.hr, title="外包人员备案待复核")
    NotificationFactory(recipient=demo.vendor1, title="请提交11月服务证明")
    vendor_page = client_for("vendor1").get("/notifications/").content.decode()
    assert "请提交11月服务证明" in vendor_page and "外包人员备案待复核" not in vendor_page
    hr_page = client_for("hr").get("/notifications/").content.decode()
    assert "外包人员备案待复核" in hr_page and "请提交11月服务证明" not in hr_page


def test_unread_first_then_newest_in_company_time(demo, client_for):
    """X-2, X-4: unread before read, newest first in each; times in Asia/Shanghai."""
    base = dt.datetime(2026, 11, 25, 17, 30, tzinfo=dt.UTC)  # 2026-11-26 01:30 in Shanghai
    NotificationFactory(recipient=demo.hr, title="旧的已读", created_at=base - dt.timedelta(days=2), read_at=base)
    NotificationFactory(recipient=demo.hr, title="新的已读", created_at=base, read_at=base)
    NotificationFactory(recipient=demo.hr, title="旧的未读", created_at=base - dt.timedelta(days=3))
    NotificationFactory(recipient=demo.hr, title="新的未读", created_at=base - dt.timedelta(days=1), level="danger")
    response = client_for("hr").get("/notifications/")
    assert [n.title for n in response.context["page"]] == ["新的未读", "旧的未读", "新的已读", "旧的已读"]
    html = response.content.decode()
    assert "2026-11-26 01:30" in html
    assert 'class="list-group-item notification py-3 notification-unread" id="notification-' in html
    assert 'class="bi bi-exclamation-octagon-fill text-danger fs-5"' in html


def test_the_list_costs_the_same_with_3_or_60_notifications(demo, client_for, django_assert_max_num_queries):
    """X-2: a fixed number of queries per page, paginated by 25."""
    counts = []
    client = client_for("hr")
    for total in (3, 60):
        NotificationFactory.create_batch(
            total - Notification.objects.filter(recipient=demo.hr).count(), recipient=demo.hr
        )
        # the layout (session, user, navigation badges of other apps) plus 3 of ours: count, page, bell
        with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as queries:
            response = client.get("/notifications/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(response.context["page"]) == 25 and response.context["page"].paginator.num_pages == 3


def test_open_marks_read_and_goes_to_the_page(demo, client_for):
    """X-2"""
    item = NotificationFactory(recipient=demo.hr, url="/org/departments/")
    response = client_for("hr").get(f"/notifications/{item.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/org/departments/"
    item.refresh_from_db()
    assert item.read_at is not None


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", ""],
)
def test_open_never_redirects_off_the_site(demo, client_for, url):
    """X-2: only paths inside the system are followed; anything else goes to the inbox."""
    item = NotificationFactory(recipient=demo.hr, url=url)
    response = client_for("hr").get(f"/notifications/{item.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"


def test_mark_read_in_place_with_htmx(demo, client_for):
    """X-2: the htmx POST answers with the updated row and the bell (out of band), nothing else."""
    item, other = NotificationFactory.create_batch(2, recipient=demo.hr)
    response = english(client_for("hr")).post(f"/notifications/{item.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="notification-{item.pk}"' in html and "notification-unread" not in html
    assert 'class="btn btn-sm btn-outline-secondary mark-read"' not in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html and 'aria-label="Notifications, 1 unread"' in html
    item.refresh_from_db(), other.refresh_from_db()
    assert item.read_at is not None and other.read_at is None


def test_mark_read_without_htmx_goes_back(demo, client_for):
    """X-2: without JavaScript the form posts and returns to the page it came from (never off-site)."""
    item, second = NotificationFactory.create_batch(2, recipient=demo.hr)
    client = client_for("hr")
    response = client.post(f"/notifications/{item.pk}/read/", {"next": "/notifications/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/notifications/?page=2"
    response = client.post(f"/notifications/{second.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"
    assert Notification.objects.filter(recipient=demo.hr, read_at__isnull=True).count() == 0


def test_the_row_offers_htmx_mark_read_and_open(demo, client_for):
    """X-2: each unread row has a form that works with and without htmx."""
    item = NotificationFactory(recipient=demo.hr)
    html = client_for("hr").get("/notifications/").content.decode()
    assert f'hx-post="/notifications/{item.pk}/read/" hx-target="#notification-{item.pk}" hx-swap="outerHTML"' in html
    assert f'action="/notifications/{item.pk}/read/"' in html and f'href="/notifications/{item.pk}/open/"' in html


def test_mark_all_read_touches_only_mine(demo, client_for):
    """X-2"""
    NotificationFactory.create_batch(3, recipient=demo.hr)
    theirs = NotificationFactory(recipient=demo.finance)
    response = client_for("hr").post("/notifications/read-all/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert not Notification.objects.filter(recipient=demo.hr, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_someone_elses_notification_is_not_found(demo, client_for):
    """X-2: open and mark read on another person's notification → 404, and it stays unread."""
    theirs = NotificationFactory(recipient=demo.hr)
    vendor = client_for("vendor2")
    assert vendor.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert vendor.post(f"/notifications/{theirs.pk}/read/", HTTP_HX_REQUEST="true").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("username", ["admin", "hr", "requester", "depthead", "auditor", "vendor1", "vendor2"])
def test_every_person_has_an_inbox(client_for, username):
    """X-2: staff and vendor users alike."""
    assert client_for(username).get("/notifications/").status_code == 200


def test_visitors_are_sent_to_log_in_and_writes_need_post(demo, client_for):
    """X-2"""
    item = NotificationFactory(recipient=demo.hr)
    for url in ("/notifications/", f"/notifications/{item.pk}/open/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for url in (f"/notifications/{item.pk}/read/", "/notifications/read-all/"):
        assert Client().post(url).status_code == 302
        assert client_for("hr").get(url).status_code == 405
    item.refresh_from_db()
    assert item.read_at is None
