"""OPS-2, WRK-3, WRK-10 (issue 15, loophole 2): the company does not select or remove named people. HR refuses an
entry on a documented ground only (a stable code per ground, shown to the vendor and in the audit trail); the
exit is the vendor's record, and a company user asks the vendor for it with a reason from the contract. Each
refusal is proven through the page and the API with the same code."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import exits
from outsourcing.workforce.models import ExitRequest, Worker, WorkerStatus
from tests.workforce.factories import approved, contract_in_force, filed, on_site, user

pytestmark = pytest.mark.django_db


def _status(worker) -> str:
    return Worker.objects.get(pk=worker.pk).status


# ---------------------------------------------------------------------------------------------------
# HR's refusal of an entry: documented grounds only


def test_ops2_loophole_2_a_refusal_without_a_documented_ground_is_refused_on_the_page(demo, client_for):
    """OPS-2, WRK-10, loophole 2: the page refuses a refusal without a ground (a free judgement of the person) and
    one on "another legal ground" without the law named; with a ground it is recorded and shown to the vendor."""
    worker = filed(contract_in_force())
    hr = client_for("hr")
    url = f"/workers/{worker.pk}/decide/"
    judged = hr.post(url, {"decision": "refuse", "note": "面试印象不好，不要此人"})
    assert judged.status_code == 200
    message = str(judged.context["decision_form"].errors["ground"])
    assert "法定" in message or "依据" in message, message
    assert _status(worker) == WorkerStatus.FILED
    unnamed = hr.post(url, {"decision": "refuse", "ground": "other_legal", "note": ""})
    assert unnamed.context["decision_form"].errors["note"] and _status(worker) == WorkerStatus.FILED
    unknown = hr.post(url, {"decision": "refuse", "ground": "attitude"})
    assert unknown.context["decision_form"].errors["ground"] and _status(worker) == WorkerStatus.FILED
    done = hr.post(url, {"decision": "refuse", "ground": "identity", "note": "身份证件与本人不符"})
    assert done.status_code == 302
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.REJECTED and worker.refusal_ground == "identity"
    vendor_page = client_for("vendor1").get(worker.get_absolute_url()).content.decode()
    assert 'id="refusal-ground"' in vendor_page and "身份核验未通过" in vendor_page
    told = Notification.objects.get(recipient__username="vendor1", title__contains=worker.badge_number)
    assert "身份核验未通过" in told.body
    trail = LogEntry.objects.get_for_object(worker).filter(action=LogEntry.Action.UPDATE).first()
    assert trail.changes_dict["refusal_ground"][1] == "identity"


def test_ops2_loophole_2_the_api_answers_the_same_codes_for_a_refusal_without_a_ground(demo, api_for):
    """OPS-2, WRK-10, loophole 2: POST /api/workers/{id}/decision/ refuses a missing or unknown ground with
    `refusal_ground` and "another legal ground" without a note with `legal_ground_note`, changing nothing; an
    approval needs no ground; the worker read back carries the ground's code and label."""
    api = api_for("hr")
    worker = filed(contract_in_force())
    url = f"/api/workers/{worker.pk}/decision/"
    for body in ({"approve": False, "note": "不合适"}, {"approve": False, "ground": "attitude"}):
        answer = api.post(url, body, format="json")
        assert answer.status_code == 400 and answer.json()["code"] == "refusal_ground", answer.json()
        assert answer.json()["field"] == "ground" and "依据" in answer.json()["detail"]
    other = api.post(url, {"approve": False, "ground": "other_legal"}, format="json")
    assert other.status_code == 400 and other.json()["code"] == "legal_ground_note"
    assert _status(worker) == WorkerStatus.FILED
    refused = api.post(url, {"approve": False, "ground": "other_legal", "note": "《外国人在中国就业管理规定》第八条"},
                       format="json")  # fmt: skip
    assert refused.status_code == 200
    assert refused.json()["refusal_ground"] == "other_legal" and refused.json()["refusal_ground_label"]
    other_worker = filed(contract_in_force())
    approved_answer = api.post(f"/api/workers/{other_worker.pk}/decision/", {"approve": True}, format="json")
    assert approved_answer.status_code == 200 and approved_answer.json()["refusal_ground"] == ""
    assert api_for("vendor1").get(f"/api/workers/{worker.pk}/").json()["refusal_ground"] == "other_legal"


# ---------------------------------------------------------------------------------------------------
# The exit: the vendor's record; the company asks for it


def test_ops2_loophole_2_a_company_user_cannot_record_an_exit_on_the_page_or_the_api(demo, client_for, api_for):
    """OPS-2, loophole 2: the project owner and HR are refused the exit with `exit_by_vendor` (page message, API
    403 with the code); the worker stays on site; the page offers them the request to the vendor instead."""
    worker = on_site(contract_in_force())
    for username in ("requester", "hr"):
        page = client_for(username)
        shown = page.get(worker.get_absolute_url())
        assert "exit_form" not in shown.context and "exit_ask_form" in shown.context
        tried = page.post(f"/workers/{worker.pk}/exit/", {"exited_on": today().isoformat()})
        assert tried.status_code == 200 and "人员退场由外包商登记" in tried.content.decode()
        answer = api_for(username).post(f"/api/workers/{worker.pk}/exit/", {"exited_on": today().isoformat()},
                                        format="json")  # fmt: skip
        assert answer.status_code == 403 and answer.json()["code"] == "exit_by_vendor", answer.json()
        with pytest.raises(RuleViolation) as refused:
            worker_entry.record_exit(actor=user(username), worker=worker, exited_on=today())
        assert refused.value.code == "exit_by_vendor"
    assert _status(worker) == WorkerStatus.ON_SITE


