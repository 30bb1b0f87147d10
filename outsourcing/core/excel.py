"""Excel (.xlsx) with openpyxl: export of any list (one header row, typed cells, Chinese file names), and
import from a template, row by row, all or nothing."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote
from zipfile import BadZipFile, ZipFile

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from outsourcing.core.errors import RuleViolation
from outsourcing.core.text import join_reasons

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
logger = logging.getLogger(__name__)


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


# What Excel, WPS and LibreOffice read as the start of a formula when a cell is typed or edited (OWASP CSV
# injection); openpyxl itself writes any str starting with "=" as a live formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _write_row(ws, row: int, values: list) -> list:
    """Write one row; text that a spreadsheet would take for a formula stays text: a string cell with the
    quote prefix (Excel's leading apostrophe, neither shown nor part of the value), so it reads exactly as
    written and stays text even when someone edits the cell. Rows are numbered by the caller: asking the sheet
    for its last row scans every cell, which made large exports quadratic."""
    cells = [ws.cell(row=row, column=index, value=value) for index, value in enumerate(values, start=1)]
    for cell, value in zip(cells, values, strict=True):
        _keep_text(cell, value)
    return cells


def _keep_text(cell, value) -> None:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _streamed_cell(ws, value, *, money: bool = False, bold: bool = False):
    cell = WriteOnlyCell(ws, value=value)
    _keep_text(cell, value)
    if money:
        cell.number_format = "#,##0.00"
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook_bytes(*, sheet: str, columns: list[Column], rows: Iterable) -> bytes:
    """Every export goes through here, so every export is safe from formula injection (security finding 3)."""
    buffer = BytesIO()
    _write_workbook(buffer, sheet=sheet, columns=columns, rows=rows)
    return buffer.getvalue()


# Rows read from the database per round trip when a list is exported: the export's memory does not grow with the
# list (issue 20: 100,000 workers in a few tens of MB, not 1.9 GB).
EXPORT_CHUNK = 2000


def _each(rows: Iterable) -> Iterable:
    """A query's rows fetched a chunk at a time (its related lookups with it), never the whole list at once."""
    if isinstance(rows, QuerySet) and rows._result_cache is None:
        return rows.iterator(chunk_size=EXPORT_CHUNK)
    return rows


def _write_workbook(file, *, sheet: str, columns: list[Column], rows: Iterable) -> int:
    """The workbook written row by row (openpyxl's write-only mode) into `file`: memory stays bounded however
    long the list. Returns the rows written."""
    written = 0
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.append([_streamed_cell(ws, str(c.title), bold=True) for c in columns])
    money = [c.money for c in columns]
    for row in _each(rows):
        values = [_cell(c.value(row)) for c in columns]
        # A styled cell only where it is needed (money, text that looks like a formula): plain values are written
        # several times faster.
        ws.append([
            _streamed_cell(ws, value, money=m) if m or (isinstance(value, str) and value.startswith(FORMULA_STARTS))
            else value
            for value, m in zip(values, money, strict=True)
        ])  # fmt: skip
        written += 1
    book.save(file)
    return written


# An export up to this size is sent in one piece; a larger one is streamed from its temporary file.
STREAM_ABOVE_BYTES = 8 * 1024 * 1024


def xlsx_response(*, filename: str, sheet: str, columns: list[Column], rows: Iterable) -> HttpResponse:
    """An .xlsx download; `filename` may be Chinese (RFC 5987 encoded).

    The workbook is written row by row to a temporary file and a large one streamed from it (issue 20), so an
    export of every worker holds neither the list nor the workbook in memory.
    The response says what was exported and how many rows (`exported_list`, `exported_rows`): the audit
    engine records who exported which list with what filter (issue 13, item 5) without each view saying so."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the streaming response, or below
    try:
        written = _write_workbook(file, sheet=sheet, columns=columns, rows=rows)
        size = file.seek(0, 2)
        file.seek(0)
        if size > STREAM_ABOVE_BYTES:
            response = FileResponse(file, content_type=XLSX)
        else:
            response = HttpResponse(file.read(), content_type=XLSX)
            file.close()
    except BaseException:
        file.close()
        raise
    response.exported_list = str(filename)
    response.exported_rows = written
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"{filename}-{stamp}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"export-{stamp}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return response


# ---------------------------------------------------------------------------------------------------
# Import: a template to fill in, rows read by header, and all-or-nothing saving


@dataclass(frozen=True)
class ImportColumn:
    """One column of an import template. `title` is translatable: headers are accepted in any language."""

    key: str
    title: str
    required: bool = False
    example: object = ""
    width: int = 18
    text: bool = False  # formatted as text in the template, so Excel keeps long digit strings (ID numbers) whole


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number, as the user sees it (headers are row 1)
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


def template_response(*, filename: str, sheet: str, columns: list[ImportColumn], notes: list[str]) -> HttpResponse:
    """An .xlsx template: the header row (required columns marked *) on the first sheet, to fill in; the
    instructions and an example row on a second sheet, so the example is never imported by mistake."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    headers = [f"{c.title}{' *' if c.required else ''}" for c in columns]
    for cell in _write_row(ws, 1, headers):
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        if column.text:
            ws.column_dimensions[get_column_letter(index)].number_format = "@"
    ws.freeze_panes = "A2"
    guide = book.create_sheet(str(_("Instructions"))[:31])
    limits = _(
        "One file holds at most %(rows)s rows and %(mb)s MB; reading stops at %(empty)s empty rows in a row."
    ) % {"rows": settings.IMPORT_MAX_ROWS, "mb": megabytes(settings.IMPORT_MAX_BYTES), "empty": EMPTY_ROWS_END}
    lines = [[str(line)] for line in [*notes, limits]] + [[], [str(_("Example:"))], headers]
    lines.append([_cell(c.example) for c in columns])
    for number, values in enumerate(lines, start=1):
        _write_row(guide, number, values)
    for index, column in enumerate(columns, start=1):
        guide.column_dimensions[get_column_letter(index)].width = max(column.width, 60 if index == 1 else 0)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"{filename}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"template.xlsx\"; filename*=UTF-8''{quote(name)}"
    return response


def _header_names(column: ImportColumn) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(column.title).strip())
    return names


