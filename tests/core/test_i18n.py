"""X-4: Chinese by default whatever the browser says, English on request, Asia/Shanghai time."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from outsourcing.core.timeutil import today

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_even_for_an_english_browser(demo):
    """X-4"""
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html and "劳务外包管理系统" in html and "用户名" in html


def test_wrong_password_is_refused_in_chinese_without_saying_which_part(demo):
    """X-4, X-8: the message does not tell whether the username or the password was wrong."""
    client = Client()
    for username in ("hr", "no-such-user"):
        response = client.post("/accounts/login/", {"username": username, "password": "wrong-password"})
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert errors == ["请输入一个正确的用户名和密码。注意，两者都区分大小写。"]


def test_switching_to_english_and_back(client_for):
    """X-4: the switch sets a cookie; pages follow it; Chinese again on switching back."""
    client = client_for("hr")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "Hello, 王芳" in html and "Labor Outsourcing Management System" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "您好，王芳" in client.get("/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(demo):
    """X-4"""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="zh-hans">' in client.get("/accounts/login/").content.decode()


def test_company_time_is_asia_shanghai():
    """X-4: 2026-11-25 17:30 UTC is already 26 November in Shanghai."""
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ
    late_evening_utc = dt.datetime(2026, 11, 25, 17, 30, tzinfo=dt.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: late_evening_utc)
        assert today() == dt.date(2026, 11, 26)


def test_error_pages_use_the_layout_in_chinese(client_for):
    """X-4: 403 and 404 pages sit in the layout and speak Chinese."""
    client = client_for("vendor1")
    forbidden = client.get("/org/departments/")
    assert forbidden.status_code == 403 and "您没有打开此页面的权限。" in forbidden.content.decode()
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "返回我的首页" in missing.content.decode()
