"""An improvement proposal walked in a real browser (PTN-1, PTN-2): vendor1 proposes in the portal, the project
owner screens and adopts it with a 20 % share and records the month's saving, finance confirms it and sees the
gain-sharing line in the month's settlement."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from outsourcing.core.timeutil import today
from outsourcing.partnership.models import Proposal
from tests.e2e.test_approval_journey import log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.partnership.factories import contract_in_force, last_month, opened


def test_vendor_proposes_requester_adopts_and_measures_finance_sees_the_gain_share(page: Page):
    """PTN-1, PTN-2"""
    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    settlement = opened(contract, day=today())

    log_in(page, "vendor1")
    page.goto("/partnership/proposals/new/")
    form = page.locator("#proposal-form")
    form.locator("[name='contract']").select_option(str(contract.pk))
    form.locator("[name='kind']").select_option("cost")
    form.locator("[name='title']").fill("夜间语音导航分流")
    form.locator("[name='problem']").fill("夜间坐席利用率不足40%")
    form.locator("[name='proposal']").fill("夜间启用语音导航，坐席由6人减为4人")
    form.locator("[name='baseline']").fill("夜班6个坐席，每月60,000元")
    form.locator("button[type='submit']").click()
    expect(page.locator("#proposal-status")).to_contain_text("待答复")
    log_out(page)

    proposal = Proposal.objects.get(contract=contract)
    log_in(page, "requester")
    page.goto(proposal.get_absolute_url())
    page.locator("#screen").click()
    expect(page.locator("#proposal-status")).to_contain_text("初筛")
    page.locator("#answer summary").filter(has_text="收益分成").click()
    adopt = page.locator("#adopt-form")
    adopt.locator("[name='adopted_on']").fill(today().isoformat())
    adopt.locator("[name='share_percent']").fill("120")
    adopt.locator("[name='share_months']").fill("12")
    adopt.locator("button[type='submit']").click()
    expect(page.locator("#adopt-form")).to_contain_text("0至100")  # refused, nothing saved
    page.locator("#adopt-form [name='share_percent']").fill("20")
    page.locator("#adopt-form button[type='submit']").click()
    expect(page.locator("#proposal-status")).to_contain_text("已采纳")
    page.locator("#benefits summary").click()
    benefit = page.locator("#benefit-form")
    benefit.locator("[name='month']").fill(today().isoformat())
    benefit.locator("[name='baseline_amount']").fill("60000")
    benefit.locator("[name='actual_amount']").fill("40000")
    benefit.locator("[name='method']").fill("按排班表与工资单核算")
    benefit.locator("button[type='submit']").click()
    expect(page.locator(".benefit")).to_contain_text("待财务确认")
    log_out(page)

    log_in(page, "finance")
    page.goto(proposal.get_absolute_url())
    page.locator(".confirm-benefit").click()
    expect(page.locator(".benefit")).to_contain_text(settlement.number)
    page.locator(".benefit a").filter(has_text=settlement.number).click()
    expect(page.locator("body")).to_contain_text(proposal.number)
    expect(page.locator("body")).to_contain_text("收益分成")
