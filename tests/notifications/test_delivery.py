"""X-2: a notice lands once in the recipient's inbox and is e-mailed once, however often it is sent."""

import logging
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction

from outsourcing.core.notices import Notice, send
from outsourcing.notifications import services
from outsourcing.notifications.models import Notification
from tests.notifications.factories import NotificationFactory
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.cn": (550, b"no such user")})


def notice(user, **kwargs) -> Notice:
    fields = {"title": "合同续签提醒", "body": "合同 CON-2026-0007 将于30天后到期。", "url": "/org/users/"}
    return Notice(recipient_id=user.pk, **{**fields, **kwargs})


def test_send_puts_the_notice_in_the_inbox_and_emails_it(demo, django_capture_on_commit_callbacks):
    """X-2: core.notices.send reaches this engine (registered in ready()); in-app plus one e-mail."""
    hr = demo.hr
    with django_capture_on_commit_callbacks(execute=True):
        assert send([notice(hr, dedup_key="contract:7:renewal", level="warning")]) == 1
    notification = Notification.objects.get(recipient=hr)
    assert (notification.title, notification.level, notification.url) == ("合同续签提醒", "warning", "/org/users/")
    assert notification.read_at is None and notification.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hr@demo.example.cn"]
    assert message.subject == "【劳务外包管理系统】合同续签提醒"
    assert message.body == "合同 CON-2026-0007 将于30天后到期。\n\n/org/users/\n"


def test_the_email_link_is_absolute_when_site_url_is_set(demo, settings, django_capture_on_commit_callbacks):
    """X-2"""
    settings.SITE_URL = "https://outsourcing.example.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        send([notice(demo.hr)])
    assert mail.outbox[0].body.endswith("\n\nhttps://outsourcing.example.cn/org/users/\n")


def test_an_external_link_is_never_put_in_an_email(demo, django_capture_on_commit_callbacks):
    """X-2: links only ever point inside the system."""
    with django_capture_on_commit_callbacks(execute=True):
        send([notice(demo.hr, url="https://evil.example/login")])
    assert "evil" not in mail.outbox[0].body


def test_the_same_dedup_key_twice_gives_one_notification_and_one_email(demo, django_capture_on_commit_callbacks):
    """X-2: same recipient and dedup key → nothing new, also within one batch."""
    hr, finance = demo.hr, demo.finance
    with django_capture_on_commit_callbacks(execute=True):
        assert send([notice(hr, dedup_key="proof:2026-11"), notice(hr, dedup_key="proof:2026-11")]) == 1
        assert send([notice(hr, dedup_key="proof:2026-11", title="改过的标题")]) == 0
        # the key is per recipient: someone else gets their own
        assert send([notice(finance, dedup_key="proof:2026-11")]) == 1
    assert Notification.objects.filter(recipient=hr).count() == 1
    assert Notification.objects.get(recipient=hr).title == "合同续签提醒"
    assert sorted(m.to[0] for m in mail.outbox) == ["finance@demo.example.cn", "hr@demo.example.cn"]


def test_notices_without_a_dedup_key_are_always_new(demo):
    """X-2: an empty key means "no deduplication"."""
    assert send([notice(demo.hr), notice(demo.hr)]) == 2
    assert Notification.objects.filter(recipient=demo.hr).count() == 2


def test_no_email_when_not_asked_or_no_address(demo, django_capture_on_commit_callbacks):
    """X-2: email=False is in-app only; a user without an address or a deactivated one gets no e-mail."""
    no_address = UserFactory(email="")
    gone = UserFactory(email="gone@example.cn", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send([notice(demo.hr, email=False), notice(no_address), notice(gone)]) == 3
    assert mail.outbox == []
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_a_failing_mail_server_never_loses_the_in_app_notification(
    demo, settings, caplog, django_capture_on_commit_callbacks
):
    """X-2: the failure is logged; the notification stays, not stamped as e-mailed."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with (
        caplog.at_level(logging.ERROR, logger="outsourcing.notifications.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send([notice(demo.hr, dedup_key="k")]) == 1
    notification = Notification.objects.get(recipient=demo.hr)
    assert notification.emailed_at is None
    assert f"e-mail for notification {notification.pk}" in caplog.text


def test_an_action_that_rolls_back_sends_no_email(demo, django_capture_on_commit_callbacks):
    """X-2: e-mail goes out only after the sender's transaction commits."""
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(LookupError),
        transaction.atomic(),
    ):
        send([notice(demo.hr)])
        raise LookupError("the approval failed after notifying")
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.filter(recipient=demo.hr).exists()


def test_a_notice_delivered_meanwhile_by_another_process_is_not_new(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    """X-2: if another process stores the same notice between our look and our insert, the unique
    constraint refuses ours and we neither count nor e-mail it."""
    hr = demo.hr
    NotificationFactory(recipient=hr, dedup_key="race", emailed_at=None)
    monkeypatch.setattr(services, "_not_yet_delivered", lambda notices: notices)  # the look saw nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliver([notice(hr, dedup_key="race"), notice(hr, dedup_key="other")]) == 1
    assert Notification.objects.filter(recipient=hr, dedup_key="race").count() == 1
    assert [m.subject for m in mail.outbox] == ["【劳务外包管理系统】合同续签提醒"]
    assert Notification.objects.get(dedup_key="other").emailed_at is not None
    assert Notification.objects.get(dedup_key="race").emailed_at is None


def test_bad_notices_are_refused_before_anything_is_stored(demo):
    """X-2: an unknown level, an empty title or an unknown recipient is a programming error."""
    for bad in (notice(demo.hr, level="critical"), notice(demo.hr, title="  "), Notice(recipient_id=10**9, title="x")):
        with pytest.raises(ValueError):
            services.deliver([bad])
    assert not Notification.objects.exists()


def test_a_long_title_is_shortened_not_refused(demo):
    """X-2: a document title can make a notice title long; it is cut to the column with an ellipsis."""
    send([notice(demo.hr, title="审批" * 150)])
    title = Notification.objects.get(recipient=demo.hr).title
    assert len(title) == 200 and title.startswith("审批" * 90) and not title.endswith("审批")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_senders_store_and_email_each_notice_once():
    """X-2: six threads send the same twenty notices at once: twenty rows, twenty e-mails, and the
    threads' "new" counts add up to twenty."""
    users = [UserFactory(email=f"worker{n}@example.cn") for n in range(4)]
    batch = [notice(user, dedup_key=f"expiry:{n}") for user in users for n in range(5)]
    barrier = threading.Barrier(6)
    counts: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            counts.append(services.deliver(batch))
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(counts) == 20 and Notification.objects.count() == 20
    assert len(mail.outbox) == 20 and Notification.objects.filter(emailed_at__isnull=True).count() == 0
