"""A month of performance walked in a real browser (PRF-3, PRF-4, PRF-6, PRF-7): `requester` enters the month's
values and publishes the evaluation; `vendor2` disputes one item in the portal; `requester` resolves it with HR;
the second failing month in a row opens the PIP; the contract's dashboard shows the red months."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from outsourcing.audit.actor import perform
from outsourcing.performance import evaluations
from outsourcing.performance.models import Evaluation, Pip
from tests.e2e.test_approval_journey import log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, published, sla, user


def _first_failing_month():
    """vendor2's contract with its SLA; the month before last scored below standard and confirmed."""
    contract = contract_in_force("vendor2", start=month_ago(2, day=1))
    answer = kpi("T-ANSWER", data_source="company")
    csat = kpi("T-CSAT", name="客户满意度", data_source="company", inputs=["score"], formula="score")
    sla(contract, [(answer, 60), (csat, 40)], pip_after=2)
    figure(contract, answer, month_ago(2), answered=800, offered=1000)
    figure(contract, csat, month_ago(2), score=80)
    perform("vendor2", evaluations.answer, evaluation=published(contract, month_ago(2)), disputes={})
    return contract, answer, csat


def test_requester_scores_a_month_vendor2_disputes_the_owner_resolves_and_the_pip_opens(page: Page):
    """PRF-3, PRF-4, PRF-6, PRF-7"""
    contract, answer, csat = _first_failing_month()
    day = month_ago(1).isoformat()

    log_in(page, "requester")
    for kpi_, inputs in ((answer, "answered=700; offered=1000"), (csat, "72")):
        page.goto(f"/performance/values/new/?contract={contract.pk}")
        form = page.locator("#value-form")
        form.locator("[name='contract']").select_option(str(contract.pk))
        form.locator("[name='kpi']").select_option(str(kpi_.pk))
        form.locator("[name='measured_on']").fill(day)
        form.locator("[name='inputs']").fill(inputs)
        form.locator("button[type='submit']").click()
        expect(page.locator(".alert-success")).to_contain_text(kpi_.code)
    page.goto(f"/performance/evaluations/new/?contract={contract.pk}")
    form = page.locator("#evaluation-form")
    form.locator("[name='contract']").select_option(str(contract.pk))
    form.locator("[name='day']").fill(day)
    form.locator("button[type='submit']").click()
    expect(page.locator("#below-standard")).to_be_visible()
    page.locator("#publish").click()
    expect(page.locator("#evaluation-status")).to_contain_text("已发布")
    evaluation = Evaluation.objects.get(contract=contract, period_start=month_ago(1, day=1))
    log_out(page)

    log_in(page, "vendor2")
    page.goto(evaluation.get_absolute_url())
    disputed = evaluation.items.get(kpi=answer)
    page.locator(f"#item-{disputed.pk} input[name='reason_{disputed.pk}']").fill("系统故障两天，来电未计入分母")
    page.locator("#send-answer").click()
    expect(page.locator("#evaluation-status")).to_contain_text("有异议")
    log_out(page)

    log_in(page, "requester")
    page.goto(evaluation.get_absolute_url())
    resolve = page.locator(".resolve-form").first
    resolve.locator("[name='outcome']").select_option("upheld")
    resolve.locator("[name='with_hr']").select_option(str(user("hr").pk))
    resolve.locator("[name='reason']").fill("故障期间来电已按约定剔除，原评分维持")
    resolve.locator("button[type='submit']").click()
    expect(page.locator("#evaluation-status")).to_contain_text("异议已处理")
    expect(page.locator(f"#item-{disputed.pk}")).to_contain_text("原评分维持")
    pip = Pip.objects.get(contract=contract)  # the second failed month in a row
    assert pip.status == "open" and set(pip.triggered_by.values_list("pk", flat=True)) == {
        evaluation.pk, contract.evaluations.get(period_start=month_ago(2, day=1)).pk}  # fmt: skip

    page.goto(f"/performance/dashboards/{contract.pk}/")
    expect(page.locator("#dashboard .kpi-red-months").first).to_contain_text("2")
    expect(page.locator("canvas.kpi-chart")).to_have_count(2)
    page.goto(contract.get_absolute_url())
    expect(page.locator("#performance")).to_contain_text(pip.number)
