"""Everyday use (issue 21; WF-4, X-2, WRK-4) in a real browser: 张伟 (department head) ticks three requests of one
kind and approves them with one comment, and his bell loses their to-dos; HR then sees its co-review step's
notice disappear from the bell of a colleague when it decides; HR approves a vendor's filed workers in one action,
after a batch with a worker missing his papers was refused with that worker named."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect

from outsourcing.approvals import services
from outsourcing.notifications.selectors import unread_count
from outsourcing.org.models import Department, User
from outsourcing.workforce.models import Worker, WorkerStatus
from tests.e2e.test_approval_journey import log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.testapp.models import SampleDocument
from tests.workforce.factories import contract_in_force, filed


def _submitted(title: str) -> SampleDocument:
    requester = User.objects.get(username="requester")
    department = Department.objects.get(code="OPS-CS")
    document = SampleDocument.objects.create(
        title=title, amount=Decimal("90000"), author=requester, department=department, status="in_approval"
    )
    services.submit(document=document, actor=requester)
    return document


def _bell(page: Page) -> str:
    counter = page.locator("#unread-count")
    return counter.inner_text() if counter.count() else "0"


def test_batch_approval_empties_the_bell_and_hr_approves_many_entries(page: Page):
    for i in range(3):
        _submitted(f"坐席扩容申请{i}")
    depthead = User.objects.get(username="depthead")

    log_in(page, "depthead")
    page.goto("/approvals/inbox/")
    assert _bell(page) == str(unread_count(user=depthead)) and int(_bell(page)) >= 3
    before = int(_bell(page))
    for i in range(3):
        page.locator(".task-card").filter(has_text=f"坐席扩容申请{i}").locator(".batch-pick").check()
    page.locator("#batch-comment").fill("同意扩容")
    page.locator("#batch-approve").click()
    expect(page.locator(".alert-success")).to_contain_text("3")
    expect(page.locator(".task-card").filter(has_text="坐席扩容申请")).to_have_count(0)
    assert int(_bell(page)) == before - 3 == unread_count(user=depthead)  # the three to-dos left the bell
    page.goto("/approvals/decided/")
    expect(page.locator("#decided-list")).to_contain_text("同意扩容")
    log_out(page)

    contract = contract_in_force("vendor1")
    ready = [filed(contract) for _ in range(2)]
    missing = filed(contract, proofs=False)
    log_in(page, "hr")
    page.goto("/")
    page.locator("a[href='/workers/entries/']").first.click()
    page.locator("#pick-all").check()
    page.locator("#approve-entries").click()
    refusal = page.locator("#batch-refusal")
    expect(refusal).to_have_attribute("data-code", "batch_refused")
    expect(refusal).to_contain_text(missing.badge_number)
    page.locator(f"#pick-{missing.pk}").uncheck()
    page.locator("#approve-entries").click()
    expect(page.locator(".alert-success")).to_contain_text("2")
    assert set(Worker.objects.filter(pk__in=[w.pk for w in ready]).values_list("status", flat=True)) == {
        WorkerStatus.APPROVED
    }
    assert Worker.objects.get(pk=missing.pk).status == WorkerStatus.FILED