def choice_code(value, choices, what: str) -> str:
    """The code of a choice written in a cell as its code or its label in any of the interface's languages."""
    text = str(value or "").strip()
    for code, shown in choices:
        if text == code:
            return code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if text == str(shown):
                    return code
    raise RuleViolation("bad_choice", _("“%(value)s” is not a valid %(what)s.") % {"value": text, "what": what})


def cell_date(value, what: str) -> date:
    """A date typed in a cell: an Excel date, or text like 2026-12-01 or 2026/12/1."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError as exc:
        raise RuleViolation(
            "bad_date", _("“%(value)s” is not a date for %(what)s (write 2026-12-01).") % {"value": text, "what": what}
        ) from exc


def _text(value) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # Excel stores every number as a float; 12 typed is 12, not 12.0
    return value


# Reading stops at this many empty rows in a row: a sheet formatted down to row 1,048,576 (or a file made to
# cost time) ends where its data ends, without the parser walking every empty row (security findings 5, 6).
EMPTY_ROWS_END = 50
# What a workbook may unpack to, per byte of the file: real workbooks unpack to 5-20 times their size; openpyxl
# reads the shared strings whole when it opens a workbook, so a zip bomb is refused from the zip's directory.
UNPACKED_PER_BYTE = 40


def megabytes(size: int) -> str:
    """5242880 → "5", 1572864 → "1.5" (for messages that say "MB")."""
    return f"{size / (1024 * 1024):.2f}".rstrip("0").rstrip(".") or "0"


def _too_large(message) -> RuleViolation:
    return RuleViolation("file_too_large", message, field="file")


def _check_size(upload) -> None:
    """Refuse a file too large for an import before anything parses it: its size, then what it unpacks to
    according to the zip's directory (zipfile never unpacks an entry past its declared size)."""
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise _too_large(
            _("The file is larger than %(mb)s MB: split it and import the parts one after another.")
            % {"mb": megabytes(limit)}
        )
    try:
        upload.seek(0)
        with ZipFile(upload) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (BadZipFile, OSError, ValueError, EOFError) as exc:
        raise RuleViolation(
            "not_xlsx", _("This is not an Excel workbook (.xlsx): download the template and fill it in."), field="file"
        ) from exc
    finally:
        upload.seek(0)
    if unpacked > limit * UNPACKED_PER_BYTE:
        raise _too_large(
            _("Unpacked, the workbook is larger than %(mb)s MB: split it and import the parts one after another.")
            % {"mb": megabytes(limit * UNPACKED_PER_BYTE)}
        )


def _unreadable(exc: Exception) -> RuleViolation:
    logger.info("Unreadable workbook refused: %r", exc)
    return RuleViolation(
        "xlsx_unreadable",
        _("The workbook cannot be read: it is damaged or was not saved by a spreadsheet program. Open it in Excel "
          "or WPS, save it again as .xlsx and import it again."),
        field="file",
    )  # fmt: skip


