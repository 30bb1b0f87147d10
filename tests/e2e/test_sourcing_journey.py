"""A selection walked in a real browser (SRC-3, SRC-4, SRC-6, SRC-7): a vendor answers the RFP in the portal,
panel members declare and score on their own, the organiser proposes the award, it is approved, and the
award notice downloads as a PDF with the Chinese text."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from outsourcing.sourcing import bidding, events, scoring
from outsourcing.sourcing.models import Bid, EventStatus, Stage
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.sourcing.factories import answer, draft_event, pass_deadline, sheet, three_vendors, user


def answer_in_portal(page: Page) -> None:
    page.get_by_role("link", name="邀请书").click()
    page.locator("#invitation-table a").first.click()
    form = page.locator("#answer-form")
    form.locator("[name='company_profile']").fill("成立于2012年，客服坐席800席，通过ISO 9001与ISO 27001认证。")
    form.locator("[name='similar_cases']").fill("为三家股份制银行提供信用卡客服热线外包，履约率100%。")
    form.locator("[name='service_proposal']").fill("40席三班倒，AB角备岗，现场项目经理统一调度，按月提交服务报告。")
    form.locator("[name='lines-0-item']").fill("坐席服务费")
    form.locator("[name='lines-0-amount']").fill("1000000")
    form.locator("[name='lines-1-item']").fill("质检与管理费")
    form.locator("[name='lines-1-amount']").fill("80000")
    form.locator("[name='quote_total']").fill("1100000")  # wrong on purpose: refused beside the field
    page.locator("#submit-answer").click()
    expect(page.locator("#answer-form .invalid-feedback").first).to_contain_text("¥1,080,000.00")
    page.locator("#answer-form [name='quote_total']").fill("1080000")
    page.locator("#submit-answer").click()
    expect(page.locator("#submit-answer")).to_have_text("更新我方响应文件")


def declare_and_score(page: Page, event, marks: dict[str, int]) -> None:
    page.goto(event.get_absolute_url())
    page.locator("#declaration-form input[name='has_conflict'][value='no']").check()
    page.locator("#declare").click()
    page.locator("#open-score-sheet").click()
    for candidate in event.candidates.select_related("vendor"):
        for criterion in ("technical", "experience", "management", "finance"):
            page.locator(f"[name='score_{candidate.pk}_{criterion}']").fill(str(marks[candidate.vendor.name]))
    page.locator("#submit-scores").click()
    expect(page.locator("#ranking")).to_be_visible()


def test_vendor_answers_panel_scores_and_the_award_notice_downloads(page: Page):
    """SRC-3, SRC-4, SRC-6, SRC-7"""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=user("procurement"), event=event)
    for username, vendor, quote in (("vendor2", vendors[1], "1150000"), ("vendor3", vendors[2], "1200000")):
        bidding.submit_answer(actor=user(username), candidate=event.candidates.get(vendor=vendor), answer=answer(quote))

    log_in(page, "vendor1")
    answer_in_portal(page)
    assert Bid.objects.get(candidate__event=event, candidate__vendor=vendors[0]).quote_total == Decimal("1080000")
    log_out(page)

    log_in(page, "procurement")  # before the deadline the organiser sees that answers are in, not what
    page.goto(event.get_absolute_url())
    expect(page.locator("#candidate-table .sealed")).to_have_count(3)
    expect(page.locator("#content")).not_to_contain_text("1,080,000")
    log_out(page)

    event = pass_deadline(event)
    for member in event.panel.exclude(user__username__in=["hr", "legal"]):  # hr and legal declare in the browser
        scoring.declare(actor=member.user, member=member, has_conflict=False)
    event = at_scoring_without_declaring(event)
    marks = {vendors[0].name: 90, vendors[1].name: 82, vendors[2].name: 75}
    for username in ("hr", "legal"):
        log_in(page, username)
        page.goto(event.get_absolute_url())
        expect(page.locator("#ranking")).to_have_count(0)  # nothing of the others before one's own sheet
        declare_and_score(page, event, marks)
        log_out(page)
    for username in ("requester", "finance", "itowner"):
        sheet(event, username, marks)

    log_in(page, "procurement")
    page.goto(event.get_absolute_url())
    expect(page.locator("#ranking .ranking-row").first).to_contain_text(vendors[0].name)
    page.locator("#award-form [name='amount']").fill("1060000")
    page.locator("#award-form [name='reason']").fill("综合得分第一，谈判后报价在预算内")
    page.locator("#propose-award").click()
    expect(page.locator("#award-status")).to_contain_text("审批中")
    log_out(page)

    for username in ("depthead", "hr", "manager"):
        log_in(page, username)
        decide_in_inbox(page, vendors[0].name, "approve")
        log_out(page)

    log_in(page, "procurement")
    page.goto(event.get_absolute_url())
    event.refresh_from_db()
    assert event.status == EventStatus.AWARDED
    with page.expect_download() as download_info:
        page.locator("#award-notice-pdf").click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.read())).pages)
    text = text.replace("\n", "")
    assert "中标通知书" in text and vendors[0].name in text and event.project.name in text


def at_scoring_without_declaring(event):
    """Open the answers and pass every candidate through the three stages (the organiser's part)."""
    organiser = user("procurement")
    events.open_answers(actor=organiser, event=event)
    for _stage in (Stage.COMPLETENESS, Stage.SITE_VISIT, Stage.PRESENTATION):
        for candidate in event.candidates.filter(eliminated_at=""):
            events.record_stage_result(actor=organiser, candidate=candidate, passed=True, note="符合要求")
        event = events.advance_stage(actor=organiser, event=event)
    return event
