"""The management dashboard in a real browser (X-7): the manager opens it from the navigation, sees the charts
drawn from json_script, changes the period, is refused a future one, and follows the headcount figure to the
workers list behind it, whose rows are the figure."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from outsourcing.core.timeutil import today
from tests.e2e.test_foundation_journeys import log_in
from tests.workforce.factories import contract_in_force, on_site


def test_manager_opens_the_dashboard_changes_the_period_and_follows_a_figure(page: Page):
    """X-7"""
    contract = contract_in_force("vendor1")
    on_site(contract), on_site(contract)

    log_in(page, "manager")
    page.locator("nav a[href='/dashboard/']").first.click()
    expect(page.locator("#fig-headcount")).to_contain_text("2")
    expect(page.locator("canvas[data-chart='headcount-by_vendor']")).to_be_visible()
    page.locator("#period").select_option(f"{today():%Y-%m}")
    page.locator("#period-apply").click()
    expect(page.locator("#period-range")).to_contain_text(f"{today():%Y-%m}-01")
    page.goto(f"/dashboard/?period={today().year + 1}")
    expect(page.locator("#period-refused")).to_contain_text("尚未开始")
    page.goto(f"/dashboard/?period={today().year}")
    page.locator("#fig-headcount").click()
    expect(page).to_have_url("/workers/?status=on_site")
    expect(page.locator("table tbody tr")).to_have_count(2)
