"""A month's settlement walked in a real browser (SET-2, SET-4, SET-5, SET-7): the project owner opens and accepts
the month, vendor1 submits the request and its invoice in the portal (a personal account is refused first), the
business head, HR and finance approve from their inboxes, finance records the payment and vendor1 sees it paid."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from outsourcing.core.timeutil import today
from outsourcing.settlements.models import Settlement
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.settlements.factories import contract_in_force, invoice_data, last_month, tax_rules


def test_requester_accepts_vendor_requests_approvers_decide_finance_pays(page: Page):
    """SET-2, SET-4, SET-5, SET-7"""
    tax_rules()
    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))

    log_in(page, "requester")
    page.goto(f"/settlements/open/{contract.pk}/")
    page.locator("#action-form [name='day']").fill(last_month().isoformat())
    page.locator("#submit").click()
    expect(page.locator("#settlement-status")).to_contain_text("待验收")
    page.locator("#accept").click()
    page.locator("#action-form input[name^='line_']").fill("1")
    page.locator("#submit").click()
    expect(page.locator("#settlement-status")).to_contain_text("业务部门已验收")
    log_out(page)

    settlement = Settlement.objects.get(contract=contract)
    data = invoice_data(settlement)
    log_in(page, "vendor1")
    page.goto(settlement.get_absolute_url())
    page.locator("#confirm").click()
    expect(page.locator("#vendor-confirmed")).to_be_visible()
    page.locator("#request").click()
    form = page.locator("#action-form")
    form.locator("[name='amount']").fill("50000.00")
    form.locator("[name='invoice_type']").select_option(data.invoice_type)
    form.locator("[name='number']").fill(data.number)
    form.locator("[name='issued_on']").fill(data.issued_on.isoformat())
    form.locator("[name='tax_item']").fill(data.tax_item)
    form.locator("[name='tax_method']").select_option("general")
    form.locator("[name='rate']").fill("6")
    form.locator("[name='invoice_amount']").fill(data.amount)
    form.locator("[name='tax']").fill(data.tax)
    form.locator("[name='total']").fill(data.total)
    form.locator("[name='payee_account']").fill(data.payee_account)
    form.locator("[name='payee_account_type']").select_option("personal")
    page.locator("#submit").click()
    expect(page.locator("#action-form")).to_contain_text("对公账户")  # refused, nothing saved
    page.locator("#action-form [name='payee_account_type']").select_option("corporate")
    page.locator("#submit").click()
    expect(page.locator("#settlement-status")).to_contain_text("审批中")
    log_out(page)

    title = settlement.number
    for approver in ("depthead", "hr", "finance"):
        log_in(page, approver)
        decide_in_inbox(page, title, "approve")
        log_out(page)

    log_in(page, "finance")
    page.goto(settlement.get_absolute_url())
    expect(page.locator("#settlement-status")).to_contain_text("已批准")
    page.locator("#pay").click()
    page.locator("#action-form [name='paid_on']").fill(today().isoformat())
    page.locator("#action-form [name='bank_reference']").fill("ICBC20261203001")
    page.locator("#submit").click()
    expect(page.locator("#settlement-status")).to_contain_text("已付")
    log_out(page)

    log_in(page, "vendor1")
    page.goto("/settlements/")
    expect(page.locator("#settlement-table")).to_contain_text("已付")
    expect(page.locator("#settlement-table")).to_contain_text("¥50,000.00")
