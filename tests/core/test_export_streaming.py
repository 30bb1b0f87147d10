"""Exports of long lists (X-5, issue 20): written row by row (openpyxl's write-only mode), a query read a chunk
at a time, and a large workbook streamed from a temporary file instead of held in memory."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.http import FileResponse, HttpResponse
from openpyxl import load_workbook

from outsourcing.core import excel
from outsourcing.org.models import User

pytestmark = pytest.mark.django_db

COLUMNS = [excel.Column("user", lambda u: u.username), excel.Column("quote", lambda u: f"={u.pk}")]


def _users(count: int) -> None:
    User.objects.bulk_create([User(username=f"export-{n:05d}") for n in range(count)])


def test_x5_a_large_export_is_streamed_from_a_file_and_reads_the_query_in_chunks(monkeypatch):
    """X-5 (issue 20): above the size limit the response streams the workbook from a temporary file; the query
    is read through a chunked iterator (never the whole list at once), every row is there, the header
    bold and frozen, formula-like text kept as text, and the row count is told to the audit middleware."""
    _users(45)
    monkeypatch.setattr(excel, "STREAM_ABOVE_BYTES", 0)
    monkeypatch.setattr(excel, "EXPORT_CHUNK", 10)
    users = User.objects.filter(username__startswith="export-").order_by("username")
    response = excel.xlsx_response(filename="用户", sheet="s", columns=COLUMNS, rows=users)
    assert isinstance(response, FileResponse) and response.exported_rows == 45
    assert users._result_cache is None  # read through an iterator, never loaded whole
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("user", "quote") and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert [r[0] for r in rows[1:]] == [f"export-{n:05d}" for n in range(45)]
    assert sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_x5_a_small_export_is_one_response_with_the_same_workbook():
    """X-5: a small list is sent in one piece (the same write-only workbook)."""
    _users(3)
    response = excel.xlsx_response(filename="用户", sheet="s", columns=COLUMNS,
                                   rows=User.objects.filter(username__startswith="export-"))  # fmt: skip
    assert isinstance(response, HttpResponse) and not response.streaming and response.exported_rows == 3
    assert load_workbook(BytesIO(response.content)).active.max_row == 4
