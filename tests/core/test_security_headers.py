"""X-6, security finding 8: a Content-Security-Policy without inline scripts, Referrer-Policy and
Permissions-Policy on every page; no inline script or event handler in any template; production settings pass
`manage.py check --deploy` with nothing to report; the API schema and docs need a login."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_pages_send_a_content_security_policy_without_inline_scripts(client_for):
    """X-6, security finding 8: scripts only from the app itself; no framing; inline styles allowed."""
    for client, url in ((Client(), "/accounts/login/"), (client_for("hr"), "/"), (client_for("vendor1"), "/")):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = csp_directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert response["Referrer-Policy"] == "same-origin"
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in permissions


def test_api_answers_carry_the_headers_too(api_for):
    """X-6, security finding 8"""
    response = api_for("hr").get("/api/me/")
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["Referrer-Policy"] == "same-origin" and "camera=()" in response["Permissions-Policy"]


TEMPLATE_DIRS = [ROOT / "outsourcing"]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
JS_URL = re.compile(r"""\b(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
# htmx attributes that run JavaScript from the page (blocked by the policy's script-src anyway).
HTMX_EVAL = re.compile(r"""\bhx-on[:-]|\bhx-vars=|["']js:""", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_handler():
    """X-6, security finding 8: every template in the project and its apps: scripts are files, behaviour is
    attached by static JS (outsourcing/static/js/app.js), so nothing breaks under the policy."""
    offences = []
    templates = [p for d in TEMPLATE_DIRS for p in d.rglob("templates/**/*.html")]
    assert len(templates) > 50
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("javascript: URL", JS_URL),
            ("htmx eval", HTMX_EVAL),
        ):
            offences += [f"{path.relative_to(ROOT)}: {name}: {m.group(0)[:80]}" for m in pattern.finditer(text)]
    assert offences == []


def test_schema_and_docs_need_a_login(client_for):
    """X-6, security finding 8: anonymous → 401 on the schema, the login page for the docs; logged in → served,
    the docs page without inline script (Swagger UI's start-up is a separate script)."""
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code == 401
    assert anonymous.get("/api/schema/?format=json").status_code == 401
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/?next=/api/docs/")

    client = client_for("vendor1")
    assert client.get("/api/schema/?format=json").json()["openapi"].startswith("3.")
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert INLINE_SCRIPT.search(html) is None
    script_src = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    script = client.get(script_src)
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def production_env(tmp_path) -> dict:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (tests/e2e/conftest.py) is no production setting.
    dropped = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="outsourcing.settings",
        DATABASE_URL="postgres://app@db.internal/outsourcing",
        SECRET_KEY=secrets.token_urlsafe(50),
        PERSONAL_DATA_KEYS="N2uVXHmF0m1BKdeJk8nT5p0jJ0cAUwqz6yQk0sN9vJ8=",
        PERSONAL_DATA_HASH_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="oa.example.cn",
        SECURE_COOKIES="1",
        BEHIND_TLS_PROXY="1",
        OUTSOURCING_VAR_DIR=str(tmp_path),
    )
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """X-6, security finding 8: `manage.py check --deploy` with SECURE_COOKIES=1 BEHIND_TLS_PROXY=1 reports
    nothing (HSTS, the HTTPS redirect, secure cookies included)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=production_env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr, result.stderr


def test_production_settings_turn_on_hsts_and_the_https_redirect(tmp_path):
    """X-6, security finding 8: what the flags switch on, and that the embedded default stays plain HTTP."""
    code = (
        "import outsourcing.settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER is not None)"
    )
    run = subprocess.run
    production = run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=production_env(tmp_path), timeout=60
    )
    assert production.stdout.split() == ["31536000", "True", "True", "True", "True"], production.stderr
    embedded_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "SECURE_COOKIES", "BEHIND_TLS_PROXY"}
    }
    embedded_env["OUTSOURCING_VAR_DIR"] = str(tmp_path / "embedded")
    embedded = run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=embedded_env, timeout=60)
    assert embedded.stdout.split() == ["0", "False", "False", "False", "False"], embedded.stderr
