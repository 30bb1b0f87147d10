"""ORG-3 (security finding 2): failed logins are throttled on the login page and on /api/auth/token/ —
the account is locked from the address after LOGIN_FAILURE_LIMIT failures, told when to retry, kept in the
audit trail, and HR or an administrator lifts the lock; the API is throttled per token."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

PASSWORD = "outsourcing-demo"


def _login(client, password):
    return client.post("/accounts/login/", {"username": "vendor1", "password": password})


def test_six_wrong_passwords_lock_vendor1_until_admin_unlocks(demo, client_for):
    """ORG-3: the sixth try is refused even with the right password, with the reason and when to retry."""
    assert settings.AXES_FAILURE_LIMIT == 5
    browser = Client()
    for _ in range(4):
        assert _login(browser, "wrong").status_code == 200  # the form again, "wrong username or password"
    locked = _login(browser, "wrong")
    assert locked.status_code == 429
    page = _login(browser, PASSWORD)
    assert page.status_code == 429 and "_auth_user_id" not in browser.session
    text = page.content.decode()
    assert "登录失败次数过多" in text and "后重试" in text and 'id="login-locked"' in text
    # Every failure is in the audit trail; the locking one is marked.
    failures = AccessFailureLog.objects.filter(username="vendor1")
    assert failures.count() == 6 and failures.filter(locked_out=True).exists()
    kind = ContentType.objects.get_for_model(AccessFailureLog)
    assert LogEntry.objects.filter(content_type=kind, action=LogEntry.Action.CREATE).count() == 6

    # Staff outside HR and administration do not see the locks; HR and admin do.
    assert client_for("requester").get("/org/lockouts/").status_code == 403
    assert client_for("vendor2").get("/org/lockouts/").status_code == 403
    admin = client_for("admin")
    listing = admin.get("/org/lockouts/")
    assert listing.status_code == 200 and "vendor1" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="vendor1")
    assert admin.post(f"/org/lockouts/{attempt.pk}/unlock/").status_code == 302
    assert not AccessAttempt.objects.filter(username="vendor1").exists()
    unlocked = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(AccessAttempt),
                                    action=LogEntry.Action.DELETE)  # fmt: skip
    assert unlocked.actor.username == "admin"
    assert _login(browser, PASSWORD).status_code == 302  # logs in again
    # A lock already lifted: said so, nothing else happens.
    response = admin.post(f"/org/lockouts/{attempt.pk}/unlock/", follow=True)
    assert "已解除或已过期" in response.content.decode()


def test_token_endpoint_locks_with_the_same_count(demo):
    """ORG-3: /api/auth/token/ counts failures too and answers 429 with the code login_locked."""
    api = APIClient()
    for _ in range(4):
        assert api.post("/api/auth/token/", {"username": "vendor2", "password": "x"}, format="json").status_code == 400
    assert api.post("/api/auth/token/", {"username": "vendor2", "password": "x"}, format="json").status_code == 429
    answer = api.post("/api/auth/token/", {"username": "vendor2", "password": PASSWORD}, format="json")
    assert answer.status_code == 429
    assert answer.json()["code"] == "login_locked" and "后重试" in answer.json()["detail"]
    # Another account from the same address is not locked by vendor2's failures.
    assert api.post("/api/auth/token/", {"username": "hr", "password": PASSWORD}, format="json").status_code == 200


def test_a_success_before_the_limit_clears_the_count(demo):
    """ORG-3: four slips and a right password start the count again."""
    browser = Client()
    for _ in range(4):
        _login(browser, "wrong")
    assert _login(browser, PASSWORD).status_code == 302
    browser.logout()
    for _ in range(4):
        assert _login(browser, "wrong").status_code == 200
    assert _login(browser, PASSWORD).status_code == 302


def test_api_calls_are_throttled_per_token(demo, api_for, monkeypatch):
    """ORG-3: beyond API_RATE_PER_USER calls a minute a token is answered 429."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})
    from django.core.cache import cache

    cache.clear()
    api = api_for("hr")
    codes = [api.get("/api/me/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert api_for("finance").get("/api/me/").status_code == 200  # another user's budget is their own
    cache.clear()
