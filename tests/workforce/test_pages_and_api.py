"""Workers through the pages and the API: filing in the portal with bad input beside the field, HR's decision
and the department's actions on the page, the outsourced-worker mark and the badge PDF (WRK-3), the API
(create with name and ID number), the isolation sweep across the two vendors, query counts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from outsourcing.core.timeutil import today
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.models import AccessGrant, MonthlyProof, Worker, WorkerStatus
from tests.workforce.factories import (
    contract_in_force,
    filed,
    granted,
    id_number,
    on_site,
    upload,
    user,
)

pytestmark = pytest.mark.django_db


def filing_post(contract, **overrides):
    data = {
        "name": "陈晓",
        "id_number": id_number(),
        "phone": "13600001234",
        "post": "热线坐席",
        "contract": str(contract.pk),
        "planned_start": max(today(), contract.start_date).isoformat(),
        "planned_end": contract.end_date.isoformat(),
        "lawful_basis": "notice_and_consent",
        "consent_reference": "告知同意书 2026-09",
    }
    data.update(overrides)
    return data


def test_filing_in_the_portal_with_bad_input_beside_the_field(demo, client_for):
    """WRK-1, WRK-9: the vendor files on the page; a bad ID number or dates stay on the form, nothing saved."""
    contract = contract_in_force()
    client = client_for("vendor1")
    form = client.get("/workers/new/")
    assert [c.pk for c in form.context["form"].fields["contract"].queryset] == [contract.pk]
    bad = client.post("/workers/new/", filing_post(contract, id_number="110101199003071234"))
    assert bad.status_code == 200 and "校验" in str(bad.context["form"].errors["id_number"])
    dates = client.post(
        "/workers/new/",
        filing_post(contract, planned_end=contract.start_date.isoformat(), planned_start=contract.end_date.isoformat()),
    )
    assert dates.context["form"].errors["planned_end"]
    assert not Worker.objects.exists()
    done = client.post("/workers/new/", filing_post(contract))
    worker = Worker.objects.get()
    assert done.status_code == 302 and done["Location"] == worker.get_absolute_url()
    for username in ("hr", "requester"):
        assert client_for(username).get("/workers/new/").status_code == 403


def test_uploading_a_proof_tells_the_page_to_refresh_its_entry_checks(demo, client_for):
    """WRK-1: the attachments panel answers an upload with an event; the entry checks reload on it."""
    worker = filed(contract_in_force(), proofs=False)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.workforce.factories import PDF

    response = client_for("vendor1").post(
        "/attachments/upload/",
        {
            "document_type": "workforce.worker",
            "object_id": worker.pk,
            "kind": "labor_contract",
            "file": SimpleUploadedFile("劳动合同.pdf", PDF, content_type="application/pdf"),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and response["HX-Trigger"] == "attachments-changed"
    page = client_for("vendor1").get(worker.get_absolute_url()).content.decode()
    assert 'hx-trigger="attachments-changed from:body"' in page


def test_hr_decides_and_the_department_acts_on_the_workers_page(demo, client_for):
    """WRK-1, WRK-4, WRK-5, OPS-2: the decision, the entry record, an access request and the exit (the vendor's),
    through the page."""
    contract = contract_in_force()
    worker = filed(contract)
    hr = client_for("hr")
    page = hr.get(worker.get_absolute_url())
    assert "decision_form" in page.context and 'id="entry-blockers"' not in page.content.decode()
    assert hr.post(f"/workers/{worker.pk}/decide/", {"decision": "approve", "note": ""}).status_code == 302
    requester = client_for("requester")
    entry = {
        "briefing_on": today().isoformat(),
        "topics": ["safety", "confidentiality"],
        "undertaking_signed_on": today().isoformat(),
        "workplace_conditions": "工位与网络由公司提供",
    }
    assert requester.post(f"/workers/{worker.pk}/entry/", entry).status_code == 302
    too_long = requester.post(
        f"/workers/{worker.pk}/access/",
        {
            "kind": "system",
            "resource": "客服工单系统",
            "reason": "在工单系统中记录客户诉求",
            "valid_from": today().isoformat(),
            "valid_until": (worker.planned_end + dt.timedelta(days=1)).isoformat(),
        },
    )
    assert too_long.status_code == 200 and too_long.context["grant_form"].errors["valid_until"]
    assert not AccessGrant.objects.exists()
    asked = requester.post(
        f"/workers/{worker.pk}/access/",
        {
            "kind": "system",
            "resource": "客服工单系统",
            "reason": "在工单系统中记录客户诉求",
            "valid_from": today().isoformat(),
            "valid_until": worker.planned_end.isoformat(),
        },
    )
    assert asked.status_code == 302 and AccessGrant.objects.get().status == "in_approval"
    vendor = client_for("vendor1")
    assert vendor.post(f"/workers/{worker.pk}/exit/", {"exited_on": today().isoformat()}).status_code == 302
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.EXITED and worker.entry.topics == ["confidentiality", "safety"]
    assert client_for("vendor1").post(f"/workers/{worker.pk}/decide/", {"decision": "approve"}).status_code == 200
    assert client_for("finance").get(worker.get_absolute_url()).status_code == 200  # reads, masked


def test_the_outsourced_worker_mark_on_every_screen_and_the_badge(demo, client_for):
    """WRK-3: the mark on the list, the worker's page and the proofs; the badge PDF carries it and the WB number,
    never the ID number."""
    contract = contract_in_force(start=today().replace(day=1))
    worker = on_site(contract, entered=today().replace(day=1), planned_start=today().replace(day=1))
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=today(), lines=[])
    for username, url in (
        ("hr", "/workers/"),
        ("hr", worker.get_absolute_url()),
        ("vendor1", "/workers/"),
        ("vendor1", worker.get_absolute_url()),
        ("hr", proof.get_absolute_url()),
        ("hr", "/workers/stability/"),
    ):
        assert "outsourced-mark" in client_for(username).get(url).content.decode(), url
    response = client_for("hr").get(f"/workers/{worker.pk}/badge.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "外包人员" in text and "OUTSOURCED" in text and worker.badge_number in text
    assert worker.id_masked[-4:] not in text.replace(worker.badge_number, "")
    assert client_for("hr").get(f"/workers/{filed(contract).pk}/badge.pdf").status_code == 404  # not approved yet


def test_the_badge_leads_with_the_vendor_and_the_outsourced_mark_the_company_secondary(demo, client_for, settings):
    """WRK-3, OPS-2 (issue 15, loophole 10): the badge PDF reads first the vendor's name, then the outsourced
    mark; the company's name comes after them, in a smaller type than the vendor's."""
    contract = contract_in_force(start=today().replace(day=1))
    worker = on_site(contract, entered=today().replace(day=1), planned_start=today().replace(day=1))
    response = client_for("hr").get(f"/workers/{worker.pk}/badge.pdf")
    sizes: dict[str, float] = {}

    def remember_size(text, cm, tm, font, size):
        if text.strip():
            sizes.setdefault(text.strip(), size * tm[0])

    page = PdfReader(io.BytesIO(response.content)).pages[0]
    text = page.extract_text(visitor_text=remember_size).replace("\n", "")
    vendor, company = worker.vendor.name, settings.COMPANY_NAME
    assert text.index(vendor) < text.index("外包人员") < text.index(company)
    assert text.strip().startswith(vendor)
    company_size = next(size for piece, size in sizes.items() if company in piece)
    vendor_size = next(size for piece, size in sizes.items() if piece in vendor)
    assert company_size < vendor_size


def test_the_api_files_with_name_and_id_number_and_shows_only_masked(demo, api_for):
    """WRK-1, WRK-2, X-6: POST /api/workers/ with name and id_number; the answer and the list are masked."""
    contract = contract_in_force()
    number = id_number()
    api = api_for("vendor1")
    body = {
        "name": "陈晓",
        "id_number": number,
        "phone": "13600001234",
        "post": "热线坐席",
        "contract": contract.pk,
        "planned_start": max(today(), contract.start_date).isoformat(),
        "planned_end": contract.end_date.isoformat(),
        "consent_reference": "告知同意书 2026-09",
    }
    bad = api.post("/api/workers/", {**body, "id_number": number[:-1]}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "id_invalid" and bad.json()["field"] == "id_number"
    created = api.post("/api/workers/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["id_masked"] == number[:4] + "*" * 10 + number[-4:] and data["outsourced_worker"] is True
    assert number not in created.content.decode() and "id_cipher" not in data
    again = api.post("/api/workers/", body, format="json")
    assert again.status_code == 409 and again.json()["code"] == "duplicate_filing"
    assert api_for("hr").post("/api/workers/", body, format="json").status_code == 403
    found = api_for("hr").post("/api/workers/search/", {"id_number": number}, format="json").json()
    assert found["count"] == 1 and number not in str(found)
    revealed = api_for("hr").post(
        f"/api/workers/{data['id']}/reveal/", {"field": "id_number", "reason": "核对社保"}, format="json"
    )
    assert revealed.json()["value"] == number
    assert (
        api_for("requester")
        .post(f"/api/workers/{data['id']}/reveal/", {"field": "id_number", "reason": "看看"}, format="json")
        .status_code
        == 403
    )


def test_access_grants_and_monthly_proofs_under_the_api(demo, api_for):
    """WRK-5, WRK-6, X-6: grants requested under the worker; the vendor posts its month; HR checks."""
    contract = contract_in_force(start=today().replace(day=1))
    worker = on_site(contract, entered=today().replace(day=1), planned_start=today().replace(day=1))
    grant = {
        "kind": "network",
        "resource": "办公内网",
        "reason": "坐席电脑接入呼叫中心平台",
        "valid_from": worker.planned_start.isoformat(),
        "valid_until": worker.planned_end.isoformat(),
    }
    too_long = api_for("requester").post(
        f"/api/workers/{worker.pk}/access-grants/", {**grant, "valid_until": "2099-01-01"}, format="json"
    )
    assert too_long.status_code == 400
    created = api_for("requester").post(f"/api/workers/{worker.pk}/access-grants/", grant, format="json")
    assert created.status_code == 201 and created.json()["status"] == "in_approval"
    assert api_for("vendor1").post(f"/api/workers/{worker.pk}/access-grants/", grant, format="json").status_code == 403
    assert api_for("vendor1").get(f"/api/workers/{worker.pk}/access-grants/").json()["count"] == 1
    month = today().replace(day=1).isoformat()
    line = {"worker": worker.pk, "wage_paid": True, "social_insurance": False, "housing_fund": True, "tax_filed": True}
    no_amount = api_for("vendor1").post(
        "/api/workers/monthly-proofs/", {"project": contract.project_id, "month": month, "lines": [line]}, format="json"
    )
    assert no_amount.status_code == 400 and no_amount.json()["code"] == "wage_amount"  # WRK-6: the amount paid
    line.update(wage_amount="7200.00", own_account=True)
    sent = api_for("vendor1").post(
        "/api/workers/monthly-proofs/", {"project": contract.project_id, "month": month, "lines": [line]}, format="json"
    )
    assert sent.status_code == 201, sent.json()
    proof = sent.json()
    assert proof["gaps"] and worker.badge_number in proof["gaps"][0] and len(proof["missing_files"]) == 5
    assert proof["lines"][0]["wage_amount"] == "7200.00" and proof["lines"][0]["own_account"] is True
    refused = api_for("hr").post(f"/api/workers/monthly-proofs/{proof['id']}/check/", {"accept": True}, format="json")
    assert refused.status_code == 400
    checked = api_for("hr").post(f"/api/workers/monthly-proofs/{proof['id']}/check/", {"accept": False}, format="json")
    assert checked.json()["status"] == "gaps"
    assert api_for("vendor2").get("/api/workers/monthly-proofs/").json()["count"] == 0


def test_isolation_sweep_of_every_worker_url_and_endpoint_across_the_two_vendors(demo, client_for, api_for):
    """ORG-3, WRK-2: vendor2 against vendor1's worker, grant, item, request and proof answers 403 or 404
    everywhere, and sees none of them in its lists; vendor1 the same against vendor2's."""
    mine = {}
    for username in ("vendor1", "vendor2"):
        contract = contract_in_force(username, start=today().replace(day=1))
        worker = on_site(contract, username, entered=today().replace(day=1), planned_start=today().replace(day=1))
        grant = granted(worker)
        from outsourcing.workforce import access

        item = access.issue_item(
            actor=user("requester"), worker=worker, kind="card", description="门禁卡", issued_on=today()
        )
        request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="交接",
                                            description="请改进")
        proof = proofs.submit_proof(actor=user(username), project=contract.project, month=today(), lines=[])
        upload("tax_filing", username, proof)
        mine[username] = (worker, grant, item, request, proof)
    for outsider, owner in (("vendor2", "vendor1"), ("vendor1", "vendor2")):
        worker, grant, item, request, proof = mine[owner]
        client = client_for(outsider)
        listing = client.get("/workers/").content.decode()
        assert worker.badge_number not in listing
        assert worker.badge_number not in client.get("/workers/proofs/").content.decode()
        assert str(proof.pk) not in [str(p.pk) for p in client.get("/workers/proofs/").context["page"]]
        assert client.get("/workers/", {"export": "xlsx"}).status_code == 200
        pages = [
            ("get", worker.get_absolute_url()),
            ("get", f"/workers/{worker.pk}/badge.pdf"),
            ("post", f"/workers/{worker.pk}/reveal/"),
            ("post", f"/workers/{worker.pk}/confirm-minor/"),
            ("post", f"/workers/{worker.pk}/revoke/{grant.pk}/"),
            ("post", f"/workers/{worker.pk}/return/{item.pk}/"),
            ("post", f"/workers/{worker.pk}/answer/{request.pk}/"),
            ("get", proof.get_absolute_url()),
            ("post", f"/workers/proofs/{proof.pk}/check/"),
        ]
        pages += [
            ("post", f"/workers/{worker.pk}/{action}/")
            for action in ("decide", "realname", "entry", "access", "item", "exit", "ask-exit", "request")
        ]
        for method, url in pages:
            status = getattr(client, method)(
                url, {"field": "id_number", "reason": "看看这个人", "day": today(), "response": "好"}
            ).status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
        api = api_for(outsider)
        assert api.get("/api/workers/").json()["count"] == 1
        for method, url in [
            ("get", f"/api/workers/{worker.pk}/"),
            ("post", f"/api/workers/{worker.pk}/reveal/"),
            ("post", f"/api/workers/{worker.pk}/decision/"),
            ("post", f"/api/workers/{worker.pk}/exit/"),
            ("get", f"/api/workers/{worker.pk}/exit-request/"),
            ("post", f"/api/workers/{worker.pk}/exit-request/"),
            ("get", f"/api/workers/{worker.pk}/access-grants/"),
            ("post", f"/api/workers/{worker.pk}/access-grants/"),
            ("get", f"/api/workers/monthly-proofs/{proof.pk}/"),
            ("post", f"/api/workers/monthly-proofs/{proof.pk}/check/"),
        ]:
            status = getattr(api, method)(
                url, {"field": "id_number", "reason": "看看这个人"}, format="json"
            ).status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
        from outsourcing.attachments.models import Attachment

        for attachment in Attachment.objects.filter(object_id__in=[worker.pk, proof.pk]):
            if attachment.document in (worker, proof):
                assert client.get(f"/attachments/{attachment.uuid}/download/").status_code == 404
                assert client.post(f"/attachments/{attachment.uuid}/delete/").status_code in (403, 404)
        attachments = api.get("/api/attachments/", {"document_type": "workforce.worker", "object_id": worker.pk})
        assert attachments.status_code in (403, 404) or attachments.json().get("count", 0) == 0
    # The owners themselves get through: the sweep is not passing because all is shut.
    worker = mine["vendor1"][0]
    assert client_for("vendor1").get(worker.get_absolute_url()).status_code == 200
    assert api_for("vendor1").get(f"/api/workers/{worker.pk}/").status_code == 200
    assert MonthlyProof.objects.count() == 2


