"""Security finding 7 and 8 in a real browser: the token page under the account menu, the API docs behind the
login, all under the Content-Security-Policy — any refused script or style is a console error and fails the test."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from outsourcing.org.models import ApiToken, User
from tests.e2e.test_foundation_journeys import DEMO_PASSWORD, expect_path


def test_vendor_issues_and_revokes_a_token_and_reads_the_api_docs_under_the_policy(page: Page):
    """X-6, ORG-3, security findings 7 and 8: vendor1 opens 账户菜单 → API 令牌, issues a token (shown once),
    revokes it; the API docs need a login and then render (Swagger UI's script is a file, not inline);
    nothing is refused by the Content-Security-Policy on the way."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto("/api/docs/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/api/docs/$"))
    page.locator("input[name='username']").fill("vendor1")
    page.locator("input[name='password']").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect_path(page, "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("劳务外包管理系统 API")
    expect(page.get_by_role("link", name="action-items", exact=True)).to_be_visible()  # the operations are listed

    page.goto("/")
    page.locator("#user-menu").click()
    page.get_by_role("link", name="API 令牌").click()
    expect_path(page, "/accounts/tokens/")
    page.get_by_label("令牌用途").fill("考勤系统")
    page.get_by_role("button", name="签发令牌").click()
    key = page.locator("#issued-token code").inner_text().strip()
    token = ApiToken.objects.get(user=User.objects.get(username="vendor1"), name="考勤系统")
    assert key.startswith(token.prefix) and len(key) == 40
    row = page.locator("tbody tr").filter(has_text="考勤系统")
    expect(row).to_contain_text(token.prefix)

    page.goto("/accounts/tokens/")
    expect(page.locator("#issued-token")).to_have_count(0)
    page.locator("tbody tr").filter(has_text="考勤系统").get_by_role("button", name="吊销").click()
    expect(page.locator(".alert-success")).to_contain_text("令牌已吊销")
    expect(page.locator("tbody tr").filter(has_text="考勤系统")).to_have_count(0)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert violations == []
