"""X-5, X-8 imports, security findings 5 and 6: a workbook too large is refused before it is parsed (its size, and
what it unpacks to), a sheet beyond the row limit is refused, reading stops at the first long stretch of empty rows
(a 1.5 MB file of 300,000 empty rows is answered at once), and a damaged workbook is a clear form error beside
the file, never a 500 — on the vendor import (HR) and the roster import (vendor portal). The API has no import; its
one upload (attachments) stores a damaged workbook without parsing it and refuses bytes that are not one."""

from __future__ import annotations

import os
import time
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outsourcing.vendors.models import Vendor
from outsourcing.vendors.spreadsheets import IMPORT_COLUMNS as VENDOR_COLUMNS
from outsourcing.workforce.spreadsheets import IMPORT_COLUMNS as ROSTER_COLUMNS
from tests.attachments import factories as attachment_factories
from tests.vendors.factories import credit_code
from tests.vendors.test_pages_and_excel import row as vendor_row
from tests.workforce.factories import contract_in_force

pytestmark = pytest.mark.django_db

EMPTY_ROWS_END = 50  # as documented in the user guide and the template's instructions
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
IMPORTS = {  # who imports where, and the template's headers
    "vendors": ("hr", "/vendors/import/", VENDOR_COLUMNS),
    "roster": ("vendor1", "/workers/roster/import/", ROSTER_COLUMNS),
}


def headers(columns) -> list[str]:
    return [f"{c.title}{' *' if c.required else ''}" for c in columns]


def book_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    for values in rows:
        book.active.append(values)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replaced(content: bytes, name: str, data: bytes | None = None, *, extra: dict | None = None) -> bytes:
    """The workbook with one part replaced (or dropped when `data` is None) and extra parts added."""
    source, buffer = zipfile.ZipFile(BytesIO(content)), BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename == name:
                if data is not None:
                    target.writestr(name, data)
            else:
                target.writestr(entry, source.read(entry.filename))
        for extra_name, extra_data in (extra or {}).items():
            target.writestr(extra_name, extra_data)
    return buffer.getvalue()


def header_xml(columns) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{title}</t></is></c>' for i, title in enumerate(headers(columns))
    )
    return f'<row r="1">{cells}</row>'


def post(client_for, which: str, content: bytes):
    username, url, _columns = IMPORTS[which]
    if which == "roster":
        contract_in_force()  # vendor1's company, which files its own roster
    return client_for(username).post(url, {"file": SimpleUploadedFile("导入.xlsx", content)})


def file_error(response) -> str:
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors.get("file")
    assert errors, response.context["form"].errors
    return errors[0]


@pytest.mark.parametrize("which", IMPORTS)
def test_x5_a_file_beyond_the_size_limit_is_refused_before_it_is_parsed(client_for, settings, which):
    """X-5, X-8 (security finding 6): IMPORT_MAX_BYTES; random bytes over the limit are called too large, not
    "not a workbook", so the size was checked before any parsing."""
    settings.IMPORT_MAX_BYTES = 512 * 1024
    message = file_error(post(client_for, which, os.urandom(600 * 1024)))
    assert "0.5 MB" in message and "拆分" in message


