"""What a file is, judged by its content (magic numbers and, for Office files, the zip's parts), never its name.

filetype (pure Python) recognises PDF, JPEG and PNG by their first bytes. Word and Excel files are
both zip archives and filetype only peeks at the first entries, so the archive is opened and its
[Content_Types].xml must declare the main part of a .docx or .xlsx that is really there; a plain zip,
a macro-enabled .docm/.xlsm or an old .doc/.xls is not one of the allowed kinds.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import filetype
from filetype.types.archive import Zip

HEAD_BYTES = 8192
# [Content_Types].xml is a few KB in real files; anything bigger is not worth decompressing.
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
CONTENT_TYPES_PART = "[Content_Types].xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass(frozen=True)
class DetectedType:
    extension: str
    mime_type: str


PDF = DetectedType("pdf", "application/pdf")
JPG = DetectedType("jpg", "image/jpeg")
PNG = DetectedType("png", "image/png")
DOCX = DetectedType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = DetectedType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

ALLOWED = (PDF, JPG, PNG, DOCX, XLSX)
SCANS = (PDF, JPG, PNG)  # certificates, proofs and signed papers: a scan or a photo, never an editable file
# What the file picker offers; the server decides by content whatever the name says.
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"

_BY_MAGIC = {"application/pdf": PDF, "image/jpeg": JPG, "image/png": PNG, "image/apng": PNG}
_OFFICE_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}


def detect(file) -> DetectedType | None:
    """The allowed type this file's content is, or None. `file` is a seekable binary file; left at 0."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not head:
        return None
    guess = filetype.guess(head)
    if guess is not None and guess.mime in _BY_MAGIC:
        return _BY_MAGIC[guess.mime]
    if Zip().match(head):
        try:
            return _office_type(file)
        finally:
            file.seek(0)
    return None


def _office_type(file) -> DetectedType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            info = archive.getinfo(CONTENT_TYPES_PART)
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            with archive.open(info) as part:
                content_types = part.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        return None
    if len(content_types) > CONTENT_TYPES_MAX_BYTES:
        return None
    try:
        root = ElementTree.fromstring(content_types)
    except ElementTree.ParseError:
        return None
    found = set()
    for override in root.iter(f"{CONTENT_TYPES_NS}Override"):
        detected = _OFFICE_MAIN_PARTS.get(override.get("ContentType", ""))
        part_name = override.get("PartName", "").lstrip("/")
        if detected is not None and part_name in names:
            found.add(detected)
    # Exactly one main document: a Word file or an Excel file, not both, not neither.
    return found.pop() if len(found) == 1 else None
