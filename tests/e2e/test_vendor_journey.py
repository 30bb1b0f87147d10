"""A vendor walked into the pool in a real browser, and the portal seen by a vendor user (VEN-1..VEN-5, ORG-3)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from outsourcing.attachments.models import Attachment
from outsourcing.core.timeutil import today
from outsourcing.vendors.models import Vendor, VendorStatus
from tests.e2e.test_approval_journey import decide_in_inbox, log_out
from tests.e2e.test_foundation_journeys import log_in
from tests.vendors.factories import credit_code, vendor_companies

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME = "上海浏览器测试客户服务有限公司"


def register_vendor(page: Page, code: str) -> None:
    page.goto("/vendors/")
    page.locator("#new-vendor").click()
    form = page.locator("#vendor-form")
    form.locator("[name='name']").fill(NAME)
    form.locator("[name='entity_type']").select_option("company")
    form.locator("[name='legal_representative']").fill("陈志远")
    form.locator("[name='registered_capital']").fill("5000000")
    form.locator("[name='business_scope']").fill("客户服务；呼叫中心服务；业务流程外包")
    form.locator("[name='address']").fill("上海市徐汇区漕河泾开发区宜山路700号")
    form.locator("[name='contact_name']").fill("陈晓")
    form.locator("[name='contact_phone']").fill("021-64000000")
    form.get_by_label("客户服务", exact=True).check()
    # First a credit code with a wrong check character: refused beside the field, nothing saved.
    form.locator("[name='credit_code']").fill(code[:17] + ("0" if code[17] != "0" else "1"))
    page.locator("#save-vendor").click()
    expect(page.locator("#vendor-form .invalid-feedback").first).to_contain_text("统一社会信用代码")
    assert not Vendor.objects.filter(name=NAME).exists()
    page.locator("#vendor-form [name='credit_code']").fill(code)
    page.locator("#save-vendor").click()
    expect(page.locator("#vendor-status")).to_contain_text("潜在")


def add_business_licence(page: Page, code: str) -> None:
    page.locator("summary#add-document").click()
    form = page.locator("#document-form")
    form.locator("[name='licence_type']").select_option(label="营业执照")
    form.locator("[name='number']").fill(code)
    form.locator("[name='issuer']").fill("上海市徐汇区市场监督管理局")
    form.locator("[name='valid_from']").fill("2020-03-18")
    form.locator("[name='file']").set_input_files(
        files=[{"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("button[type='submit']").click()
    expect(page.locator("#document-validity")).to_have_text("有效")
    expect(page.get_by_role("link", name="营业执照.pdf")).to_be_visible()


def record_diligence(page: Page, vendor: Vendor) -> None:
    for kind, findings in (("litigation", "裁判文书网、信用中国查询：无劳动争议败诉与欠薪记录"),
                           ("financials", "近两年审计报告无保留意见，经营性现金流为正")):  # fmt: skip
        page.goto(vendor.get_absolute_url())
        page.locator("summary#add-diligence").click()
        form = page.locator("#diligence-form")
        form.locator("[name='kind']").select_option(kind)
        form.locator("[name='performed_on']").fill((today() - dt.timedelta(days=3)).isoformat())
        form.locator("[name='findings']").fill(findings)
        form.locator("[name='conclusion']").select_option("satisfactory")
        if kind == "financials":
            form.locator("[name='debt_ratio']").fill("48.5")
            form.locator("[name='annual_revenue']").fill("36000000")
        form.locator("button[type='submit']").click()
        expect(page.locator("#diligence")).to_contain_text(findings)


def run_review(page: Page) -> None:
    page.locator("#start-review-form [name='category']").select_option(label="客户服务")
    page.locator("#start-review").click()
    form = page.locator("#review-form")
    for index, criterion in enumerate(("legal_entity", "qualifications", "reputation", "capability", "management")):
        form.locator(f"input[name='result_{criterion}'][value='pass']").check()
        form.locator(f"[name='evidence_{criterion}']").fill(f"第{index + 1}项：原件核验与现场核实，符合要求")
    form.locator("[name='conclusion']").fill("五项准入标准均符合，建议纳入合格外包商资源库。")
    page.locator("#submit-review").click()
    expect(page.locator("#review-status")).to_contain_text("审批中")


def test_hr_admits_a_vendor_and_a_vendor_user_sees_only_its_own_company(page: Page):
    """VEN-1, VEN-2, VEN-3, VEN-4, VEN-5, ORG-3: 王芳 registers a vendor (a bad credit code refused first),
    uploads its business licence, records the litigation and financial checks and runs the admission review;
    陈静 (legal) and 刘洋 (finance) approve it in their inboxes; the vendor is 合格. 郑海 (vendor1) logs in and
    sees only his own company, never the new vendor nor vendor2's."""
    own, other = vendor_companies()
    code = credit_code()

    log_in(page, "hr")
    register_vendor(page, code)
    vendor = Vendor.objects.get(name=NAME)
    add_business_licence(page, code)
    assert Attachment.objects.filter(original_name="营业执照.pdf").count() == 1
    record_diligence(page, vendor)
    page.goto(vendor.get_absolute_url())
    run_review(page)
    log_out(page)

    for username in ("legal", "finance"):
        log_in(page, username)
        decide_in_inbox(page, NAME, "approve")
        log_out(page)

    log_in(page, "hr")
    page.goto(vendor.get_absolute_url())
    expect(page.locator("#vendor-status")).to_contain_text("合格")
    expect(page.locator("#eligible")).to_be_visible()
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED
    log_out(page)

    log_in(page, "vendor1")
    page.get_by_role("link", name="我的公司").click()
    expect(page.locator("#vendor-name")).to_have_text(own.name)
    content = page.locator("#content")
    expect(content).not_to_contain_text(NAME)
    expect(content).not_to_contain_text(other.name)
    expect(page.locator("#reviews")).to_have_count(0)
    assert page.request.get("/vendors/").status == 403
    assert page.request.get(other.get_absolute_url()).status == 403
    assert page.request.get(f"/api/vendors/{other.pk}/").status == 404
