"""X-6, ORG-3, security finding 7: API tokens expire, die with a password change or deactivation and are listed
and revoked by their owner only; sessions end after an idle time (shorter for vendors) and vendors' at browser close."""

import time
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from outsourcing.org import services
from outsourcing.org.middleware import LAST_SEEN_KEY
from outsourcing.org.models import ApiToken
from outsourcing.org.tokens import issue_token

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "outsourcing-demo"


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def obtain(username: str, password: str = DEMO_PASSWORD) -> str:
    response = APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_token_expires_after_the_configured_days(demo):
    """X-6, security finding 7: a token works for API_TOKEN_DAYS (default 30) and is then refused, in Chinese,
    with a stable code."""
    key = obtain("hr")
    token = ApiToken.objects.get(user=demo.hr, prefix=key[:8])
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert token_client(key).get("/api/me/").status_code == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = token_client(key).get("/api/me/")
    assert refused.status_code == 401
    body = refused.json()
    assert body["code"] == "token_expired"
    assert "过期" in body["detail"] and "/api/auth/token/" in body["detail"]


@override_settings(API_TOKEN_DAYS=2)
def test_token_lifetime_follows_the_setting(demo):
    """X-6, security finding 7"""
    token, _key = issue_token(user=demo.hr)
    assert timedelta(days=1, hours=23) < token.expires_at - timezone.now() <= timedelta(days=2)


def test_token_dies_with_a_password_change(demo):
    """X-6, security finding 7: the person's own change on the page, and an administrator's reset."""
    depthead = demo.depthead
    key = obtain("depthead")
    assert token_client(key).get("/api/me/").status_code == 200
    client = Client()
    client.force_login(depthead)
    changed = client.post(
        "/accounts/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": "Another-pass-2026", "new_password2": "Another-pass-2026"},
    )
    assert changed.status_code == 302
    refused = token_client(key).get("/api/me/")
    assert refused.status_code == 401 and refused.json()["code"] == "token_revoked"
    assert "密码" in refused.json()["detail"]

    key = obtain("depthead", "Another-pass-2026")
    assert token_client(key).get("/api/me/").status_code == 200
    services.reset_password(actor=demo.admin, user=depthead, password="Third-pass-2026")
    assert token_client(key).get("/api/me/").json()["code"] == "token_revoked"


def test_token_dies_with_deactivation_and_stays_dead_after_reactivation(demo):
    """X-6, ORG-1, security finding 7"""
    key = obtain("legal")
    assert token_client(key).get("/api/me/").status_code == 200
    legal = demo.legal
    fields = {
        "full_name": legal.full_name,
        "email": legal.email,
        "department": legal.department,
        "roles": [services.RoleGrant(a.role, a.department) for a in legal.role_assignments.all()],
    }
    services.update_user(actor=demo.admin, user=legal, is_active=False, **fields)
    refused = token_client(key).get("/api/me/")
    assert refused.status_code == 401 and refused.json()["code"] in {"token_invalid", "account_inactive"}
    assert not ApiToken.objects.filter(user=legal).exists()

    services.update_user(actor=demo.admin, user=legal, is_active=True, **fields)
    assert token_client(key).get("/api/me/").status_code == 401


def test_an_unknown_token_is_refused_in_the_project_error_shape(demo):
    """X-6, X-8, security finding 7"""
    refused = token_client("0" * 40).get("/api/me/")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_invalid" and "令牌" in refused.json()["detail"]


def test_owner_lists_and_revokes_own_tokens_and_cannot_see_others(demo):
    """X-6, ORG-3, security finding 7: GET/DELETE /api/auth/tokens/; vendor2's token is invisible to vendor1."""
    first, second = obtain("vendor1"), obtain("vendor1")
    other = obtain("vendor2")
    api = token_client(first)
    listed = api.get("/api/auth/tokens/").json()
    assert listed["count"] == 2
    rows = {row["prefix"]: row for row in listed["results"]}
    assert set(rows) == {first[:8], second[:8]}
    assert rows[first[:8]]["current"] is True and rows[second[:8]]["current"] is False
    assert {"id", "name", "created_at", "expires_at", "last_used_at"} <= set(rows[first[:8]])
    assert "key" not in rows[first[:8]] and "key_hash" not in rows[first[:8]]

    others = ApiToken.objects.get(user=demo.vendor2, prefix=other[:8])
    assert api.delete(f"/api/auth/tokens/{others.pk}/").status_code == 404
    assert token_client(other).get("/api/me/").status_code == 200

    assert api.delete(f"/api/auth/tokens/{rows[second[:8]]['id']}/").status_code == 204
    assert token_client(second).get("/api/me/").status_code == 401
    assert [row["prefix"] for row in api.get("/api/auth/tokens/").json()["results"]] == [first[:8]]


def test_token_page_under_the_account_menu(client_for, demo):
    """X-6, ORG-3, security finding 7: issue a token on the page (shown once), list it, revoke it; another
    person's token cannot be revoked from the page."""
    client = client_for("vendor1")
    home = client.get("/").content.decode()
    assert 'href="/accounts/tokens/"' in home
    issued = client.post("/accounts/tokens/", {"name": "考勤系统"})
    assert issued.status_code == 200 and issued["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=demo.vendor1, name="考勤系统")
    page = issued.content.decode()
    key = page.split('<code class="fs-6 user-select-all">')[1].split("</code>")[0]
    assert key.startswith(token.prefix) and token_client(key).get("/api/me/").status_code == 200
    listing = client.get("/accounts/tokens/").content.decode()
    assert "考勤系统" in listing and key not in listing

    vendor2_token, _key = issue_token(user=demo.vendor2)
    assert client.post(f"/accounts/tokens/{vendor2_token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=vendor2_token.pk).exists()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert Client().get("/accounts/tokens/").status_code == 302


def idle(client: Client, minutes: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - minutes * 60
    session.save()


def test_vendor_session_idle_31_minutes_is_logged_out_internal_is_not(client_for):
    """ORG-3, X-6, security finding 7: vendors' sessions end after 30 idle minutes, staff's after 8 hours."""
    vendor, internal = client_for("vendor1"), client_for("hr")
    for client in (vendor, internal):
        assert client.get("/").status_code == 200
        idle(client, 31)
    response = vendor.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert vendor.get("/api/me/").status_code in {401, 403}
    assert internal.get("/").status_code == 200

    idle(internal, 8 * 60 + 1)
    assert internal.get("/").status_code == 302


def test_vendor_session_ends_with_the_browser(demo):
    """ORG-3, security finding 7: a vendor user's session cookie has no expiry date; staff keep theirs."""
    vendor, internal = Client(), Client()
    for client, username in ((vendor, "vendor1"), (internal, "hr")):
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
    assert vendor.cookies["sessionid"]["max-age"] == "" and vendor.cookies["sessionid"]["expires"] == ""
    assert vendor.session.get_expire_at_browser_close()
    assert internal.cookies["sessionid"]["max-age"]
    assert not internal.session.get_expire_at_browser_close()
