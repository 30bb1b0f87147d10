"""Risk and compliance in a real browser (RSK-3, INC-3): HR opens the project with the high disguised-dispatch score
from the home page, follows a sign's evidence link to the request that caused it, then opens the work-injury
incident and reads its timeline and the missing receipt."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from outsourcing.compliance import incidents, scores
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import today
from outsourcing.workforce import requests as worker_requests
from tests.e2e.test_foundation_journeys import log_in
from tests.workforce.factories import contract_in_force, on_site, user


def test_hr_follows_a_sign_to_its_request_and_opens_the_injury_timeline(page: Page):
    """RSK-3, INC-3"""
    contract = contract_in_force("vendor1")
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours", invoice_type="劳务派遣服务费")
    worker = on_site(contract)
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="下周请假安排",
                                   description="王小明下周一必须请假，迟到扣款。", send_anyway=True)  # fmt: skip
    scores.run_signs(today())
    scores.rescore(today())
    injury = incidents.record_incident(actor=user("requester"), data=incidents.IncidentData(
        kind="work_injury", title="坐席扭伤脚踝", description="楼梯摔倒。", worker=worker,
        occurred_on=today() - dt.timedelta(days=3)))  # fmt: skip

    log_in(page, "hr")
    page.goto("/")
    page.locator(f"a[href='/compliance/projects/{contract.project_id}/']").first.click()
    expect(page.locator(".dispatch-level").first).to_contain_text("65")
    sign = page.locator("#sign-request_dictates_for_worker a.evidence-link")
    expect(sign).to_have_count(1)
    sign.click()
    expect(page).to_have_url(re.compile(f"{worker.get_absolute_url()}#request-{request.pk}$"))
    expect(page.locator(f"#request-{request.pk}")).to_contain_text("下周请假安排")

    page.goto("/compliance/incidents/")
    page.locator(f"a[href='{injury.get_absolute_url()}']").click()
    expect(page.locator("#incident-timeline li")).to_have_count(1)
    expect(page.locator("#receipt-missing")).to_be_visible()
    expect(page.locator("#injury-clock")).to_contain_text((injury.occurred_on + dt.timedelta(days=30)).isoformat())
