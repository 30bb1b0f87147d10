"""A contract walked in a real browser (CON-1, CON-2, CON-3, CON-6): drafted from the award, its core clauses
located, co-reviewed by legal, HR, finance and the project owner with their checklists, approved by
management, signed and sealed; when its time comes, the renewal reminder appears for the owner."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from outsourcing.contracts.models import Contract, ContractStatus, CoreClause
from outsourcing.core.timeutil import today
from outsourcing.notifications.services import run_daily_jobs
from tests.contracts.factories import approved_award, template
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in


def draft_in_browser(page: Page, award) -> None:
    standard = template()  # legal's standard template, in place before the form opens
    page.goto("/contracts/")
    page.locator(".draft-contract").first.click()
    form = page.locator("#contract-form")
    form.locator("[name='template']").select_option(str(standard.pk))
    form.locator("[name='subject']").select_option("service_result")
    form.locator("[name='scope']").fill("7×24小时客服热线接听、工单记录与回访，外包商自行组织人员并对服务结果负责。")
    form.locator("[name='sla']").fill("接通率≥95%；一次解决率≥85%；月度满意度≥90分。")
    form.locator("[name='acceptance']").fill("业务部门按月依SLA验收服务报告与工作量确认单。")
    form.locator("[name='start_date']").fill((today() + dt.timedelta(days=10)).isoformat())
    form.locator("[name='end_date']").fill((today() + dt.timedelta(days=80)).isoformat())
    form.locator("[name='pricing_model']").select_option("fixed")
    form.locator("[name='period_fee']").fill("353333.33")
    form.locator("[name='settlement_cycle']").select_option("monthly")
    form.locator("[name='payment_terms']").fill("每月验收合格后15个工作日内凭发票付款。")
    page.locator("#save-contract").click()
    expect(page.locator("#contract-status")).to_contain_text("草稿")
    expect(page.locator("#contract-blockers")).to_contain_text("不可抗力")
    clauses = page.locator("#clause-form")
    for index, clause in enumerate(CoreClause.values, start=1):
        clauses.locator(f"[name='{clause}']").fill(f"第{index}条")
    clauses.locator("button[type='submit']").click()
    expect(page.locator("#contract-blockers")).to_have_count(0)
    page.locator("#submit-contract").click()
    expect(page.locator("#contract-status")).to_contain_text("会审中")


def review_in_browser(page: Page, contract: Contract, username: str) -> None:
    log_in(page, username)
    page.goto(contract.get_absolute_url())
    for box in page.locator("#checklist-form input[type='checkbox']").all():
        box.check()
    page.locator("#checklist-form button[type='submit']").click()
    expect(page.locator("#my-checklist")).to_contain_text("✓")
    decide_in_inbox(page, contract.number, "approve")
    log_out(page)


def test_contract_drafted_co_reviewed_approved_signed_and_reminded(page: Page):
    """CON-1, CON-2, CON-3, CON-6"""
    award, _vendors = approved_award()
    log_in(page, "procurement")
    draft_in_browser(page, award)
    log_out(page)
    contract = Contract.objects.get(award=award)

    for username in ("legal", "hr", "finance", "requester"):
        review_in_browser(page, contract, username)
    log_in(page, "manager")  # 1,060,000 reaches the contract threshold of the authority matrix
    decide_in_inbox(page, contract.number, "approve")
    log_out(page)

    log_in(page, "legal")
    page.goto(contract.get_absolute_url())
    signing = page.locator("#signing-form")
    signing.locator("[name='signed_on']").fill(today().isoformat())
    signing.locator("[name='company_signatory']").fill("孙丽")
    signing.locator("[name='vendor_signatory']").fill("王建国")
    signing.locator("[name='seal_record']").fill("合同专用章 用印登记2026-0312")
    page.locator("#record-signing").click()
    expect(page.locator("#contract-status")).to_contain_text("已签署")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE and contract.version == 1
    log_out(page)

    run_daily_jobs(today=today())  # the contract ends within its 90-day reminder window
    log_in(page, "requester")
    expect(page.locator("#content")).to_contain_text("续签")
    page.locator("a.card-stat", has_text="续签").click()
    expect(page.locator("#renewal-form")).to_be_attached()
