"""X-8 (security finding 5, 6): input that once answered 500 — a NUL character, a JSON body that is not an object,
a date beyond any plausible one, an id that is not a number — is refused with 400 in the project's shape on the API
and a clear page or form error on the pages; nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from outsourcing.core.middleware import InputGuardMiddleware
from outsourcing.core.timeutil import today
from outsourcing.demands.models import Demand
from tests.demands.factories import form_post

pytestmark = pytest.mark.django_db


def test_a_nul_character_is_refused_before_any_view(client_for, api_for):
    """X-8: in a page filter, an API filter, a form field and a JSON body alike; nothing saved."""
    page, api = client_for("hr"), api_for("requester")
    refused = page.get("/vendors/", {"q": "汇\x00智"})
    assert refused.status_code == 400 and "NUL" in refused.content.decode()
    answer = api_for("hr").get("/api/vendors/", {"search": "a\x00"})
    assert answer.status_code == 400 and answer.json()["code"] == "nul_character"
    before = Demand.objects.count()
    assert client_for("requester").post("/demands/new/", form_post(save="1", title="客服\x00外包")).status_code == 400
    body = api.post("/api/demands/", {"title": "客服\x00外包"}, format="json")
    assert body.status_code == 400 and body.json()["code"] == "nul_character"
    assert Demand.objects.count() == before


def test_a_file_may_carry_nul_bytes():
    """X-3: the guard reads form fields, not uploaded files (a PDF holds NUL bytes)."""
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf")
    request = RequestFactory().post("/attachments/upload/", {"file": upload, "note": "扫描件"})
    assert InputGuardMiddleware(lambda r: HttpResponse("passed"))(request).content == b"passed"


def test_a_json_body_must_be_an_object(demo, api_for):
    """X-8: a list (or a string) where an object is expected is 400 not_an_object, not a server error."""
    from tests.workforce.factories import contract_in_force, filed

    worker = filed(contract_in_force())
    api = api_for("hr")
    for body in ('["id_number"]', '"id_number"', "42"):
        answer = api.post(f"/api/workers/{worker.pk}/reveal/", body, content_type="application/json")
        assert answer.status_code == 400 and answer.json()["code"] == "not_an_object", body
    broken = api.post(f"/api/workers/{worker.pk}/reveal/", "{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"


def test_dates_beyond_plausible_bounds_are_refused(demo, client_for, api_for):
    """X-8 (finding 5, 6): the audit search to 9999-12-31 and a demand from year 0001 are form errors; the dates a
    form takes lie between 1900-01-01 and 2099-12-31."""
    page = client_for("auditor")
    response = page.get("/audit/", {"date_to": "9999-12-31"})
    assert response.status_code == 200 and response.context["form"].errors["date_to"]
    answer = api_for("auditor").get("/api/audit-events/", {"date_to": "9999-12-31"})
    assert answer.status_code == 400 and "date_to" in answer.json()["fields"]
    assert page.get("/audit/", {"date_to": "2099-12-31"}).status_code == 200
    before = Demand.objects.count()
    refused = client_for("requester").post("/demands/new/", form_post(save="1", period_start="0001-01-01"))
    assert refused.status_code == 200 and refused.context["form"].errors["period_start"]
    assert Demand.objects.count() == before


def test_an_id_that_is_not_a_number_is_a_field_error(demo, api_for):
    """X-8: notice-answers with notice "abc" (and sourcing candidates with a vendor "x") answer 400 on the field."""
    from tests.contracts.factories import signed

    contract = signed()  # vendor1's (the award's winner)
    api = api_for("vendor1")
    assert api.get(f"/api/contracts/{contract.pk}/").status_code == 200
    for bad in ("abc", "", "1.5", "99999999999999999999999", None):
        answer = api.post(f"/api/contracts/{contract.pk}/notice-answers/", {"notice": bad}, format="json")
        assert answer.status_code == 400 and "notice" in answer.json()["fields"], bad
    unknown = api.post(f"/api/contracts/{contract.pk}/notice-answers/", {"notice": 999999}, format="json")
    assert unknown.status_code == 404


def test_api_errors_are_json_even_where_no_api_view_ran(demo, api_for):
    """X-6 (finding 5): an address under /api/ that matches no route answers JSON, as a refused page_size or a
    yes/no parameter that is neither does."""
    api = api_for("hr")
    for url in ("/api/workers/abc/", "/api/no-such-thing/"):
        answer = api.get(url)
        assert answer.status_code == 404 and answer["Content-Type"].startswith("application/json")
        assert answer.json()["code"] == "not_found"
    for value in ("x", "0", "-3"):
        refused = api.get("/api/vendors/", {"page_size": value})
        assert refused.status_code == 400 and "page_size" in refused.json()["fields"], value
    assert api.get("/api/vendors/", {"page_size": "5000"}).status_code == 200  # capped at 1000, as documented
    assert api.get("/api/notifications/", {"unread": "maybe"}).status_code == 400
    assert api.get("/api/notifications/", {"unread": "true"}).status_code == 200


def test_a_text_longer_than_any_field_takes_is_refused(client_for, api_for, settings):
    """X-8 (finding 6): a text beyond TEXT_MAX_CHARS (20,000) in a form or a JSON body is refused before any view
    (a 5 MB title was once stored); nothing saved."""
    assert settings.TEXT_MAX_CHARS == 20000
    huge = "长" * 20001
    before = Demand.objects.count()
    page = client_for("requester").post("/demands/new/", form_post(save="1", background=huge))
    assert page.status_code == 400 and "20000" in page.content.decode()
    answer = api_for("requester").post("/api/demands/", {"title": "x", "background": huge}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "text_too_long"
    assert Demand.objects.count() == before
    fine = client_for("requester").post("/demands/new/", form_post(save="1", background="长" * 2000))
    assert fine.status_code == 302


def test_bidirectional_controls_are_taken_out_of_names_and_titles(demo, client_for, api_for):
    """X-8 (finding 6): U+202E and its kin never reach the database, by the page or the API."""
    from tests.workforce.factories import contract_in_force, id_number

    client_for("requester").post("/demands/new/", form_post(save="1", title="客服\u202e外包\u2066热线"))
    assert Demand.objects.filter(title="客服外包热线").exists()
    contract = contract_in_force()
    body = {"name": "陈\u202e晓", "id_number": id_number(), "phone": "13600001234", "post": "热线坐席",
            "contract": contract.pk, "planned_start": max(today(), contract.start_date).isoformat(),
            "planned_end": contract.end_date.isoformat(), "consent_reference": "告知同意书 2026-09"}  # fmt: skip
    created = api_for("vendor1").post("/api/workers/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["name"] == "陈晓"


def test_api_dates_keep_the_same_bounds_as_the_pages(demo, api_for):
    """X-8 (finding 6): a demand from year 0001 or until 9999 through the API is a field error, nothing saved."""
    before = Demand.objects.count()
    api = api_for("requester")
    for field, value in (("period_start", "0001-01-01"), ("period_end", "9999-12-31")):
        answer = api.post("/api/demands/", {field: value}, format="json")
        assert answer.status_code == 400 and field in answer.json()["fields"], answer.json()
    assert Demand.objects.count() == before