def test_ops2_loophole_2_the_exit_request_takes_a_reason_from_the_contract_on_the_page(demo, client_for):
    """OPS-2, loophole 2: /workers/<pk>/ask-exit/ refuses a reason outside the contract and a breach of site rules
    without evidence; a request with its reason is recorded, the vendor told and shown it on its home page; the
    vendor answers by recording the exit, which closes the request and tells the asker."""
    worker = on_site(contract_in_force())
    requester = client_for("requester")
    url = f"/workers/{worker.pk}/ask-exit/"
    no_reason = requester.post(url, {"reason": "", "evidence": "表现一般"})
    assert no_reason.status_code == 200 and no_reason.context["exit_ask_form"].errors["reason"]
    assert "合同" in str(no_reason.context["exit_ask_form"].errors["reason"])
    no_evidence = requester.post(url, {"reason": "site_rules", "evidence": ""})
    assert no_evidence.context["exit_ask_form"].errors["evidence"]
    assert not ExitRequest.objects.exists()
    asked = requester.post(url, {"reason": "site_rules", "evidence": "11月20日在机房区域吸烟，监控记录编号 CCTV-1120"})
    assert asked.status_code == 302
    request = ExitRequest.objects.get()
    assert request.worker == worker and request.created_by.username == "requester" and request.answered_at is None
    assert Notification.objects.filter(recipient__username="vendor1", dedup_key=f"exit-request:{request.pk}").exists()
    again = requester.post(url, {"reason": "end_of_need"})
    codes = [e.code for errors in again.context["exit_ask_form"].errors.as_data().values() for e in errors]
    assert again.status_code == 200 and codes == ["exit_already_asked"]  # already asked: said beside the form
    assert "exit_ask_form" not in requester.get(worker.get_absolute_url()).context  # and not offered again
    assert ExitRequest.objects.count() == 1
    vendor = client_for("vendor1")
    home = vendor.get("/").content.decode()
    assert "公司提出的退场请求" in home, "the vendor's home lists the exit request to answer"
    page = vendor.get(worker.get_absolute_url())
    assert "exit_form" in page.context and "CCTV-1120" in page.content.decode()
    assert vendor.post(f"/workers/{worker.pk}/exit/", {"exited_on": today().isoformat()}).status_code == 302
    request.refresh_from_db()
    assert _status(worker) == WorkerStatus.EXITED and request.answered_by.username == "vendor1"
    assert Notification.objects.filter(recipient__username="requester", dedup_key=f"worker-exit:{worker.pk}").exists()
    assert "公司提出的退场请求" not in vendor.get("/").content.decode()
    assert LogEntry.objects.get_for_object(request).filter(action=LogEntry.Action.CREATE).exists()


def test_ops2_loophole_2_the_exit_request_api_answers_the_same_codes(demo, api_for):
    """OPS-2, loophole 2: POST /api/workers/<pk>/exit-request/ answers `exit_reason` for a missing or unknown
    reason, `exit_evidence` for a breach without evidence, `exit_already_asked` for a second open request; the
    vendor may not ask (403) and reads the request; another vendor sees nothing (404)."""
    worker = approved(contract_in_force())
    api = api_for("hr")
    url = f"/api/workers/{worker.pk}/exit-request/"
    for body, code in (({}, "exit_reason"), ({"reason": "poor_attitude"}, "exit_reason"),
                       ({"reason": "site_rules"}, "exit_evidence")):  # fmt: skip
        answer = api.post(url, body, format="json")
        assert answer.status_code == 400 and answer.json()["code"] == code, answer.json()
    assert not ExitRequest.objects.exists()
    created = api.post(url, {"reason": "end_of_need"}, format="json")
    assert created.status_code == 201 and created.json()["reason"] == "end_of_need"
    assert created.json()["answered_at"] is None
    twice = api.post(url, {"reason": "end_of_need"}, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == "exit_already_asked"
    assert api_for("vendor1").post(url, {"reason": "end_of_need"}, format="json").status_code == 403
    assert api_for("vendor1").get(url).json()["count"] == 1
    assert api_for("vendor2").get(url).status_code == 404
    exited = api_for("vendor1").post(f"/api/workers/{worker.pk}/exit/", {"exited_on": today().isoformat()},
                                     format="json")  # fmt: skip
    assert exited.status_code == 200 and exited.json()["status"] == "exited"
    assert api.get(url).json()["results"][0]["answered_at"]
    with pytest.raises(RuleViolation) as late:
        exits.ask_for_exit(actor=user("hr"), worker=worker, reason="end_of_need")
    assert late.value.status == 409
