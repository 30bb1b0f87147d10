"""VEN-1..VEN-4 through the pages (forms refuse bad input beside the field, in Chinese or English), and
X-5 the vendor list in Excel: export as filtered, import from the template all or nothing."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from outsourcing.vendors.models import (
    CompanySize,
    EntityType,
    LicenceType,
    QualificationDocument,
    ServiceCategory,
    Vendor,
    VendorStatus,
)
from outsourcing.vendors.spreadsheets import IMPORT_COLUMNS
from tests.vendors.factories import admitted_vendor, credit_code, prospect

pytestmark = pytest.mark.django_db


def vendor_post(**overrides) -> dict:
    data = {
        "name": "上海页面测试客服有限公司",
        "entity_type": "company",
        "credit_code": credit_code(),
        "legal_representative": "王建国",
        "registered_capital": "5000000",
        "business_scope": "客户服务；呼叫中心服务",
        "address": "上海市浦东新区测试路9号",
        "contact_name": "李娜",
        "contact_phone": "021-50000000",
        "contact_email": "",
        "bank_name": "",
        "bank_account": "",
        "company_size": "medium",
        "categories": [str(ServiceCategory.objects.get(code="customer_service").pk)],
        "internal_notes": "",
    }
    data.update(overrides)
    return data


def test_hr_registers_a_vendor_on_the_page(client_for):
    """VEN-1"""
    response = client_for("hr").post("/vendors/new/", vendor_post())
    vendor = Vendor.objects.get(name="上海页面测试客服有限公司")
    assert response.status_code == 302 and response["Location"] == vendor.get_absolute_url()
    assert vendor.status == VendorStatus.PROSPECT


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"credit_code": "91310115MA1H7X3K1X"}, "credit_code", "统一社会信用代码"),
        ({"legal_representative": ""}, "legal_representative", None),
        ({"entity_type": "individual"}, "entity_type", "第九十四条"),
        ({"registered_capital": "五百万"}, "registered_capital", None),
        ({"categories": []}, "categories", None),
    ],
)
def test_bad_vendor_form_input_is_refused_beside_the_field_in_chinese(client_for, overrides, field, message):
    """VEN-1, VEN-7, X-8, X-4"""
    response = client_for("hr").post("/vendors/new/", vendor_post(**overrides))
    assert response.status_code == 200
    assert not Vendor.objects.filter(name="上海页面测试客服有限公司").exists()
    errors = response.context["form"].errors[field]
    assert errors
    if message:
        assert message in errors[0]


def test_a_duplicate_credit_code_is_refused_in_english_when_switched(client_for):
    """VEN-1, X-4: the same refusal, in the user's language."""
    existing = prospect()
    client = client_for("hr")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post("/vendors/new/", vendor_post(credit_code=existing.credit_code))
    error = response.context["form"].errors["credit_code"][0]
    assert "already belongs to" in error and existing.name in error


def test_document_form_refuses_expiry_before_issue_and_a_wrong_file(client_for):
    """VEN-2, X-3, X-8"""
    vendor = prospect()
    base = {
        "licence_type": LicenceType.objects.get(code="business_licence").pk,
        "number": "N-1",
        "issuer": "市场监督管理局",
    }
    client = client_for("hr")
    late = client.post(
        f"/vendors/{vendor.pk}/documents/new/", {**base, "valid_from": "2026-05-01", "valid_until": "2026-04-01"}
    )
    assert late.status_code == 200 and late.context["form"].errors["valid_until"]
    exe = SimpleUploadedFile("执照.pdf", b"MZ\x90\x00\x03", content_type="application/pdf")
    wrong = client.post(f"/vendors/{vendor.pk}/documents/new/", {**base, "valid_from": "2026-05-01", "file": exe})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert not QualificationDocument.objects.filter(vendor=vendor).exists()


