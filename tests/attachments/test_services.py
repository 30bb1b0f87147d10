"""X-3: any document carries files; allowed kinds are judged by content, not by name; a size limit;
the uploader's (Chinese) file name is kept while the stored name is random. X-8: every refusal says
why and leaves nothing behind, neither a row nor a stored file."""

import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from outsourcing.attachments import selectors, services
from outsourcing.attachments.kinds import GeneralKind
from outsourcing.attachments.models import Attachment
from outsourcing.core.errors import RuleViolation
from tests.attachments import factories as f
from tests.testapp.models import SampleFileKind

pytestmark = pytest.mark.django_db

GENUINE = [
    ("营业执照.pdf", f.pdf_bytes, "pdf", "application/pdf"),
    ("身份证正面.png", f.png_bytes, "png", "image/png"),
    ("现场照片.JPG", f.jpg_bytes, "jpg", "image/jpeg"),
    ("会议纪要（2026年11月）.docx", f.docx_bytes, "docx", f.DOCX_MAIN.removesuffix(".main+xml")),
    ("工资发放表.xlsx", f.xlsx_bytes, "xlsx", f.XLSX_MAIN.removesuffix(".main+xml")),
    (
        "工资发放表（另存）.xlsx",
        lambda: f.xlsx_bytes(unusual_order=True),
        "xlsx",
        f.XLSX_MAIN.removesuffix(".main+xml"),
    ),
]

FORGED = [
    ("程序改名.pdf", f.exe_bytes),  # a Windows program renamed .pdf
    ("说明.pdf", lambda: "这只是一段文字，不是 PDF。".encode()),
    ("图片.png", lambda: b"<html><script>alert(1)</script></html>"),
    ("打包.docx", f.plain_zip_bytes),  # a plain zip renamed .docx
    ("宏文档.docx", f.docm_bytes),  # macro-enabled Word (.docm) renamed .docx
    ("缺正文.docx", f.office_without_main_part_bytes),
    ("旧版文档.doc", f.legacy_doc_bytes),
    ("旧版文档改名.docx", f.legacy_doc_bytes),
    ("压缩包.zip", f.plain_zip_bytes),
]


@pytest.fixture
def document(demo):
    return f.sample_document(demo.requester)


@pytest.mark.parametrize(
    ("name", "build", "extension", "mime_type"),
    GENUINE,
    ids=["pdf", "png", "jpg", "docx", "xlsx", "xlsx-unusual-order"],
)
def test_genuine_files_of_each_allowed_kind_are_accepted(demo, document, name, build, extension, mime_type):
    """X-3: PDF, JPG, PNG, DOCX and XLSX are kept with their detected type, size, SHA-256 and the
    uploader's name exactly; the stored name is random (attachments/YYYY/MM/<32 hex>.<detected ext>)."""
    content = build()
    attachment = services.attach(
        actor=demo.requester, document=document, upload=f.upload(name, content), kind=GeneralKind.OTHER
    )
    attachment.refresh_from_db()
    assert attachment.document == document
    assert attachment.original_name == name
    assert attachment.mime_type == mime_type
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == demo.requester
    assert re.fullmatch(rf"attachments/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{extension}", attachment.file.name)
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    assert attachment.file.name in f.stored_files()


def test_a_pdf_renamed_png_is_judged_by_content(demo, document):
    """X-3: the content decides; the stored extension, the content type and the download name's extension
    follow it (a PDF called .png would not open from the download); the name itself is kept."""
    attachment = services.attach(
        actor=demo.requester,
        document=document,
        upload=f.upload("合同扫描件.png", f.pdf_bytes(), "image/png"),
        kind=SampleFileKind.RECEIPT,
    )
    assert attachment.mime_type == "application/pdf"
    assert attachment.file.name.endswith(".pdf")
    assert attachment.original_name == "合同扫描件.pdf"


@pytest.mark.parametrize(("name", "build"), FORGED)
def test_files_that_are_not_an_allowed_kind_are_refused_by_content(demo, document, name, build):
    """X-3, X-8: a program renamed .pdf, text or HTML renamed, a plain zip, a macro document, an old
    .doc: refused whatever the name or the claimed content type says; nothing saved."""
    before = f.stored_files()
    with pytest.raises(RuleViolation) as refused:
        services.attach(
            actor=demo.requester,
            document=document,
            upload=f.upload(name, build(), "application/pdf"),
            kind=SampleFileKind.RECEIPT,
        )
    assert refused.value.code == "file_type_not_allowed" and refused.value.field == "file"
    assert "PDF" in str(refused.value.message)
    assert not Attachment.objects.exists()
    assert f.stored_files() == before


