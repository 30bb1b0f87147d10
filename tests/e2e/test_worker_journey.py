"""A worker's time here walked in a real browser (WRK-1, WRK-2, WRK-3, WRK-4, WRK-5): vendor1 files the worker in
the portal with the labor contract, the social-insurance proof and the worker's consent file, HR approves the
entry, the project owner records the briefing and requests a system access, the department head approves it,
the project owner asks vendor1 for the worker's exit and vendor1 records it (OPS-2: the exit is the vendor's
record) with the access still open, and the next day the alert appears once. Then a month's compliance proofs
(WRK-6): vendor1 ticks the roster with the wages paid and uploads the social-insurance list, HR finds the
masked gap and returns it, vendor1 corrects it and HR accepts."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from outsourcing.core.excel import XLSX
from outsourcing.core.timeutil import today
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.models import AccessGrant, MonthlyProof, Worker
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.workforce.factories import PDF, clear_id, contract_in_force, id_number, insurance_xlsx, on_site


def attach(page: Page, kind: str, name: str) -> None:
    panel = page.locator(".attachments-panel form.attachments-upload")
    panel.locator("[name='kind']").select_option(kind)
    panel.locator("[name='file']").set_input_files(files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF}])
    panel.locator("button[type='submit']").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()


def upload_list(page: Page, workers) -> None:
    """The vendor uploads the social-insurance office's list (Excel) on the proof page."""
    form = page.locator("#insurance-list-form")
    form.locator("[name='file']").set_input_files(
        files=[
            {
                "name": "社保缴费明细.xlsx",
                "mimeType": XLSX,
                "buffer": insurance_xlsx([clear_id(w) for w in workers]).read(),
            }
        ]
    )
    form.locator("button[type='submit']").click()
    expect(page.locator("#insurance-differences")).to_be_visible()


def test_worker_filed_approved_given_access_exits_and_the_open_access_alert_appears_once(page: Page):
    """WRK-1, WRK-2, WRK-3, WRK-4, WRK-5, OPS-2 (loophole 2: the exit asked of the vendor, recorded by it)"""
    contract = contract_in_force("vendor1")
    number = id_number()

    log_in(page, "vendor1")
    page.goto("/workers/")
    page.locator("#file-worker").click()
    form = page.locator("#worker-form")
    form.locator("[name='name']").fill("陈晓")
    form.locator("[name='id_number']").fill(number[:-1] + ("0" if number[-1] != "0" else "1"))
    form.locator("[name='phone']").fill("13600001234")
    form.locator("[name='post']").fill("热线坐席")
    form.locator("[name='contract']").select_option(str(contract.pk))
    form.locator("[name='planned_start']").fill(today().isoformat())
    form.locator("[name='planned_end']").fill(contract.end_date.isoformat())
    form.locator("[name='consent_reference']").fill("个人信息告知同意书 2026-118")
    page.locator("#save-worker").click()
    expect(page.locator("#worker-form")).to_contain_text("校验码")  # a wrong check digit stays on the form
    page.locator("#worker-form [name='id_number']").fill(number)
    page.locator("#save-worker").click()
    expect(page.locator("#worker-status")).to_contain_text("待人力资源部")
    expect(page.locator("h1 .outsourced-mark")).to_be_visible()
    expect(page.locator("#id-masked")).to_have_text(number[:4] + "*" * 10 + number[-4:])
    expect(page.locator("#entry-blockers")).to_contain_text("劳动合同")
    attach(page, "labor_contract", "劳动合同-陈晓.pdf")
    attach(page, "social_insurance_proof", "社保缴纳证明-陈晓.pdf")
    expect(page.locator("#entry-blockers [data-code='no_consent_file']")).to_be_visible()  # PIPL art. 23
    attach(page, "worker_consent", "个人信息单独同意书-陈晓.pdf")
    log_out(page)
    worker = Worker.objects.get()

    log_in(page, "hr")
    page.goto(worker.get_absolute_url())
    expect(page.locator("#entry-blockers")).to_have_count(0)
    page.locator("#decision-form input[value='approve']").check()
    page.locator("#decide").click()
    expect(page.locator("#worker-status")).to_contain_text("已批准入场")
    log_out(page)

    log_in(page, "requester")
    page.goto(worker.get_absolute_url())
    entry = page.locator("#entry-form")
    entry.locator("input[value='safety']").check()
    entry.locator("input[value='confidentiality']").check()
    entry.locator("input[value='workplace']").check()
    entry.locator("[name='workplace_conditions']").fill("工位与网络由公司提供；外包商配备电脑与耳机。")
    page.locator("#record-entry").click()
    expect(page.locator("#worker-status")).to_contain_text("在场")
    page.locator("summary#request-access").click()
    grant = page.locator("#grant-form")
    grant.locator("[name='kind']").select_option("system")
    grant.locator("[name='resource']").fill("客服工单系统（坐席账号）")
    grant.locator("[name='reason']").fill("接听热线后在工单系统中记录客户诉求")
    grant.locator("[name='valid_until']").fill((worker.planned_end + dt.timedelta(days=1)).isoformat())
    page.locator("#send-grant").click()
    expect(page.locator("#grant-form")).to_contain_text(worker.planned_end.isoformat())  # not past the worker's end
    page.locator("#grant-form [name='valid_until']").fill(worker.planned_end.isoformat())
    page.locator("#send-grant").click()
    expect(page.locator("#grant-table")).to_contain_text("审批中")
    log_out(page)

    log_in(page, "depthead")
    decide_in_inbox(page, AccessGrant.objects.get().number, "approve")
    log_out(page)

    # The exit is the vendor's record (OPS-2, loophole 2): the project owner asks for it, vendor1 records it.
    log_in(page, "requester")
    page.goto(worker.get_absolute_url())
    expect(page.locator("#grant-table")).to_contain_text("已授予")
    expect(page.locator("#exit-form")).to_have_count(0)
    page.locator("#ask-exit-form [name='reason']").select_option("end_of_need")
    page.locator("#ask-exit").click()
    expect(page.locator("#exit-requests")).to_contain_text("等待外包商登记退场")
    log_out(page)

    log_in(page, "vendor1")
    page.get_by_role("link", name="公司提出的退场请求待处理").click()
    page.locator("#exit-form [name='exited_on']").fill(today().isoformat())
    page.locator("#record-exit").click()
    expect(page.locator("#worker-status")).to_contain_text("已退场")
    expect(page.locator("#exit-requests")).to_contain_text("已答复")
    log_out(page)

    log_in(page, "requester")
    page.goto(worker.get_absolute_url())
    expect(page.locator("#open-after-exit")).to_be_visible()

    tomorrow = today() + dt.timedelta(days=1)
    run_daily_jobs(today=tomorrow)
    run_daily_jobs(today=tomorrow)  # the job runs again: still one alert
    page.goto("/notifications/")
    alerts = page.locator(".notification", has_text="权限仍未关闭")
    expect(alerts).to_have_count(1)
    alerts.first.locator("a").first.click()
    expect(page.locator("#open-after-exit")).to_be_visible()
    page.locator(".revoke-form button").click()
    expect(page.locator("#open-after-exit")).to_have_count(0)


