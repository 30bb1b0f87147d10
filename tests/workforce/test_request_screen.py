"""Requests to the vendor's site manager go through the direct-management screen (OPS-2, RSK-3): a text that
dictates a worker's leave, pay or discipline is warned about before it is sent, on the page and through the
API with the same code; sent anyway, it is recorded as a sign; the full text is in the audit trail."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.conf import settings

from outsourcing.core.models import ScreenSign
from outsourcing.workforce.models import WorkerRequest
from tests.workforce.factories import approved, contract_in_force

pytestmark = pytest.mark.django_db

DICTATING = {"subject": "王小明请假", "description": "公司已批准他下周一至周三请假，本月扣他奖金，并给予警告。"}
SERVICE_ISSUE = {"subject": "夜班交接", "description": "夜班交接记录连续三天不完整，请现场经理安排改进并反馈。"}


def test_ops2_a_request_dictating_leave_is_warned_on_the_page_and_sent_anyway_records_the_sign(client_for):
    """OPS-2: the page shows the warning with the terms and 劳务派遣暂行规定 art. 27, sends nothing; the "send
    anyway" box then sends it and records the sign; the company sees the sign on the request."""
    worker = approved(contract_in_force())
    client = client_for("requester")
    url = f"/workers/{worker.pk}/request/"
    warned = client.post(url, DICTATING)
    assert warned.status_code == 200
    form = warned.context["request_form"]
    message = str(form.errors["send_anyway"])
    assert "请假" in message and "奖金" in message and "警告" in message and "第二十七条" in message
    assert 'type="checkbox" name="send_anyway"' in warned.content.decode()
    assert not WorkerRequest.objects.exists() and not ScreenSign.objects.exists()
    sent = client.post(url, {**DICTATING, "send_anyway": "on"})
    assert sent.status_code == 302
    request = WorkerRequest.objects.get()
    sign = ScreenSign.objects.get()
    assert sign.document == request and sign.vendor_id == worker.vendor_id and sign.recorded_by.username == "requester"
    assert sign.text == f"{DICTATING['subject']}\n\n{DICTATING['description']}"
    assert {"请假", "奖金", "警告"} <= set(sign.terms)
    page = client.get(f"/workers/{worker.pk}/").content.decode()
    assert "直接管理迹象" in page
    assert "直接管理迹象" not in client_for("vendor1").get(f"/workers/{worker.pk}/").content.decode()
    created = LogEntry.objects.get_for_object(request).get(action=LogEntry.Action.CREATE)
    assert DICTATING["description"] in str(created.changes)  # the full text in the audit trail


def test_ops2_a_service_issue_is_sent_without_a_warning_or_a_sign(client_for):
    """OPS-2: a request that describes the service issue for the vendor is sent at once, no sign recorded."""
    worker = approved(contract_in_force())
    assert client_for("requester").post(f"/workers/{worker.pk}/request/", SERVICE_ISSUE).status_code == 302
    assert WorkerRequest.objects.count() == 1 and not ScreenSign.objects.exists()


def test_ops2_the_api_answers_the_same_code_with_the_hits_until_the_client_confirms(api_for):
    """OPS-2: POST /api/workers/{id}/requests/ answers 400 direct_management_terms with the hits and saves
    nothing; with send_anyway it is created (201) and the sign recorded; the list shows the terms."""
    worker = approved(contract_in_force())
    api = api_for("requester")
    url = f"/api/workers/{worker.pk}/requests/"
    refused = api.post(url, DICTATING, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "direct_management_terms"
    assert {hit["term"] for hit in refused.json()["hits"]} >= {"请假", "奖金", "警告"}
    assert "第二十七条" in refused.json()["detail"]
    assert not WorkerRequest.objects.exists()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = api.post(url, {"subject": "Leave", "description": "We approved his leave."}, format="json")
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert english.json()["code"] == "direct_management_terms" and "art. 27" in english.json()["detail"]
    created = api.post(url, {**DICTATING, "send_anyway": True}, format="json")
    assert created.status_code == 201 and "请假" in created.json()["direct_management_terms"]
    assert ScreenSign.objects.count() == 1
    assert api.post(url, SERVICE_ISSUE, format="json").status_code == 201
    listed = api.get(url).json()["results"]
    assert [r["direct_management_terms"] != [] for r in listed] == [False, True]  # newest first
    assert api_for("vendor2").post(url, SERVICE_ISSUE, format="json").status_code == 404
    assert api_for("vendor1").post(url, SERVICE_ISSUE, format="json").status_code == 403