def test_list_filters_and_exports_what_it_shows(client_for):
    """X-5: the export holds the filtered rows, with eligibility and its reason."""
    admitted = admitted_vendor(name="导出测试合格公司")
    prospect(name="导出测试潜在公司")
    client = client_for("hr")
    listed = [row["vendor"].name for row in client.get("/vendors/?status=qualified").context["rows"]]
    assert "导出测试合格公司" in listed and "导出测试潜在公司" not in listed
    response = client.get("/vendors/?status=qualified&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "单位名称", "统一社会信用代码")
    names = [r[1] for r in rows[1:]]
    assert "导出测试合格公司" in names and "导出测试潜在公司" not in names
    row = next(r for r in rows[1:] if r[1] == "导出测试合格公司")
    assert row[2] == admitted.credit_code and row[3] == "合格"


def workbook(rows: list[list], headers=None) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headers or [f"{c.title}{' *' if c.required else ''}" for c in IMPORT_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("外包商导入.xlsx", buffer.getvalue())


def row(name, code, **overrides):
    values = {
        "name": name,
        "entity_type": str(EntityType.COMPANY.label),  # as the template's instructions list it
        "credit_code": code,
        "legal_representative": "张三",
        "registered_capital": 3000000,
        "business_scope": "客户服务；呼叫中心服务",
        "address": "上海市黄浦区导入路1号",
        "contact_name": "李四",
        "contact_phone": "021-60000000",
        "contact_email": "",
        "bank_name": "",
        "bank_account": "",
        "company_size": "",
        "categories": "客户服务",
    }
    values.update(overrides)
    return [values[c.key] for c in IMPORT_COLUMNS]


def test_template_downloads_with_headers_and_instructions(client_for):
    """X-5"""
    response = client_for("hr").get("/vendors/import/template/")
    book = load_workbook(BytesIO(response.content))
    headers = [c.value for c in book.worksheets[0][1]]
    assert headers[0] == "单位名称 *" and "统一社会信用代码 *" in headers
    assert book.worksheets[0].max_row == 1  # nothing to delete before filling in
    assert any("客户服务" in (c.value or "") for c in book.worksheets[1]["A"])


def test_import_with_one_bad_row_saves_nothing_and_lists_every_wrong_row(client_for):
    """X-5, X-8: row numbers as Excel shows them; a duplicate inside the file is caught too."""
    good, other = credit_code(), credit_code()
    upload = workbook(
        [
            row("导入甲公司", good),
            row("导入乙公司", "91310115MA1H7X3K1Y"),
            row("导入丙公司", other, categories="不存在的类别"),
            row("导入丁公司", good),
        ]
    )
    response = client_for("hr").post("/vendors/import/", {"file": upload})
    assert response.status_code == 200
    errors = [str(e) for e in response.context["errors"]]
    assert [e.split("：")[0] for e in errors] == ["第3行", "第4行", "第5行"]
    assert "统一社会信用代码" in errors[0] and "不存在的类别" in errors[1] and "第 2 行重复" in errors[2]
    assert not Vendor.objects.filter(name__startswith="导入").exists()


def test_a_clean_import_registers_every_row_as_a_prospect(client_for):
    """X-5"""
    upload = workbook(
        [row(f"导入{n}号公司", credit_code(), company_size=str(CompanySize.MEDIUM.label)) for n in range(1, 4)]
    )
    response = client_for("hr").post("/vendors/import/", {"file": upload})
    assert response.status_code == 302
    imported = Vendor.objects.filter(name__startswith="导入")
    assert imported.count() == 3 and {v.status for v in imported} == {VendorStatus.PROSPECT}


def test_a_file_that_is_not_a_workbook_or_lacks_columns_is_refused(client_for):
    """X-5, X-8"""
    client = client_for("hr")
    text = SimpleUploadedFile("vendors.xlsx", "单位名称,统一社会信用代码\n".encode())
    refused = client.post("/vendors/import/", {"file": text})
    assert refused.status_code == 200 and "Excel" in refused.context["form"].errors["file"][0]
    missing = client.post("/vendors/import/", {"file": workbook([["某公司"]], headers=["单位名称"])})
    assert missing.status_code == 200 and "主体类型" in missing.context["form"].errors["file"][0]
    assert client_for("procurement").get("/vendors/import/").status_code == 403


def test_import_refuses_values_beyond_the_fields_limits_like_the_form(client_for, api_for):
    """X-5, X-8, VEN-1 (security finding 4): each row goes through HR's registration form, so a registered
    capital over 15 digits or a name over 200 characters is refused with its row and column, nothing is saved,
    and the list, the export and the API keep working."""
    upload = workbook(
        [
            row("导入限额甲公司", credit_code()),
            row("导入限额乙公司", credit_code(), registered_capital=1234567890123456),
            row("导入限额" + "丙" * 200, credit_code(), registered_capital="12,345,678,901,234.56"),
        ]
    )
    client = client_for("hr")
    response = client.post("/vendors/import/", {"file": upload})
    assert response.status_code == 200
    errors = [str(e) for e in response.context["errors"]]
    assert len(errors) == 2
    assert errors[0].startswith("第3行：“注册资本（元）”列：") and "15" in errors[0]
    assert errors[1].startswith("第4行：“单位名称”列：") and "200" in errors[1] and "注册资本" in errors[1]
    assert not Vendor.objects.filter(name__startswith="导入限额").exists()
    assert client.get("/vendors/").status_code == 200
    assert client.get("/vendors/?export=xlsx").status_code == 200
    assert api_for("hr").get("/api/vendors/").status_code == 200


def test_import_keeps_amounts_written_with_separators_within_the_limit(client_for):
    """X-5 (security finding 4): the form reads the amount; thousands separators typed in a text cell still work."""
    upload = workbook([row("导入分隔符公司", credit_code(), registered_capital="5,000,000.50")])
    response = client_for("hr").post("/vendors/import/", {"file": upload})
    assert response.status_code == 302
    assert str(Vendor.objects.get(name="导入分隔符公司").registered_capital) == "5000000.50"
