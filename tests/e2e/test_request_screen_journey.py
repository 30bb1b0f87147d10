"""A request about a worker in a real browser (OPS-2): the project owner writes that the company approved the
worker's leave, sees the warning with its reason before anything is sent, rewrites it as a service issue for
the vendor to resolve, and sends it; no sign of direct management is recorded."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from outsourcing.core.models import ScreenSign
from outsourcing.workforce.models import WorkerRequest
from tests.e2e.test_foundation_journeys import log_in
from tests.workforce.factories import contract_in_force, on_site


def test_owner_dictating_leave_is_warned_rewrites_it_as_a_service_issue_and_sends_it(page: Page):
    """OPS-2"""
    worker = on_site(contract_in_force("vendor1"))

    log_in(page, "requester")
    page.goto(worker.get_absolute_url())
    page.locator("summary#raise-request").click()
    form = page.locator("#request-form")
    form.locator("[name='subject']").fill("王小明下周请假")
    form.locator("[name='description']").fill("公司已批准他下周一至周三请假，请安排顶岗。")
    form.locator("button[type='submit']").click()
    form = page.locator("#request-form")
    expect(form).to_contain_text("请假")
    expect(form).to_contain_text("劳务派遣暂行规定")
    expect(form.locator("[name='send_anyway']")).to_be_visible()
    assert not WorkerRequest.objects.exists()

    form.locator("[name='subject']").fill("下周一至周三热线坐席人手")
    form.locator("[name='description']").fill("下周一至周三热线需保持两名坐席在岗，请现场经理安排并确认服务不受影响。")
    form.locator("button[type='submit']").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#requests .worker-request")).to_contain_text("下周一至周三热线坐席人手")
    expect(page.locator("#requests .request-sign")).to_have_count(0)
    assert WorkerRequest.objects.count() == 1 and not ScreenSign.objects.exists()
