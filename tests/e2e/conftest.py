"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

Every test here is marked `e2e` and kept in one xdist group, so one worker runs them all with one
browser. A test fails on any console error or uncaught page error (ARCHITECTURE, Tests). When it
fails, a screenshot lands in test-artifacts/.

Chromium missing: the browser tests are skipped, and the terminal says so; with REQUIRE_E2E=1 (CI)
a missing browser is a failure instead.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pytest

from tests.conftest import ensure_demo_company

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse every
# ORM call made from that thread (the fixtures and the database checks in the tests).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_REASON = f"Chromium not found at {CHROMIUM_PATH}: browser tests skipped; install Debian's chromium"
REQUIRED_MISSING = f"REQUIRE_E2E=1 but Chromium not found at {CHROMIUM_PATH}; install Debian's chromium"

_blocker_key = pytest.StashKey[object]()
_reports_key = pytest.StashKey[dict]()
_skipped_for_missing_browser = pytest.StashKey[int]()


def chromium_available() -> bool:
    return os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)


def require_e2e() -> bool:
    return os.environ.get("REQUIRE_E2E", "").strip() == "1"


def _is_e2e(item: pytest.Item) -> bool:
    path = Path(item.path).resolve()
    return path.parent == E2E_DIR or E2E_DIR in path.parents


# ---------------------------------------------------------------------------------------------------
# Collection: markers, and what to do without a browser


@pytest.hookimpl(tryfirst=True)  # before xdist's, which reads xdist_group to group the node ids
def pytest_collection_modifyitems(config, items):
    e2e_items = [item for item in items if _is_e2e(item)]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group("e2e"))
    if not e2e_items or chromium_available():
        return
    if require_e2e():
        if not hasattr(config, "workerinput"):
            raise pytest.UsageError(REQUIRED_MISSING)
        # An xdist worker cannot stop the run cleanly at collection: each browser test fails instead
        # (pytest_runtest_setup below).
        return
    skip = pytest.mark.skip(reason=MISSING_REASON)
    for item in e2e_items:
        item.add_marker(skip)
    config.stash[_skipped_for_missing_browser] = len(e2e_items)
    if hasattr(config, "workerinput"):
        # Under xdist the summary below is printed by the controller, which need not have loaded this
        # conftest; a warning travels from the worker to the controller's warnings summary.
        warnings.warn(pytest.PytestWarning(MISSING_REASON), stacklevel=1)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if chromium_available() or hasattr(config, "workerinput"):
        return
    skipped = config.stash.get(_skipped_for_missing_browser, 0)
    is_xdist_controller = getattr(config.option, "numprocesses", None) not in (None, 0)
    if skipped or is_xdist_controller:
        terminalreporter.write_sep("=", "browser tests skipped", yellow=True, bold=True)
        count = f"{skipped} browser test(s) not run. " if skipped else ""
        terminalreporter.write_line(f"{count}{MISSING_REASON}.", yellow=True, bold=True)


# ---------------------------------------------------------------------------------------------------
# Reports for the page fixture (screenshot on failure), and the demo company after each test


def pytest_runtest_setup(item):
    if _is_e2e(item) and require_e2e() and not chromium_available():
        pytest.fail(REQUIRED_MISSING, pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_reports_key, {})[report.when] = report
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A live-server test flushes the database when it ends; put the demo company back afterwards.

    The rest of the suite relies on the demo company loaded once per test database (tests/conftest.py),
    and a worker may run other tests after the browser tests.
    """
    try:
        return (yield)
    finally:
        blocker = item.stash.get(_blocker_key, None)
        # After the session's last test the test database is already gone: nothing to put back.
        if blocker is not None and nextitem is not None:
            with blocker.unblock():
                ensure_demo_company()


# ---------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(autouse=True)
def demo_company(request, live_server, django_db_blocker):
    """The demo company, in the live server's (transactional, flushed after each test) database."""
    request.node.stash[_blocker_key] = django_db_blocker
    ensure_demo_company()


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        if require_e2e():
            pytest.fail(REQUIRED_MISSING, pytrace=False)
        pytest.skip(MISSING_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _artifact_path(request, suffix: str) -> Path:
    directory = Path(request.config.rootpath) / "test-artifacts"
    directory.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    return directory / f"{name}{suffix}.png"


@pytest.fixture
def page(request, browser, live_server):
    """A fresh browser context whose Accept-Language is English (en-US) on purpose: the system must
    show Chinese regardless (X-4). Console errors and uncaught page errors fail the test."""
    context = browser.new_context(locale="en-US", base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems: list[str] = []

    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            problems.append(f"console error on {tab.url}: {message.text}" + (f" ({where})" if where else ""))

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"page error on {tab.url}: {error}"))

    yield tab

    reports = request.node.stash.get(_reports_key, {})
    failed = any(r.failed for r in reports.values())
    try:
        if failed or problems:
            try:
                shot = _artifact_path(request, "")
                tab.screenshot(path=str(shot), full_page=True)
                print(f"\nscreenshot: {shot}")
            except Exception as exc:  # the browser may be gone; the test's own failure matters more
                print(f"\nno screenshot: {exc}")
    finally:
        context.close()
    if problems:
        pytest.fail("The browser reported errors:\n" + "\n".join(problems), pytrace=False)
