"""X-5: the formal PDFs embed Noto Sans SC parsed once per process (issue 13, item 8), and each document still
gets its own font subset: what one letter used does not leak into, or go missing from, the next."""

from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader

from outsourcing.core import pdf as core_pdf


def _document(text: str) -> str:
    document = FPDF()
    core_pdf.embed_fonts(document)
    document.add_page()
    document.set_font(core_pdf.FAMILY, "B", 12)
    document.cell(0, 10, text)
    return PdfReader(io.BytesIO(bytes(document.output()))).pages[0].extract_text()


def test_x5_fonts_are_parsed_once_per_process(monkeypatch):
    core_pdf.embed_fonts(FPDF())  # the process's first document parses the files
    opened = []
    real = core_pdf.FPDF.add_font
    monkeypatch.setattr(core_pdf.FPDF, "add_font", lambda *a, **k: opened.append(a) or real(*a, **k))
    _document("劳务外包")
    assert opened == []


def test_x5_each_document_has_its_own_subset():
    assert _document("外包服务合同") == "外包服务合同"
    assert _document("结算单据审批") == "结算单据审批"  # no glyph in common with the first: its own subset
