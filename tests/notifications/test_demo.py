"""X-2: demo notifications load through the engine, once, in-app only."""

import pytest
from django.core import mail

from outsourcing.notifications import demo as notifications_demo
from outsourcing.notifications.models import Notification
from outsourcing.org.demo import USERS

pytestmark = pytest.mark.django_db


def test_demo_welcomes_each_demo_person_once(demo, client_for, django_capture_on_commit_callbacks):
    """X-2: idempotent through the dedup key; no e-mail printed by `make run`."""
    with django_capture_on_commit_callbacks(execute=True):
        notifications_demo.load()
        notifications_demo.load()
    welcome = Notification.objects.filter(dedup_key="demo:welcome")
    assert sorted(welcome.values_list("recipient__username", flat=True)) == sorted(u[0] for u in USERS)
    assert mail.outbox == []
    depthead = welcome.get(recipient__username="depthead")
    assert depthead.title == "欢迎使用劳务外包管理系统" and depthead.url == "/"
    assert "张伟，您好！" in depthead.body and "部门负责人 · 运营中心" in depthead.body
    assert "欢迎使用劳务外包管理系统" in client_for("depthead").get("/notifications/").content.decode()
