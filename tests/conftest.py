"""Shared fixtures: the demo company, loaded once per test database, and its people by name.

Like healthchecks' alice/bob/charlie, the personas' access is spelled out by the demo data:
`admin` administers; `hr` owns the policy; `depthead` heads 运营中心 (OPS) and so 客户服务部 and
物流仓储部 under it; `ithead` heads 信息技术部 (IT); `requester` owns projects in 客户服务部, `logistics` in 物流仓储部,
`itowner` in IT运维组;
`vendor1` and `vendor2` are users of two different vendors (vendor2 is the outsider in isolation tests).
"""

from __future__ import annotations

import io

import pytest
from django.db import connection

from outsourcing.org import demo as org_demo
from outsourcing.org.models import User


def ensure_demo_company() -> None:
    if not User.objects.filter(username="admin").exists():
        org_demo.load()
    # Data a migration inserts is gone after a browser test flushed the database: the policy library (AUD-3).
    from outsourcing.compliance.models import PolicyRule
    from outsourcing.compliance.policy_rules import ensure_policy_library

    ensure_policy_library(PolicyRule)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_demo_company()


@pytest.fixture(scope="session")
def loaded_demo(django_db_setup, django_db_blocker):
    """The full demo (`load_demo`: every app's slice), loaded once per test worker, not once per test: it takes
    about 35 s. Loaded inside a transaction that is rolled back when the session ends; each test runs inside it
    in a savepoint of its own (pytest-django's usual per-test transaction), so a test's own writes are undone
    and the next demo test sees the demo as loaded. The tests that use it are moved to the end of the run
    (pytest_collection_modifyitems below), so no other test ever sees these rows."""
    from django.core.management import call_command
    from django.db import transaction

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def company_language():
    """Each test starts in the company's language: a page request in English earlier on the same worker
    leaves English active in the thread, and messages built outside a request would follow it."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: the API throttles count calls there per user, and a test that makes
    many calls (the generated API test) must not use up the next test's budget on the same worker."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo(db):
    """The demo people by username: demo.hr, demo.depthead, demo.vendor1 …"""
    ensure_demo_company()

    class People:
        def __getattr__(self, username: str) -> User:
            return User.objects.get(username=username)

    return People()


@pytest.fixture
def client_for(demo):
    """client_for("hr") → a test client logged in as that demo user."""
    from django.test import Client

    def make(username: str) -> Client:
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return make


@pytest.fixture
def api_for(demo):
    """api_for("hr") → a DRF APIClient authenticated with a new API token of that user."""
    from django.utils import timezone
    from rest_framework.test import APIClient

    from outsourcing.org.tokens import issue_token

    def make(username: str) -> APIClient:
        c = APIClient()
        token, key = issue_token(user=User.objects.get(username=username))
        # Marked as just used: the first call would otherwise record its use (one UPDATE, at most once a minute,
        # org.tokens) and the query-count tests compare a first call with a second.
        type(token).objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        c.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return c

    return make


def pytest_collection_modifyitems(config, items):
    # The tests that read the full demo run last on their worker: `loaded_demo` keeps its transaction open
    # until the session ends, and no other test may see its rows (a stable sort keeps the rest in order).
    items.sort(key=lambda item: "loaded_demo" in getattr(item, "fixturenames", ()))
    for item in items:
        if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); CI runs it there"))