def read_rows(upload, columns: list[ImportColumn], *, max_rows: int | None = None) -> list[tuple[int, dict]]:
    """(row number, {key: value}) for every non-empty row under the header row, up to the first
    `EMPTY_ROWS_END` empty rows in a row; RuleViolation if the file is too large, is not an .xlsx workbook or is
    damaged, lacks a required column or has more than `IMPORT_MAX_ROWS` rows."""
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    _check_size(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RuleViolation(
            "not_xlsx", _("This is not an Excel workbook (.xlsx): download the template and fill it in."), field="file"
        ) from exc
    except Exception as exc:  # a damaged part inside a real zip: whatever the parser raises, the file is unreadable
        raise _unreadable(exc) from exc
    try:
        return _rows_of(book, columns, max_rows)
    except RuleViolation:
        raise
    except Exception as exc:  # a damaged sheet is found while reading it (read-only mode parses row by row)
        raise _unreadable(exc) from exc
    finally:
        book.close()


def _rows_of(book, columns: list[ImportColumn], max_rows: int) -> list[tuple[int, dict]]:
    if not book.worksheets:
        raise _unreadable(ValueError("no worksheet"))
    sheet = book.worksheets[0]
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None) or ()
    positions: dict[str, int] = {}
    cleaned = [str(h).replace("*", "").strip() if h is not None else "" for h in header]
    for column in columns:
        names = _header_names(column)
        found = next((i for i, h in enumerate(cleaned) if h in names), None)
        if found is not None:
            positions[column.key] = found
        elif column.required:
            raise RuleViolation(
                "missing_column",
                _("The column “%(column)s” is missing: use the template's header row.") % {"column": column.title},
                field="file",
            )
    width = max(positions.values(), default=0) + 1  # only the template's columns are read, however wide the sheet
    result, empty = [], 0
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=width, values_only=True), start=2):
        record = {key: _text(values[i]) if i < len(values) else None for key, i in positions.items()}
        if all(v is None for v in record.values()):
            empty += 1
            if empty >= EMPTY_ROWS_END:
                break
            continue
        empty = 0
        if len(result) >= max_rows:
            raise RuleViolation(
                "too_many_rows", _("At most %(n)s rows can be imported at once.") % {"n": max_rows}, field="file"
            )
        result.append((number, record))
    return result


INVALID_VALUE = "invalid_value"


def checked_by_form(form, columns: list[ImportColumn]):
    """The row checked by the very form people use to enter one record by hand (its field limits, formats and
    choices, which follow the model's), so an import has no second set of checks (security finding 4). Returns
    the valid form; a RuleViolation names every wrong column by its header in the template."""
    if form.is_valid():
        return form
    titles = {column.key: column.title for column in columns}
    problems = []
    for name, messages in form.errors.items():
        title = titles.get(name) or (form.fields[name].label if name in form.fields else None)
        for message in messages:
            problems.append(
                _("Column “%(column)s”: %(message)s") % {"column": title, "message": message} if title else message
            )
    raise RuleViolation(INVALID_VALUE, join_reasons(problems))


def import_all_or_nothing(rows: list[tuple[int, dict]], save_row: Callable[[int, dict], object]):
    """Save every row through `save_row(row number, record)` (a service), each in its own savepoint; if any
    row is refused, roll everything back. Returns (saved results, [RowError]); no results when errors exist."""
    saved, errors = [], []
    with transaction.atomic():
        for number, record in rows:
            try:
                with transaction.atomic():
                    saved.append(save_row(number, record))
            except RuleViolation as exc:
                errors.append(RowError(number, str(exc.message)))
        if not rows:
            errors.append(RowError(2, str(_("The file has no rows to import."))))
        if errors:
            transaction.set_rollback(True)
            saved = []
    return saved, errors


def import_in_bulk(
    rows: list[tuple[int, dict]],
    *,
    check_row: Callable[[int, dict], object],
    save_all: Callable[[list], list],
    check_all: Callable[[list[tuple[int, object]]], list[RowError]] | None = None,
):
    """All or nothing at scale (X-5, X-8): every row is checked in memory by `check_row(row number, record)`
    (a RuleViolation is that row's error), then `check_all` checks the checked rows against the database with one
    query per check (duplicates, existing records) and returns their RowErrors; only a file without any error is
    saved, by `save_all(checked items)` in one transaction. A refused file is refused before any write, with
    every row's message; the cost per row does not grow with the file. Returns (saved, errors) like
    `import_all_or_nothing`."""
    checked, errors = [], []
    for number, record in rows:
        try:
            checked.append((number, check_row(number, record)))
        except RuleViolation as exc:
            errors.append(RowError(number, str(exc.message)))
    if not rows:
        errors.append(RowError(2, str(_("The file has no rows to import."))))
    if check_all is not None and checked:
        errors.extend(check_all(checked))
    if errors:
        return [], sorted(errors, key=lambda error: error.row)
    with transaction.atomic():
        return save_all([item for _number, item in checked]), []
