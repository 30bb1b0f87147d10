"""A demand walked in a real browser from the form to the project (DEM-1..DEM-4)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from outsourcing.approvals.states import ApprovalState
from outsourcing.demands import selfcheck
from outsourcing.demands.models import Demand, Project
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in

ANSWERS = selfcheck.NO_SIGNS


def fill_demand(page: Page, title: str) -> None:
    form = page.locator("#demand-form")
    form.locator("[name='title']").fill(title)
    form.locator("[name='department']").select_option(label="客户服务部")
    for name, text in {
        "background": "年度话务量增长40%，现有坐席无法覆盖夜间与高峰时段。",
        "work_scope": "7×24小时热线接听、工单记录与回访，由外包商现场负责人统一调度。",
        "boundaries": "不含投诉处理决策与客户数据的导出。",
        "deliverables": "月度服务报告，业务部门按服务标准验收。",
        "sla_outline": "接通率≥95%；一次解决率≥85%；月度满意度≥90分。",
        "risk_analysis": "人员流动导致服务中断；用工不规范的连带责任。",
        "contingency_plan": "AB角备岗；按月核查工资与社保缴纳证明。",
        "nature_explanation": "属于辅助性、可独立划分的服务，不涉及核心业务。",
    }.items():
        form.locator(f"[name='{name}']").fill(text)
    form.locator("[name='period_start']").fill("2027-01-01")
    form.locator("[name='period_end']").fill("2027-12-31")
    form.locator("[name='estimated_headcount']").fill("40")
    form.locator("[name='lines-0-item']").fill("坐席服务费")
    form.locator("[name='lines-0-amount']").fill("1080000")
    form.locator("[name='lines-0-note']").fill("40席 × 2250元/席/月 × 12个月")
    form.locator("[name='lines-1-item']").fill("质检与培训服务费")
    form.locator("[name='lines-1-amount']").fill("140000")
    form.locator("[name='risk_reserve']").fill("60000")
    form.locator("[name='budget_total']").fill("1280000")
    form.locator("[name='funding_source']").select_option("department_budget")
    # DEM-5: the same work done in-house, needed to submit.
    form.locator("[name='inhouse_staff_cost']").fill("1150000")
    form.locator("[name='inhouse_management_cost']").fill("160000")
    form.locator("[name='inhouse_equipment_cost']").fill("90000")
    form.locator("[name='declared_nature']").select_option("auxiliary")
    for key, value in ANSWERS.items():
        form.locator(f"input[name='sc_{key}'][value='{value}']").check()


def test_requester_submits_a_demand_and_the_chain_approves_it_into_a_project(page: Page):
    """DEM-1, DEM-2, DEM-3, DEM-4: 李强 fills in the form with a wrong total first (refused beside the field,
    nothing saved), corrects it and submits; 张伟, 王芳 (after confirming the nature), 刘洋, 陈静 and, above the
    500,000 threshold, 孙丽 approve in their inboxes; the project PRJ-… appears on the demand."""
    title = "客服中心热线外包（浏览器）"
    log_in(page, "requester")
    page.goto("/demands/new/")
    fill_demand(page, title)
    page.locator("[name='budget_total']").fill("1000000")
    page.locator("#submit-demand").click()
    expect(page.locator("#demand-form .invalid-feedback").first).to_contain_text("¥1,280,000.00")
    assert not Demand.objects.filter(title=title).exists()
    page.locator("[name='budget_total']").fill("1280000")
    page.locator("#submit-demand").click()
    expect(page.locator("#demand-status")).to_contain_text("审批中")
    demand = Demand.objects.get(title=title)
    log_out(page)

    log_in(page, "depthead")
    decide_in_inbox(page, title, "approve")
    log_out(page)

    log_in(page, "hr")
    page.goto(demand.get_absolute_url())
    expect(page.locator("#risk-level")).to_contain_text("低")
    page.locator("#confirm-nature-form select[name='nature']").select_option("auxiliary")
    page.locator("#confirm-nature-form button[type='submit']").click()
    expect(page.locator("#confirmed-nature")).to_be_visible()
    decide_in_inbox(page, title, "approve")
    log_out(page)

    for username in ("finance", "legal", "manager"):
        log_in(page, username)
        decide_in_inbox(page, title, "approve")
        log_out(page)

    log_in(page, "requester")
    page.goto(demand.get_absolute_url())
    expect(page.locator("#demand-status")).to_contain_text("已批准")
    project = Project.objects.get(demand=demand)
    expect(page.locator("#project-link")).to_have_text(project.number)
    page.locator("#project-link").click()
    expect(page.locator("h1")).to_contain_text(project.number)
    demand.refresh_from_db()
    assert demand.status == ApprovalState.APPROVED