@pytest.mark.parametrize("which", IMPORTS)
def test_x5_a_workbook_that_unpacks_beyond_the_limit_is_refused(client_for, settings, which):
    """X-5 (security finding 6): a small file that unpacks to far more (a zip bomb) is refused from the zip's
    directory, before openpyxl reads a part of it."""
    settings.IMPORT_MAX_BYTES = 512 * 1024
    _user, _url, columns = IMPORTS[which]
    bomb = replaced(book_bytes([headers(columns)]), "", extra={"xl/padding.bin": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < settings.IMPORT_MAX_BYTES
    message = file_error(post(client_for, which, bomb))
    assert "解压后" in message and "20 MB" in message


def test_x5_a_sheet_beyond_the_row_limit_is_refused(client_for, settings):
    """X-5 (security finding 6): IMPORT_MAX_ROWS rows at most; nothing is saved."""
    settings.IMPORT_MAX_ROWS = 2
    rows = [vendor_row(f"导入行数{n}号公司", credit_code()) for n in range(3)]
    message = file_error(post(client_for, "vendors", book_bytes([headers(VENDOR_COLUMNS), *rows])))
    assert "最多导入 2 行" in message
    assert not Vendor.objects.filter(name__startswith="导入行数").exists()


@pytest.mark.parametrize("which", IMPORTS)
def test_x5_three_hundred_thousand_empty_rows_are_answered_at_once(client_for, which):
    """X-5 (security finding 6): a 1.5 MB workbook of 300,000 empty (formatted) rows used to cost 8 s an upload;
    reading stops at the first EMPTY_ROWS_END empty rows in a row."""
    _user, _url, columns = IMPORTS[which]
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/><c r="B{n}" s="0"/></row>' for n in range(2, 300_002))
    sheet = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:N300001"/><sheetData>{header_xml(columns)}{empty}'
    content = replaced(book_bytes([["x"]]), "xl/worksheets/sheet1.xml", (sheet + "</sheetData></worksheet>").encode())
    assert len(content) > 1024 * 1024
    started = time.monotonic()
    response = post(client_for, which, content)
    assert time.monotonic() - started < 4
    assert response.status_code == 200
    assert [str(e) for e in response.context["errors"]] == ["第2行：文件中没有可导入的数据行。"]


def test_x5_rows_after_a_long_empty_stretch_are_not_read(client_for):
    """X-5 (security finding 6): the sheet ends at EMPTY_ROWS_END empty rows in a row; a wrong row far below is
    not read, the rows above are imported."""
    rows = [vendor_row("导入空行前公司", credit_code()), *([[None]] * EMPTY_ROWS_END)]
    rows.append(vendor_row("导入空行后公司", "不是信用代码"))
    response = post(client_for, "vendors", book_bytes([headers(VENDOR_COLUMNS), *rows]))
    assert response.status_code == 302
    assert list(Vendor.objects.filter(name__startswith="导入空行").values_list("name", flat=True)) == ["导入空行前公司"]


DAMAGED = {
    "cut-off sheet XML": ("xl/worksheets/sheet1.xml", '<worksheet xmlns="{main}"><sheetData>{header}<row r="2"><c'),
    "text in a number cell": (
        "xl/worksheets/sheet1.xml",
        '<worksheet xmlns="{main}"><sheetData>{header}<row r="2"><c r="A2" t="n"><v>abc</v></c></row></sheetData>'
        "</worksheet>",
    ),
    "missing shared string": (
        "xl/worksheets/sheet1.xml",
        '<worksheet xmlns="{main}"><sheetData>{header}<row r="2"><c r="A2" t="s"><v>999</v></c></row></sheetData>'
        "</worksheet>",
    ),
    "cut-off workbook part": ("xl/workbook.xml", '<workbook xmlns="{main}"><sheets><sheet name='),
    "no sheet part": ("xl/worksheets/sheet1.xml", None),
}


@pytest.mark.parametrize("which", IMPORTS)
@pytest.mark.parametrize("damage", DAMAGED)
def test_x5_a_damaged_workbook_is_a_clear_form_error(client_for, which, damage):
    """X-5, X-8 (security finding 5): a zip that is a workbook with a broken part is said beside the file field in
    Chinese, never a 500; nothing is saved."""
    _user, _url, columns = IMPORTS[which]
    part, xml = DAMAGED[damage]
    data = None if xml is None else xml.format(main=MAIN, header=header_xml(columns)).encode()
    content = replaced(book_bytes([headers(columns)]), part, data)
    message = file_error(post(client_for, which, content))
    assert "无法读取该工作簿" in message or "不是 Excel 工作簿" in message


@pytest.mark.parametrize("which", IMPORTS)
def test_x5_random_bytes_named_xlsx_are_a_clear_form_error(client_for, which):
    """X-5, X-8 (security finding 5)"""
    assert "Excel" in file_error(post(client_for, which, os.urandom(4096)))


def test_x3_the_api_upload_answers_400_not_500_for_bytes_that_are_no_workbook(api_for, demo):
    """X-3, X-8 (security finding 5): the API's only upload (attachments) checks the type by content: random bytes
    named .xlsx are 400 with a code; a workbook with a damaged sheet is stored as a file (never parsed), 201."""
    document = attachment_factories.sample_document(demo.requester)
    api = api_for("requester")

    def upload(content: bytes):
        return api.post("/api/attachments/", {
            "document_type": "testapp.sampledocument", "object_id": document.pk, "kind": "roster",
            "file": attachment_factories.upload("花名册.xlsx", content)}, format="multipart")  # fmt: skip

    refused = upload(os.urandom(4096))
    assert refused.status_code == 400 and refused.json()["code"] == "file_type_not_allowed"
    damaged = replaced(book_bytes([["姓名"]]), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row")
    assert upload(damaged).status_code == 201
