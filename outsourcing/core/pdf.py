"""Formal letters and reports as PDF (X-5), with fpdf2 and the Noto Sans SC font embedded (subset to the
glyphs used), so Chinese text is correct on any reader without a system font.

The font files come from the npm package @expo-google-fonts/noto-sans-sc (scripts/vendor_static.py
records version and checksums). A letter is built from recorded facts only: what it says can be
traced to the records it was made from.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "NotoSansSC"
FONT_FILES = (("", "NotoSansSC-Regular.ttf"), ("B", "NotoSansSC-Bold.ttf"))


@functools.cache
def _parsed_fonts() -> tuple[tuple[str, bytes], ...]:
    """Each font file parsed once per process (about 0.6 s each: the CJK glyph tables are large), kept as the
    pickled fpdf2 font object. Pickled bytes, not the object, because fpdf2 subsets a document's font in place
    when it writes the file: every document gets its own fresh copy (`pickle.loads`, about 0.05 s). The bytes
    never leave this process and are never read from disk, so none of pickle's dangers with foreign data apply."""
    scratch = FPDF()
    parsed = []
    for style, name in FONT_FILES:
        scratch.add_font(FAMILY, style, str(FONT_DIR / name))
        font = scratch.fonts[f"{FAMILY.lower()}{style}"]
        # fpdf2 keeps the default glyph width in a lambda, which pickle cannot carry: a picklable equivalent
        font.cw = defaultdict(functools.partial(operator.itemgetter(0), (font.cw.default_factory(),)), font.cw)
        parsed.append((font.fontkey, pickle.dumps(font)))
    return tuple(parsed)


def embed_fonts(pdf: FPDF) -> None:
    """Give a new document the regular and bold Noto Sans SC, as `add_font` would, without parsing the files."""
    for fontkey, blob in _parsed_fonts():
        font = pickle.loads(blob)  # noqa: S301 - made by this process from our own font files, above
        font.i = len(pdf.fonts) + 1
        pdf.fonts[fontkey] = font


@dataclass
class Letter:
    """A formal notice: title, addressee, body paragraphs, an optional table of facts, the sender."""

    title: str
    number: str
    addressee: str
    paragraphs: list[str]
    facts: list[tuple[str, str]] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # a header row and data rows
    table_widths: tuple[float, ...] | None = None  # relative column widths
    sender: str = ""
    date: dt.date | None = None
    footer: str = ""


def company_name() -> str:
    return getattr(settings, "COMPANY_NAME", "") or "本公司"


class _Document(FPDF):
    def __init__(self, footer: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer
        embed_fonts(self)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(22, 20, 22)

    def footer(self):
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        text = f"{self.footer_text}  ·  {self.page_no()}/{{nb}}" if self.footer_text else f"{self.page_no()}/{{nb}}"
        self.cell(0, 6, text, align="C")
        self.set_text_color(0)


def _paragraph(pdf: _Document, text: str, size: float = 11.5, style: str = "", indent: bool = True) -> None:
    pdf.set_font(FAMILY, style, size)
    for line in text.split("\n"):
        pdf.multi_cell(0, 7.2, ("\u3000\u3000" if indent else "") + line, wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip


def _facts(pdf: _Document, facts: list[tuple[str, str]]) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    with pdf.table(col_widths=(width * 0.3, width * 0.7), text_align="LEFT", line_height=7,
                   first_row_as_headings=False) as table:  # fmt: skip
        for label, value in facts:
            row = table.row()
            pdf.set_font(FAMILY, "B", 10.5)
            row.cell(label)
            pdf.set_font(FAMILY, "", 10.5)
            row.cell(value)
    pdf.ln(3)


def _table(pdf: _Document, rows: list[list[str]], widths: tuple[float, ...] | None) -> None:
    pdf.set_font(FAMILY, "", 9)
    with pdf.table(text_align="CENTER", line_height=6, col_widths=widths) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def render(letter: Letter) -> bytes:
    pdf = _Document(letter.footer or letter.number)
    pdf.set_title(letter.title)
    pdf.set_author(letter.sender or company_name())
    pdf.set_creator("劳务外包管理系统")
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 20)
    pdf.cell(0, 14, letter.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(0, 7, letter.number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    _paragraph(pdf, f"{letter.addressee}：", size=12, indent=False)
    pdf.ln(1)
    for text in letter.paragraphs:
        _paragraph(pdf, text)
        pdf.ln(1.5)
    if letter.facts:
        pdf.ln(2)
        _facts(pdf, letter.facts)
    if letter.table:
        _table(pdf, letter.table, letter.table_widths)
    pdf.ln(10)
    pdf.set_font(FAMILY, "", 12)
    pdf.cell(0, 8, letter.sender or company_name(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    day = letter.date or dt.date.today()
    pdf.cell(0, 8, f"{day.year}年{day.month}月{day.day}日", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def pdf_response(content: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    """A PDF download; `filename` may be Chinese (RFC 5987)."""
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}.pdf"
    )
    return response