def test_list_pages_and_endpoints_cost_a_fixed_number_of_queries(demo, client_for, api_for):
    """X-6: the worker list, the proofs list, the stability table and their endpoints do not grow with the rows."""
    first = today().replace(day=1)
    months = [first, selectors.months_back(first, 1), selectors.months_back(first, 2)]
    contract = contract_in_force(start=months[2])
    on_site(contract, entered=months[2], planned_start=months[2])
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=months[0], lines=[])
    page, api = client_for("hr"), api_for("hr")
    counts = []
    for extra in range(2):
        if extra:
            for _ in range(4):
                on_site(contract, entered=months[2], planned_start=months[2])
            for month in months[1:]:
                lines = [proofs.LineData(worker_id=w.pk, wage_paid=True, social_insurance=True, housing_fund=True,
                                         tax_filed=True, wage_amount=Decimal("6000"), own_account=True)
                         for w in Worker.objects.filter(status="on_site")]  # fmt: skip
                proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=month, lines=lines)
        measured = []
        for client, url in ((page, "/workers/"), (api, "/api/workers/"), (page, "/workers/proofs/"),
                            (api, "/api/workers/monthly-proofs/"), (page, "/workers/stability/")):  # fmt: skip
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1], counts


def test_id_numbers_never_travel_in_a_url(demo, client_for, api_for):
    """WRK-2 (security finding 9): the list's GET search refuses anything shaped like an ID number (page and API)
    and points to the POST search; the POST search answer is not stored by the browser and does not echo it."""
    number = id_number()
    worker = filed(contract_in_force(), id_number=number)
    page = client_for("hr")
    for shaped in (number, f"张 {number}", number[:15], number.lower()):
        refused = page.get("/workers/", {"q": shaped})
        assert refused.status_code == 200 and "精确查询" in refused.content.decode()
        assert list(refused.context["page"]) == []
        answer = api_for("hr").get("/api/workers/", {"search": shaped})
        assert answer.status_code == 400 and answer.json()["code"] == "id_number_in_url"
    assert page.get("/workers/", {"q": worker.badge_number}).context["page"].paginator.count == 1  # still works
    searched = page.post("/workers/", {"id_number": number})
    assert searched.status_code == 200 and searched.context["page"].paginator.count == 1
    assert "no-store" in searched["Cache-Control"]
    assert number not in searched.content.decode()


def test_a_start_in_1900_is_told_the_contract_term_not_a_negative_age(demo, api_for):
    """WRK-1, X-8 (security finding 6): the planned period is checked against the contract's term before the age."""
    contract = contract_in_force()
    body = {"name": "陈晓", "id_number": id_number(), "phone": "13600001234", "post": "热线坐席",
            "contract": contract.pk, "planned_start": "1900-01-01", "planned_end": contract.end_date.isoformat(),
            "consent_reference": "告知同意书 2026-09"}  # fmt: skip
    answer = api_for("vendor1").post("/api/workers/", body, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "dates", answer.json()
    assert "岁" not in answer.json()["detail"] and "合同期限" in answer.json()["detail"]
    assert not Worker.objects.exists()