def test_files_above_the_size_limit_are_refused_with_the_limit_in_mb(demo, document, settings):
    """X-3, X-8: the limit comes from settings (20 MB by default); the message states it in MB."""
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    before = f.stored_files()
    padding = b"\n" * (1024 * 1024 + 1 - len(f.pdf_bytes()))
    with pytest.raises(RuleViolation) as refused:
        services.attach(
            actor=demo.requester,
            document=document,
            upload=f.upload("大文件.pdf", f.pdf_bytes() + padding),
            kind=GeneralKind.REPORT,
        )
    assert refused.value.code == "file_too_large" and refused.value.field == "file"
    assert "1 MB" in str(refused.value.message)
    assert not Attachment.objects.exists() and f.stored_files() == before
    # exactly at the limit is allowed
    padding = b"\n" * (1024 * 1024 - len(f.pdf_bytes()))
    kept = services.attach(
        actor=demo.requester,
        document=document,
        upload=f.upload("刚好.pdf", f.pdf_bytes() + padding),
        kind=GeneralKind.REPORT,
    )
    assert kept.size == 1024 * 1024


def test_the_default_limit_is_20_mb(settings):
    """X-3"""
    from outsourcing import settings as real_settings

    assert real_settings.ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024 == settings.ATTACHMENT_MAX_BYTES


def test_empty_files_and_unknown_kinds_are_refused(demo, document):
    """X-8"""
    with pytest.raises(RuleViolation) as empty:
        services.attach(actor=demo.requester, document=document, upload=f.upload("空.pdf", b""), kind="other")
    assert empty.value.code == "file_empty"
    with pytest.raises(RuleViolation) as kind:
        services.attach(
            actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="passport"
        )
    assert kind.value.code == "kind_unknown" and kind.value.field == "kind"
    assert not Attachment.objects.exists()


def test_only_those_the_document_allows_may_attach(demo, document):
    """X-3: the document's own rule decides: the author may attach; other staff (who may see the
    document) and vendor users (who may not) are refused; nothing saved."""
    before = f.stored_files()
    for outsider in (demo.hr, demo.depthead, demo.vendor1):
        with pytest.raises(PermissionDenied):
            services.attach(actor=outsider, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other")
    assert not Attachment.objects.exists() and f.stored_files() == before


def test_a_failed_save_leaves_no_file_in_storage(demo, document, monkeypatch):
    """X-8: if the row cannot be written after the file was stored, the stored file is deleted."""
    before = f.stored_files()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Attachment, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.attach(actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other")
    assert f.stored_files() == before


def test_control_characters_are_dropped_from_the_name_but_chinese_is_kept(demo, document):
    """X-3: a right-to-left override cannot disguise a name; everything else is kept as given."""
    attachment = services.attach(
        actor=demo.requester,
        document=document,
        upload=f.upload("发票\u202egpj.pdf", f.pdf_bytes()),
        kind=SampleFileKind.RECEIPT,
    )
    assert attachment.original_name == "发票gpj.pdf"


def test_the_uploader_removes_a_file_and_the_stored_file_goes_after_commit(
    demo, document, django_capture_on_commit_callbacks
):
    """X-3: removal deletes the row, then the stored file once the deletion is committed."""
    attachment = services.attach(
        actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other"
    )
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(actor=demo.requester, attachment=attachment)
    assert not Attachment.objects.exists()
    assert name not in f.stored_files()


def test_a_rolled_back_removal_keeps_the_file(demo, document, django_capture_on_commit_callbacks):
    """X-8: nothing half-done: if the surrounding transaction fails, row and file both stay."""
    attachment = services.attach(
        actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other"
    )
    pk, name = attachment.pk, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.remove(actor=demo.requester, attachment=attachment)
        raise RuntimeError("later step failed")
    assert Attachment.objects.filter(pk=pk).exists()
    assert name in f.stored_files()


def test_only_the_uploader_who_may_still_attach_removes_a_file(demo, document):
    """X-3: others who see the document may not remove its files; nor may the uploader once the
    document no longer lets them attach (here: it changed author)."""
    attachment = services.attach(
        actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other"
    )
    for other in (demo.hr, demo.admin, demo.vendor1):
        with pytest.raises(PermissionDenied):
            services.remove(actor=other, attachment=attachment)
    document.author = demo.hr
    document.save()
    attachment = Attachment.objects.get(pk=attachment.pk)
    with pytest.raises(PermissionDenied):
        services.remove(actor=demo.requester, attachment=attachment)
    # hr is now the author but did not upload it
    with pytest.raises(PermissionDenied):
        services.remove(actor=demo.hr, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_documents_files_are_read_in_one_query(demo, document, django_assert_num_queries):
    """X-3: files with their uploaders, newest first, in one query; another document's files are not mixed in."""
    other = f.sample_document(demo.requester, title="另一张单据")
    for name in ("a.pdf", "b.pdf"):
        services.attach(actor=demo.requester, document=document, upload=f.upload(name, f.pdf_bytes()), kind="other")
    services.attach(actor=demo.requester, document=other, upload=f.upload("c.pdf", f.pdf_bytes()), kind="other")
    with django_assert_num_queries(1):
        rows = [(a.original_name, a.uploaded_by.full_name) for a in selectors.attachments_for(document=document)]
    assert rows == [("b.pdf", "李强"), ("a.pdf", "李强")]