def test_a_month_of_proofs_with_a_social_insurance_gap_is_returned_corrected_and_accepted(page: Page):
    """WRK-6"""
    month = selectors.months_back(proofs.first_of_month(today()), 1)
    contract = contract_in_force("vendor1", start=month - dt.timedelta(days=40))
    earlier = month - dt.timedelta(days=35)  # past the social-insurance registration period by the month's end
    crew = [on_site(contract, entered=earlier, planned_start=earlier) for _ in range(3)]
    uninsured = crew[0]

    log_in(page, "vendor1")
    page.goto("/workers/proofs/send/")
    page.locator("#proof-form [name='project']").select_option(str(contract.project_id))
    page.locator("#proof-form [name='month']").fill(f"{month:%Y-%m}")
    page.locator("#show-roster").click()
    roster = page.locator("#roster")
    expect(roster.locator("tbody tr")).to_have_count(3)
    for column in ("wage_paid", "own_account", "social_insurance", "housing_fund", "tax_filed"):
        roster.locator(f"[data-tick-column='{column}']").check()  # the header ticks the whole column
        expect(roster.locator(f"tbody input[name$='-{column}']:checked")).to_have_count(3)
    for worker in crew:
        roster.locator(f"[name='w{worker.pk}-wage_amount']").fill("6850.00")
    roster.locator(f"[name='w{uninsured.pk}-social_insurance']").uncheck()
    expect(roster.locator("[data-tick-column='social_insurance']")).not_to_be_checked()
    page.locator("#submit-proofs").click()
    gaps = page.locator("#proof-gaps")
    expect(gaps.locator(".gap")).to_have_count(1)
    expect(gaps.locator(".gap")).to_contain_text(uninsured.id_masked)
    expect(gaps).not_to_contain_text(uninsured.name)
    for kind, name in ((k, f"{k}.pdf") for k in proofs.REQUIRED_FILES):
        attach(page, kind, name)
    upload_list(page, crew[1:])  # the office's list lacks the uninsured worker: the system names the difference
    expect(page.locator("#insurance-differences .difference-not_listed")).to_contain_text(uninsured.badge_number)
    expect(page.locator("#proof-gaps")).not_to_contain_text("缺少文件")
    log_out(page)
    proof = MonthlyProof.objects.get(project=contract.project, month=month)

    log_in(page, "hr")
    page.goto(proof.get_absolute_url())
    page.locator("#check-form input[value='accept']").check()
    page.locator("#check-form button[type='submit']").click()
    expect(page.locator("#check-form")).to_contain_text("不齐全")  # refused while a gap is open
    expect(page.locator("#proof-status")).to_contain_text("待人力资源部审核")
    page.locator("#check-form input[value='gaps']").check()
    page.locator("#check-form [name='note']").fill("请补缴社保并重新提交")
    page.locator("#check-form button[type='submit']").click()
    expect(page.locator("#proof-status")).to_contain_text("存在缺项")
    log_out(page)

    log_in(page, "vendor1")
    page.goto(proof.get_absolute_url())
    expect(page.locator("body")).to_contain_text("请补缴社保并重新提交")
    page.locator("#resubmit").click()
    expect(page.locator("#roster [data-tick-column='wage_paid']")).to_be_checked()  # as sent last time
    expect(page.locator(f"#roster [name='w{uninsured.pk}-wage_amount']")).to_have_value("6850.00")
    page.locator(f"#roster [name='w{uninsured.pk}-social_insurance']").check()
    expect(page.locator("#roster [data-tick-column='social_insurance']")).to_be_checked()
    page.locator("#submit-proofs").click()
    upload_list(page, crew)
    expect(page.locator("#proof-gaps")).to_have_count(0)
    log_out(page)

    log_in(page, "hr")
    page.goto(proof.get_absolute_url())
    page.locator("#check-form input[value='accept']").check()
    page.locator("#check-form button[type='submit']").click()
    expect(page.locator("#proof-status")).to_contain_text("齐全")
    assert proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=month) == []
