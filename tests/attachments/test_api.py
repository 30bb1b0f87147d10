"""X-3 through the REST API (X-6): list a document's files, upload, download, remove, under the same
rules as the pages; refusals as {"detail", "code"} (X-8); the sweep: 401 anonymous, 404 for vendor
users who may not see the document, 403 for staff who see it but may not attach."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from outsourcing.attachments import services
from outsourcing.attachments.kinds import kind_choices
from outsourcing.attachments.models import Attachment
from tests.attachments import factories as f
from tests.testapp.models import SampleFileKind

pytestmark = pytest.mark.django_db

INTERNAL = ["admin", "hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "auditor"]
VENDORS = ["vendor1", "vendor2"]


@pytest.fixture
def document(demo):
    return f.sample_document(demo.requester)


@pytest.fixture
def licence(demo, document):
    return services.attach(
        actor=demo.requester,
        document=document,
        upload=f.upload("营业执照.pdf", f.pdf_bytes()),
        kind=SampleFileKind.RECEIPT,
    )


def list_url(document) -> str:
    return f"/api/attachments/?document_type=testapp.sampledocument&object_id={document.pk}"


def payload(document, name="社保缴纳证明.png", content=None, kind=SampleFileKind.RECEIPT):
    return {
        "document_type": "testapp.sampledocument",
        "object_id": document.pk,
        "kind": kind,
        "description": "2026 年 10 月",
        "file": f.upload(name, f.png_bytes() if content is None else content),
    }


def test_upload_list_download_delete(api_for, document, django_capture_on_commit_callbacks):
    """X-3, X-6: the author uploads (multipart, 201), everyone who sees the document lists and
    downloads it under its Chinese name, the uploader removes it (204)."""
    api = api_for("requester")
    created = api.post("/api/attachments/", payload(document), format="multipart")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["original_name"] == "社保缴纳证明.png" and body["mime_type"] == "image/png"
    assert body["document_type"] == "testapp.sampledocument" and body["object_id"] == document.pk
    assert body["kind"] == "sample_receipt" and body["size"] == len(f.png_bytes())
    assert body["uploaded_by_name"] == "李强" and body["description"] == "2026 年 10 月"
    assert body["download_url"].endswith(f"/api/attachments/{body['uuid']}/download/")

    listed = api_for("hr").get(list_url(document)).json()
    assert set(listed) == {"count", "next", "previous", "results"}
    assert listed["count"] == 1 and listed["results"][0]["uuid"] == body["uuid"]

    download = api_for("hr").get(f"/api/attachments/{body['uuid']}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('社保缴纳证明.png')}"
    assert download["Content-Type"] == "image/png" and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == f.png_bytes()
    # a client that asks for the file's own type is served too
    assert api_for("hr").get(f"/api/attachments/{body['uuid']}/download/", HTTP_ACCEPT="image/png").status_code == 200

    assert api_for("hr").get(f"/api/attachments/{body['uuid']}/").json()["sha256"] == body["sha256"]
    stored = Attachment.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/attachments/{body['uuid']}/").status_code == 204
    assert not Attachment.objects.exists() and stored not in f.stored_files()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("程序.pdf", f.exe_bytes(), "file_type_not_allowed"),
        ("打包.xlsx", f.plain_zip_bytes(), "file_type_not_allowed"),
        ("旧版.xls", f.legacy_doc_bytes(), "file_type_not_allowed"),
        ("空白.pdf", b"", "file_empty"),
    ],
    ids=["exe-as-pdf", "zip-as-xlsx", "xls", "empty"],
)
def test_refused_uploads_answer_400_with_a_code_and_save_nothing(api_for, document, name, content, code):
    """X-3, X-8"""
    before = f.stored_files()
    response = api_for("requester").post("/api/attachments/", payload(document, name, content), format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["field"] == "file" and response.json()["detail"]
    assert not Attachment.objects.exists() and f.stored_files() == before


def test_too_big_answers_400_with_the_limit(api_for, document, settings):
    """X-3, X-8"""
    settings.ATTACHMENT_MAX_BYTES = 512 * 1024
    big = f.pdf_bytes() + b"\n" * (600 * 1024)
    response = api_for("requester").post("/api/attachments/", payload(document, "报告.pdf", big), format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "file_too_large" and "0.5 MB" in response.json()["detail"]
    assert not Attachment.objects.exists()


def test_malformed_requests_answer_400(api_for, document):
    """X-6, X-8: field errors for missing fields; a code for an unknown document type or a bad id."""
    api = api_for("requester")
    missing = api.post("/api/attachments/", {"document_type": "testapp.sampledocument"}, format="multipart")
    assert missing.status_code == 400 and {"object_id", "kind", "file"} <= set(missing.json()["fields"])
    unknown = api.post(
        "/api/attachments/", {**payload(document), "document_type": "testapp.nosuch"}, format="multipart"
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "document_type_unknown"
    assert api.get("/api/attachments/").json()["code"] == "document_type_unknown"
    bad_id = api.get("/api/attachments/?document_type=testapp.sampledocument&object_id=x")
    assert bad_id.status_code == 400 and bad_id.json()["code"] == "object_id_invalid"
    assert api.get("/api/attachments/?document_type=testapp.sampledocument&object_id=999999").status_code == 404
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("username", INTERNAL + VENDORS)
def test_attachment_api_sweep_per_role(api_for, document, licence, username, django_capture_on_commit_callbacks):
    """X-3, ORG-3: staff see the files (list, detail, download); vendor users get 404 on every endpoint;
    only the author uploads (others 403); only the uploader removes (others 403)."""
    api = api_for(username)
    is_vendor, is_author = username in VENDORS, username == "requester"
    see = 404 if is_vendor else 200
    assert api.get(list_url(document)).status_code == see
    assert api.get(f"/api/attachments/{licence.uuid}/").status_code == see
    assert api.get(f"/api/attachments/{licence.uuid}/download/").status_code == see
    created = api.post("/api/attachments/", payload(document), format="multipart")
    assert created.status_code == (404 if is_vendor else 201 if is_author else 403)
    with django_capture_on_commit_callbacks(execute=True):
        removed = api.delete(f"/api/attachments/{licence.uuid}/")
    assert removed.status_code == (404 if is_vendor else 204 if is_author else 403)
    assert Attachment.objects.filter(pk=licence.pk).exists() is not is_author
    assert Attachment.objects.exclude(pk=licence.pk).count() == (1 if is_author else 0)


def test_attachment_api_without_credentials_is_401(document, licence):
    """X-6"""
    client = APIClient()
    assert client.get(list_url(document)).status_code == 401
    assert client.get(f"/api/attachments/{licence.uuid}/").status_code == 401
    assert client.get(f"/api/attachments/{licence.uuid}/download/").status_code == 401
    assert client.post("/api/attachments/", payload(document), format="multipart").status_code == 401
    assert client.delete(f"/api/attachments/{licence.uuid}/").status_code == 401
    assert Attachment.objects.count() == 1


def test_unknown_identifiers_are_404(api_for):
    """X-3"""
    api = api_for("hr")
    assert api.get("/api/attachments/00000000-0000-4000-8000-000000000000/").status_code == 404
    assert api.get("/api/attachments/00000000-0000-4000-8000-000000000000/download/").status_code == 404


def test_list_costs_a_fixed_number_of_queries(demo, api_for, document):
    """X-3: the list endpoint does not grow with the number of files."""
    api = api_for("hr")
    services.attach(actor=demo.requester, document=document, upload=f.upload("a.pdf", f.pdf_bytes()), kind="other")
    with CaptureQueriesContext(connection) as one:
        assert api.get(list_url(document)).json()["count"] == 1
    for i in range(5):
        services.attach(
            actor=demo.requester,
            document=document,
            upload=f.upload(f"{i}.jpg", f.jpg_bytes()),
            kind=SampleFileKind.RECEIPT,
        )
    with CaptureQueriesContext(connection) as six:
        assert api.get(list_url(document)).json()["count"] == 6
    assert len(six) == len(one)


def test_attachment_endpoints_are_in_the_schema_without_warnings(capsys):
    """X-6: /api/schema/ describes the attachment endpoints, with no generator warning about them."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/attachments/"])
    assert {"get", "delete"} <= set(paths["/api/attachments/{uuid}/"])
    assert "get" in paths["/api/attachments/{uuid}/download/"]
    create = paths["/api/attachments/"]["post"]
    assert "multipart/form-data" in create["requestBody"]["content"]
    params = {p["name"]: p for p in paths["/api/attachments/"]["get"]["parameters"]}
    assert params["document_type"]["required"] and params["object_id"]["required"]
    # the kinds a client may send: every kind the apps registered (issue 13, item 4), this test app's too
    kind = schema["components"]["schemas"]["AttachmentUploadRequest"]["properties"]["kind"]
    enum_name = kind["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][enum_name]["enum"] == [code for code, _label in kind_choices()]
    assert {"sample_receipt", "labor_contract", "other"} <= set(schema["components"]["schemas"][enum_name]["enum"])
    errors = capsys.readouterr().err
    assert "attachment" not in errors.lower(), errors
