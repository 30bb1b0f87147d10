"""Real files of each allowed kind, built byte by byte (no imaging or Office library needed), forged
ones, and the test document they are attached to."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcing.org.models import Department, User
from tests.testapp.models import SampleDocument

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
RELS = "application/vnd.openxmlformats-package.relationships+xml"


def sample_document(author: User, *, title: str = "外包需求 · 客服坐席") -> SampleDocument:
    """The test document: 李强 (requester) writes it for 客户服务部, so only he may attach files to it."""
    return SampleDocument.objects.create(
        title=title, department=Department.objects.get(code="OPS-CS"), author=author, created_by=author
    )


def pdf_bytes() -> bytes:
    body = (
        b"%PDF-1.4\n"
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    )
    xref_at = len(body)
    return body + (
        b"xref\n0 4\n0000000000 65535 f \n"
        b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + str(xref_at).encode() + b"\n%%EOF\n"
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG: signature, IHDR, one zlib-compressed IDAT (filter byte 0 per row), IEND."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def jpg_bytes() -> bytes:
    """Start of image, a JFIF APP0 segment, a comment, end of image."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = "营业执照扫描".encode()
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xfe"
        + struct.pack(">H", len(comment) + 2)
        + comment
        + b"\xff\xd9"
    )


def _zip(parts: list[tuple[str, str | bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            archive.writestr(name, content)
    return buffer.getvalue()


def _content_types(overrides: dict[str, str]) -> str:
    items = "".join(f'<Override PartName="/{part}" ContentType="{ctype}"/>' for part, ctype in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{RELS}"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def _root_rels(target: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{target}"/></Relationships>'
    )


WORD_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p></w:body></w:document>"
)


def docx_bytes(*, main_type: str = DOCX_MAIN) -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", _content_types({"word/document.xml": main_type})),
            ("_rels/.rels", _root_rels("word/document.xml")),
            ("word/document.xml", WORD_DOCUMENT),
        ]
    )


def xlsx_bytes(*, unusual_order: bool = False) -> bytes:
    """An Excel workbook. `unusual_order` puts a custom XML part first and [Content_Types].xml last, as
    some generators do: filetype's first-entries heuristic then sees a plain zip; the archive decides."""
    parts = [
        ("_rels/.rels", _root_rels("xl/workbook.xml")),
        (
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="工资" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        (
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        (
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>应发工资</t></is></c></row></sheetData></worksheet>',
        ),
    ]
    content_types = (
        "[Content_Types].xml",
        _content_types(
            {
                "xl/workbook.xml": XLSX_MAIN,
                "xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
            }
        ),
    )
    if unusual_order:
        return _zip([("customXml/item1.xml", "<root/>"), *parts, content_types])
    return _zip([content_types, *parts])


def plain_zip_bytes() -> bytes:
    return _zip([("名单.txt", "张三\n李四\n")])


def docm_bytes() -> bytes:
    """A macro-enabled Word file: a zip with word/document.xml, but not a .docx."""
    return docx_bytes(main_type=DOCM_MAIN)


def office_without_main_part_bytes() -> bytes:
    """[Content_Types].xml names a Word main part that is not in the archive."""
    return _zip([("[Content_Types].xml", _content_types({"word/document.xml": DOCX_MAIN})), ("x.txt", "x")])


def legacy_doc_bytes() -> bytes:
    """An Office 97-2003 (.doc) compound file: its OLE header and the Word marker at offset 512."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 1024


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    # The browser's content type is whatever the client claims; the service never trusts it.
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> set[str]:
    """Every file in the (in-memory) default storage under attachments/."""
    found: set[str] = set()

    def walk(path: str) -> None:
        try:
            directories, files = default_storage.listdir(path)
        except FileNotFoundError:
            return
        found.update(f"{path}/{name}" for name in files)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk("attachments")
    return found
