"""Excel (.xlsx) export of any list, with openpyxl: one header row, typed cells, Chinese file names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[object], object]
    width: int = 16
    money: bool = False


def _cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, (str, int, Decimal, date)):
        return value
    return str(value)


def workbook_bytes(*, sheet: str, columns: list[Column], rows: Iterable) -> bytes:
    book = Workbook(write_only=False)
    ws = book.active
    ws.title = sheet[:31]
    ws.append([str(c.title) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(c.value(row)) for c in columns])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        if column.money:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename: str, sheet: str, columns: list[Column], rows: Iterable) -> HttpResponse:
    """An .xlsx download; `filename` may be Chinese (RFC 5987 encoded)."""
    response = HttpResponse(workbook_bytes(sheet=sheet, columns=columns, rows=rows), content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"{filename}-{stamp}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"export-{stamp}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return response
