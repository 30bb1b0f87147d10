"""X-3 on the pages: the panel any document page includes, upload with and without htmx, download
under the original Chinese name to those who may see the document only (404 otherwise). X-8: refused
uploads say why beside the file field and save nothing."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from outsourcing.attachments import services
from outsourcing.attachments.models import Attachment
from tests.attachments import factories as f
from tests.testapp.models import SampleFileKind

pytestmark = pytest.mark.django_db

INTERNAL = ["admin", "hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "auditor"]
VENDORS = ["vendor1", "vendor2"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def document(demo):
    return f.sample_document(demo.requester)


@pytest.fixture
def licence(demo, document):
    return services.attach(
        actor=demo.requester,
        document=document,
        upload=f.upload("营业执照（副本）.pdf", f.pdf_bytes()),
        kind=SampleFileKind.RECEIPT,
        description="2026 年年检后",
    )


def upload_form(document, name="合同扫描件.pdf", content=None, kind=SampleFileKind.RECEIPT):
    return {
        "document_type": "testapp.sampledocument",
        "object_id": document.pk,
        "kind": kind,
        "description": "双方盖章版",
        "file": f.upload(name, f.pdf_bytes() if content is None else content),
    }


def translated(message: str) -> str:
    """The message as the page shows it by default (Chinese once the catalogue has it)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def test_download_keeps_the_chinese_name_and_the_content_type(client_for, licence):
    """X-3: Content-Disposition carries the original name (RFC 5987 filename*=utf-8''…), the detected
    content type, nosniff; the body is the file."""
    response = client_for("hr").get(f"/attachments/{licence.uuid}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('营业执照（副本）.pdf')}"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == f.pdf_bytes()


@pytest.mark.parametrize("username", INTERNAL + VENDORS)
def test_download_sweep_per_role(client_for, licence, username):
    """X-3, ORG-3: everyone who may see the document downloads; vendor users, who may not, get 404
    (not 403: the file's existence is not revealed)."""
    response = client_for(username).get(f"/attachments/{licence.uuid}/download/")
    assert response.status_code == (404 if username in VENDORS else 200)


def test_download_needs_login_and_an_existing_identifier(demo, client_for, licence):
    """X-3: anonymous visitors go to the login page; an unknown identifier is 404; the sequential id is
    not an address."""
    response = Client().get(f"/attachments/{licence.uuid}/download/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    hr = client_for("hr")
    assert hr.get("/attachments/00000000-0000-4000-8000-000000000000/download/").status_code == 404
    assert hr.get(f"/attachments/{licence.pk}/download/").status_code == 404
    assert hr.post(f"/attachments/{licence.uuid}/download/").status_code == 405


def test_panel_lists_files_and_offers_upload_to_the_author(client_for, document, licence):
    """X-3: the document page shows kind, name, size, uploader, time (Asia/Shanghai) and a download link;
    the author gets an upload form that works with htmx and without JavaScript."""
    Attachment.objects.filter(pk=licence.pk).update(uploaded_at=dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC))
    page = client_for("requester").get(f"/testapp/{document.pk}/").content.decode()
    assert 'id="attachments-testapp-sampledocument-' in page
    assert f'href="/attachments/{licence.uuid}/download/"' in page
    assert "营业执照（副本）.pdf" in page and "2026 年年检后" in page
    assert translated("Business licence") in page
    assert f"{len(f.pdf_bytes()) / 1024:.1f} KB" in page
    assert "2026-03-02 00:30" in page  # 16:30 UTC is half past midnight in Shanghai
    assert "李强" in page  # the uploader
    assert 'action="/attachments/upload/"' in page and 'enctype="multipart/form-data"' in page
    assert 'hx-post="/attachments/upload/"' in page and 'hx-encoding="multipart/form-data"' in page
    assert 'accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"' in page
    assert 'name="document_type" value="testapp.sampledocument"' in page
    assert f'name="object_id" value="{document.pk}"' in page
    assert 'name="kind"' in page and 'value="social_insurance_proof"' in page
    assert 'value="sample_receipt"' in page  # a kind registered by an app outside the engine (issue 13, item 4)
    assert f'hx-post="/attachments/{licence.uuid}/delete/"' in page  # the uploader may remove it


def test_panel_shows_files_but_no_upload_form_to_other_staff(client_for, document, licence):
    """X-3: staff who may see the document (hr) see its files but cannot upload or remove."""
    page = client_for("hr").get(f"/testapp/{document.pk}/").content.decode()
    assert f'href="/attachments/{licence.uuid}/download/"' in page
    assert 'action="/attachments/upload/"' not in page
    assert "/delete/" not in page


def test_panel_costs_a_fixed_number_of_queries(demo, client_for, document):
    """X-3: the document page costs the same queries with one file or six (one query for the files
    and their uploaders)."""
    client = client_for("requester")
    services.attach(actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/testapp/{document.pk}/")
    for i in range(5):
        services.attach(
            actor=demo.requester, document=document, upload=f.upload(f"{i}.png", f.png_bytes()), kind="other"
        )
    with CaptureQueriesContext(connection) as six:
        client.get(f"/testapp/{document.pk}/")
    assert len(six) == len(one)


def test_htmx_upload_re_renders_the_panel_in_place(client_for, document):
    """X-3: with htmx the answer is the panel alone, with the new file and a fresh form."""
    response = client_for("requester").post("/attachments/upload/", upload_form(document), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and html.count('class="card mt-3 attachments-panel"') == 1
    attachment = Attachment.objects.get()
    assert attachment.original_name == "合同扫描件.pdf" and attachment.kind == SampleFileKind.RECEIPT
    assert attachment.description == "双方盖章版" and attachment.document == document
    assert f'href="/attachments/{attachment.uuid}/download/"' in html
    assert 'action="/attachments/upload/"' in html


def test_htmx_upload_refused_shows_the_reason_beside_the_file_field(client_for, document):
    """X-3, X-8: a program renamed .pdf comes back in the panel with the reason under the file input,
    in the page's language; nothing is saved."""
    before = f.stored_files()
    response = client_for("requester").post(
        "/attachments/upload/", upload_form(document, name="报价单.pdf", content=f.exe_bytes()), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    field_id = f"attachments-testapp-sampledocument-{document.pk}-file"
    file_input = html[html.index('<input type="file"') : html.index(f'id="{field_id}"') + len(field_id) + 5]
    assert "is-invalid" in file_input and f"{field_id}_error" in file_input
    error_block = html[html.index(f'<div id="{field_id}_error"') :]
    message = translated(
        "Only PDF, JPG, PNG, Word (.docx) and Excel (.xlsx) files are accepted, judged by their content "
        "whatever the file name says; this file is none of them."
    )
    assert error_block.index("invalid-feedback") < error_block.index(message) < error_block.index("</div>\n")
    assert not Attachment.objects.exists() and f.stored_files() == before


def test_upload_without_javascript_returns_to_the_document_with_a_message(client_for, document):
    """X-3: a plain form post redirects to the document's own page, where a message confirms it."""
    client = client_for("requester")
    response = client.post("/attachments/upload/", upload_form(document))
    assert response.status_code == 302 and response["Location"] == f"/testapp/{document.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "合同扫描件.pdf" in page and 'class="alert alert-success' in page
    assert Attachment.objects.count() == 1


def test_refused_upload_without_javascript_returns_with_the_reason(client_for, document, settings):
    """X-8: too big: back to the document with the reason (the limit in MB); nothing saved."""
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client = client_for("requester")
    big = f.pdf_bytes() + b"\n" * (2 * 1024 * 1024)
    response = client.post("/attachments/upload/", upload_form(document, content=big))
    assert response.status_code == 302 and response["Location"] == f"/testapp/{document.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'class="alert alert-danger' in page and "1 MB" in page
    assert not Attachment.objects.exists()


def test_missing_fields_are_refused_beside_their_field(client_for, document):
    """X-8: no kind chosen, no file given: Django's own (translated) messages beside each field."""
    data = upload_form(document)
    data["kind"] = ""
    del data["file"]
    html = client_for("requester").post("/attachments/upload/", data, **HTMX).content.decode()
    with translation.override("zh-hans"):
        required = translation.gettext("This field is required.")
    assert html.count(required) == 2
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(("username", "expected"), [("hr", 403), ("depthead", 403), ("vendor1", 404), ("vendor2", 404)])
def test_only_those_who_may_attach_can_upload(client_for, document, username, expected):
    """X-3: staff who see the document but may not attach get 403; vendor users, who may not see it,
    get 404; nothing saved."""
    response = client_for(username).post("/attachments/upload/", upload_form(document), **HTMX)
    assert response.status_code == expected
    assert not Attachment.objects.exists()


def test_forged_document_references_are_refused(client_for, document):
    """X-3: the hidden fields must name a real model and an existing document the user may attach to."""
    client = client_for("requester")
    for document_type, object_id in [
        ("testapp.nosuchmodel", document.pk),
        ("nosuchapp.sampledocument", document.pk),
        ("testapp.sampledocument", 999999),
        ("testapp.sampledocument", "abc"),
        ("attachments.attachment", 1),
        ("org.user", 1),
        ("", ""),
    ]:
        data = {**upload_form(document), "document_type": document_type, "object_id": object_id}
        assert client.post("/attachments/upload/", data).status_code == 404, document_type
    assert not Attachment.objects.exists()
    assert Client().post("/attachments/upload/", upload_form(document)).status_code == 302  # to login


def test_the_uploader_removes_a_file_from_the_panel(client_for, licence, document, django_capture_on_commit_callbacks):
    """X-3: with htmx the panel comes back without the file; others get 403, vendor users 404."""
    url = f"/attachments/{licence.uuid}/delete/"
    assert client_for("hr").post(url, **HTMX).status_code == 403
    assert client_for("vendor1").post(url, **HTMX).status_code == 404
    assert client_for("requester").get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("requester").post(url, **HTMX)
    assert response.status_code == 200 and "营业执照（副本）.pdf" in response.content.decode()  # the notice
    assert f'href="/attachments/{licence.uuid}/download/"' not in response.content.decode()
    assert not Attachment.objects.exists() and f.stored_files().isdisjoint({licence.file.name})


def test_removal_without_javascript_returns_to_the_document(client_for, licence, document):
    """X-3"""
    response = client_for("requester").post(f"/attachments/{licence.uuid}/delete/")
    assert response.status_code == 302 and response["Location"] == f"/testapp/{document.pk}/"
    assert not Attachment.objects.exists()


def test_the_panel_tag_renders_in_any_template_and_only_for_those_who_may_see(rf, demo, document, licence):
    """X-3: `{% attachments_panel document %}` plugs into any document page; for a user who may not
    see the document it renders nothing at all."""
    from django.template import engines

    template = engines["django"].from_string("{% load attachments_tags %}{% attachments_panel document %}")

    def render_for(user) -> str:
        request = rf.get(f"/testapp/{document.pk}/")
        request.user = user
        return template.render({"document": document}, request)

    assert render_for(demo.vendor1).strip() == ""
    for_hr = render_for(demo.hr)
    assert "营业执照（副本）.pdf" in for_hr and "attachments-upload" not in for_hr
    for_author = render_for(demo.requester)
    assert "attachments-upload" in for_author and "csrfmiddlewaretoken" in for_author
