"""The approval engine walked in a real browser: return with a comment, resubmit, approve, timeline."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect

from outsourcing.approvals import services
from outsourcing.approvals.models import ApprovalTask, Decision, TaskStatus
from outsourcing.org.models import Department, User
from tests.e2e.test_foundation_journeys import log_in
from tests.testapp.models import SampleDocument


def log_out(page: Page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout-button").click()


def decide_in_inbox(page: Page, title: str, decision: str, comment: str = "") -> None:
    page.goto("/approvals/inbox/")
    card = page.locator(".task-card").filter(has_text=title)
    expect(card).to_have_count(1)
    if comment:
        card.locator("textarea[name='comment']").fill(comment)
    card.locator(f"button[name='decision'][value='{decision}']").click()
    expect(page.locator(".task-card").filter(has_text=title).locator(".task-result")).to_be_visible()


def test_department_head_returns_submitter_resubmits_and_it_is_approved(page: Page):
    """WF-1, WF-2, WF-3: 张伟 returns 李强's document from his inbox with a comment (in place, htmx); 李强
    resubmits it from the document page; 张伟, then 王芳 and 刘洋 in co-review approve it; the timeline shows
    all three rounds, the first of which was returned before this journey began."""
    requester = User.objects.get(username="requester")
    document = SampleDocument.objects.create(
        title="客服热线外包扩容",
        amount=Decimal("180000"),
        department=Department.objects.get(code="OPS-CS"),
        author=requester,
        status="in_approval",
    )
    services.submit(document=document, actor=requester)
    first = ApprovalTask.objects.get(request__object_id=document.pk, status=TaskStatus.PENDING)
    services.decide(
        task=first, actor=User.objects.get(username="depthead"), decision=Decision.RETURN, comment="请补充服务范围"
    )
    services.submit(document=document, actor=requester)

    log_in(page, "depthead")
    badge = page.locator("nav a[href='/approvals/inbox/'] .badge")
    expect(badge).to_have_text("1")
    decide_in_inbox(page, "客服热线外包扩容", "return", "预算明细不完整，请补充")
    expect(page.locator(".task-card .task-result")).to_contain_text("预算明细不完整")
    expect(badge).to_be_hidden()  # the count in the navigation follows the decision without a reload
    log_out(page)

    log_in(page, "requester")
    page.goto(document.get_absolute_url())
    expect(page.locator("#document-status")).to_have_text("已退回")
    page.locator("#resubmit-form input[name='title']").fill("客服热线外包扩容（修订）")
    page.locator("#resubmit").click()
    expect(page.locator("#document-status")).to_have_text("审批中")
    log_out(page)

    for username in ("depthead", "hr", "finance"):
        log_in(page, username)
        decide_in_inbox(page, "客服热线外包扩容（修订）", "approve")
        log_out(page)

    log_in(page, "requester")
    page.goto(document.get_absolute_url())
    expect(page.locator("#document-status")).to_have_text("已批准")
    rounds = page.locator("#approval-timeline .approval-round")
    expect(rounds).to_have_count(3)
    expect(rounds.nth(0)).to_have_attribute("data-round", "3")
    expect(rounds.nth(1)).to_contain_text("预算明细不完整，请补充")
    expect(rounds.nth(2)).to_contain_text("请补充服务范围")
    expect(rounds.nth(0).locator(".task-approved")).to_have_count(3)
