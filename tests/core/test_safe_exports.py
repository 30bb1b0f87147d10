"""X-5 exports, security finding 3: text that Excel, WPS or LibreOffice would read as a formula (starting with =, +,
-, @, tab or carriage return) is written as text in every export, shown exactly as typed; numbers stay numbers and
dates stay dates. Proven through the real export views of the worker list and the vendor pool, which share
`core.excel` with every other export."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from outsourcing.core.excel import Column, workbook_bytes
from tests.vendors.factories import prospect
from tests.workforce.factories import contract_in_force, filed

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def exported(response):
    assert response.status_code == 200, response.content[:300]
    return load_workbook(BytesIO(response.content)).active


def row_of(sheet, column: int, value):
    return next(row for row in sheet.iter_rows(min_row=2) if row[column].value == value)


def assert_text(cell, value):
    assert cell.value == value  # shown as typed: no apostrophe added to the value
    assert cell.data_type == "s"  # a string cell, never "f" (a live formula)
    assert cell.quotePrefix  # and stays text when someone edits the cell in Excel or WPS


def test_x5_worker_named_like_a_formula_is_exported_as_text(client_for):
    """X-5, WRK-7 (security finding 3): a worker filed as =HYPERLINK(...), with a post starting with @, is text in
    HR's export; the planned dates are still dates."""
    contract = contract_in_force()
    filed(contract, name=HYPERLINK, post="@SUM(A1)")
    filed(contract, name="-2+3", post="+cmd|' /C calc'!A0")
    sheet = exported(client_for("hr").get("/workers/?export=xlsx"))
    row = row_of(sheet, 1, HYPERLINK)
    assert_text(row[1], HYPERLINK)
    assert_text(row[7], "@SUM(A1)")
    assert row[8].is_date and row[9].is_date
    other = row_of(sheet, 1, "-2+3")
    assert_text(other[1], "-2+3")
    assert_text(other[7], "+cmd|' /C calc'!A0")
    ordinary = sheet.cell(row=1, column=1)
    assert ordinary.data_type == "s" and not ordinary.quotePrefix  # only formula-like text is marked


def test_x5_vendor_named_like_a_formula_is_exported_as_text(client_for):
    """X-5, VEN-1 (security finding 3): a vendor whose name, legal representative and contact fields look like
    formulas is text in the pool's export; the registered capital stays a number."""
    prospect(name=HYPERLINK, legal_representative="@SUM(A1)", contact_name="+1", contact_phone="+86 21 5000 0000",
             registered_capital=Decimal("5000000"))  # fmt: skip
    sheet = exported(client_for("hr").get("/vendors/?export=xlsx"))
    row = row_of(sheet, 1, HYPERLINK)
    assert_text(row[1], HYPERLINK)
    assert_text(row[5], "@SUM(A1)")
    assert_text(row[7], "+1")
    assert_text(row[8], "+86 21 5000 0000")
    assert row[6].data_type == "n" and row[6].value == 5000000


def test_x5_every_formula_start_is_text_and_numbers_and_dates_keep_their_type():
    """X-5 (security finding 3): the shared export helper, for the starts a form or the API may keep (tab and
    carriage return survive where text is not stripped)."""
    import datetime as dt

    starts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
    columns = [Column("text", lambda r: r[0]), Column("amount", lambda r: r[1], money=True),
               Column("day", lambda r: r[2]), Column("count", lambda r: r[3])]  # fmt: skip
    rows = [(text, Decimal("-12.50"), dt.date(2026, 12, 1), -3) for text in starts]
    sheet = load_workbook(BytesIO(workbook_bytes(sheet="s", columns=columns, rows=rows))).active
    for number, text in enumerate(starts, start=2):
        assert_text(sheet.cell(row=number, column=1), text.replace("\r", "\n"))  # XML reads CR as a line feed
        assert sheet.cell(row=number, column=2).data_type == "n" and sheet.cell(row=number, column=2).value == -12.5
        assert sheet.cell(row=number, column=3).is_date
        assert sheet.cell(row=number, column=4).value == -3


def test_x5_a_large_export_stays_linear():
    """X-5 (security finding 3): marking formula-like cells must not make an export of the whole pool slow (a first
    version asked the sheet for its last row per row: 5,000 rows took minutes)."""
    import time

    columns = [Column(str(i), lambda r, i=i: f"={i}+{r}" if i % 2 else f"v{r}") for i in range(13)]
    started = time.monotonic()
    workbook_bytes(sheet="s", columns=columns, rows=range(4000))
    assert time.monotonic() - started < 15
