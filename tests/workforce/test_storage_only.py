"""Storage only means storage only (issue 15, loophole 5; WRK-11, WRK-2, PIPL art. 47): once a worker has left
(or the entry was refused) the record is kept, not used: no reveal and no new request, except a reveal by HR or
legal for a named legal claim, recorded with the claim in the audit trail. Page and API answer the same code."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from outsourcing.core.timeutil import today
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import filing
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.models import WorkerRequest
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db

SERVICE_ISSUE = {"subject": "门禁卡未归还", "description": "请现场经理联系本人归还门禁卡并反馈。"}
CLAIM = "劳动争议仲裁案（2026）沪劳仲字第118号：仲裁委调取人员身份信息"


def _exited():
    worker = on_site(contract_in_force())
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    worker.refresh_from_db()
    assert worker.is_storage_only
    return worker


def _codes(form, field="__all__"):
    return [error.code for error in form.errors.as_data()[field]]


def test_wrk11_a_storage_only_record_is_revealed_to_nobody_without_a_legal_claim(client_for, api_for):
    """WRK-11, WRK-2, loophole 5: after the exit the vendor's own user (who could reveal before) and the project's
    department are refused (code storage_only); HR without a claim is refused (code legal_claim_required), on the
    page and through the API; nothing is recorded as viewed."""
    worker = _exited()
    url, api_url = f"/workers/{worker.pk}/reveal/", f"/api/workers/{worker.pk}/reveal/"
    ask = {"field": "id_number", "reason": "通知本人补交材料"}
    for username in ("vendor1", "requester"):
        page = client_for(username).post(url, ask)
        assert page.status_code == 200 and _codes(page.context["reveal_form"]) == ["storage_only"]
        assert "仅存储" in str(page.context["reveal_form"].errors) and 'id="revealed"' not in page.content.decode()
        api = api_for(username).post(api_url, ask, format="json")
        assert api.status_code == 403 and api.json()["code"] == "storage_only"
    shown = client_for("hr").get(worker.get_absolute_url()).context["reveal_form"]
    assert "legal_claim" in shown.fields
    page = client_for("hr").post(url, ask)
    assert _codes(page.context["reveal_form"], "legal_claim") == ["legal_claim_required"]
    api = api_for("hr").post(api_url, {**ask, "legal_claim": "需要"}, format="json")
    assert api.status_code == 400 and api.json()["code"] == "legal_claim_required"
    assert not LogEntry.objects.get_for_object(worker).filter(action=LogEntry.Action.ACCESS).exists()


def test_wrk11_hr_or_legal_reveal_a_storage_only_record_for_a_named_legal_claim_recorded_as_such(client_for, api_for):
    """WRK-11, WRK-2, loophole 5: legal (who reads workers masked) and HR may reveal a storage-only record for a
    named legal claim, on the page and through the API; the audit trail records the claim beside the reason
    and the audit API answers it."""
    worker = _exited()
    number = filing.personal_data.decrypt(worker.id_cipher)
    page = client_for("legal").post(f"/workers/{worker.pk}/reveal/",
                                    {"field": "id_number", "reason": "仲裁答辩需要", "legal_claim": CLAIM})  # fmt: skip
    assert page.status_code == 200 and number in page.content.decode()
    api = api_for("hr").post(f"/api/workers/{worker.pk}/reveal/",
                             {"field": "phone", "reason": "仲裁送达", "legal_claim": CLAIM}, format="json")  # fmt: skip
    assert api.status_code == 200 and api.json()["value"]
    entries = LogEntry.objects.get_for_object(worker).filter(action=LogEntry.Action.ACCESS).order_by("pk")
    assert [(e.actor.username, e.additional_data["legal_claim"]) for e in entries] == [("legal", CLAIM), ("hr", CLAIM)]
    audit = api_for("auditor").get("/api/audit-events/", {"object_type": "workforce.worker"}).json()["results"]
    assert {e["viewed"]["legal_claim"] for e in audit if e["viewed"]} == {CLAIM}
    history = client_for("auditor").get(worker.get_absolute_url()).content.decode()
    assert CLAIM in history


def test_wrk11_no_new_request_about_a_storage_only_record(client_for, api_for):
    """WRK-11, OPS-2, loophole 5: after the exit no request about the worker is raised (code storage_only) on the
    page or through the API, and the page offers no request form; an earlier request stays readable."""
    worker = on_site(contract_in_force())
    worker_requests.raise_request(actor=user("requester"), worker=worker, **SERVICE_ISSUE)
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    page = client_for("requester").post(f"/workers/{worker.pk}/request/", SERVICE_ISSUE)
    assert page.status_code == 200 and _codes(page.context["request_form"]) == ["storage_only"]
    api = api_for("requester").post(f"/api/workers/{worker.pk}/requests/", SERVICE_ISSUE, format="json")
    assert api.status_code == 409 and api.json()["code"] == "storage_only"
    assert WorkerRequest.objects.count() == 1
    shown = client_for("requester").get(worker.get_absolute_url())
    assert "request_form" not in shown.context and SERVICE_ISSUE["subject"] in shown.content.decode()
