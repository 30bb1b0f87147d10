"""CON-9: special-operation certificates (特种作业操作证) belong to the workers — type, number, issuer, expiry and
a scan — are checked at entry on a contract's special work (refused with a code on the page and the API), shown
on the contract's page, and reminded before they expire by the daily job (days configurable)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from outsourcing.attachments.selectors import attachments_for
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import certificates
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce.models import SpecialOperationCertificate, WorkerStatus
from tests.workforce.factories import PDF, contract_in_force, filed, user

pytestmark = pytest.mark.django_db


def _special(contract: Contract) -> Contract:
    """The contract's special work (its drafting and the vendor's safety licence are proven in tests/contracts)."""
    Contract.objects.filter(pk=contract.pk).update(special_work="电工作业")
    return Contract.objects.get(pk=contract.pk)


def _record(worker, username="vendor1", *, valid_until=None, scan=None):
    return certificates.record_certificate(
        actor=user(username), worker=worker, operation="电工作业（低压电工）", certificate_number="T310115198401010011",
        issuer="上海市应急管理局", valid_until=valid_until or today() + dt.timedelta(days=400), scan=scan,
    )  # fmt: skip


def _codes(form):
    return [error.code for errors in form.errors.as_data().values() for error in errors]


def test_con9_entry_on_special_work_needs_a_valid_certificate(demo, client_for, api_for):
    """CON-9: on special work HR cannot approve the entry without the worker's certificate
    (no_special_operation_certificate), page and API alike; with it, the entry passes. Work without special work
    asks for none."""
    contract = _special(contract_in_force())
    worker = filed(contract)
    assert "no_special_operation_certificate" in [r.code for r in worker_entry.entry_blockers(worker)]
    page = client_for("hr").post(f"/workers/{worker.pk}/decide/", {"decision": "approve", "note": ""})
    assert page.status_code == 200 and "no_special_operation_certificate" in _codes(page.context["decision_form"])
    api = api_for("hr").post(f"/api/workers/{worker.pk}/decision/", {"approve": True}, format="json")
    assert api.status_code == 400
    assert "no_special_operation_certificate" in [b["code"] for b in api.json()["blockers"]]
    _record(worker)
    assert worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True).status == WorkerStatus.APPROVED
    plain = filed(contract_in_force())
    assert "no_special_operation_certificate" not in [r.code for r in worker_entry.entry_blockers(plain)]


def test_con9_an_expired_certificate_refuses_the_entry_day(demo, client_for):
    """CON-9: a certificate that has expired by the entry day refuses the entry
    (special_operation_certificate_expired); an expired one cannot be recorded either."""
    contract = _special(contract_in_force(start=today() - dt.timedelta(days=30)))
    worker = filed(contract, planned_start=today() - dt.timedelta(days=5))
    certificate = _record(worker, valid_until=today() + dt.timedelta(days=10))
    worker = worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    SpecialOperationCertificate.objects.filter(pk=certificate.pk).update(valid_until=today() - dt.timedelta(days=1))
    entry = {"briefing_on": today().isoformat(), "topics": ["safety"], "undertaking_signed_on": today().isoformat(),
             "workplace_conditions": "配电房，绝缘工具由外包商自备"}  # fmt: skip
    refused = client_for("requester").post(f"/workers/{worker.pk}/entry/", entry)
    assert refused.status_code == 200
    assert _codes(refused.context["entry_form"]) == ["special_operation_certificate_expired"]
    with pytest.raises(RuleViolation) as expired:
        _record(worker, valid_until=today() - dt.timedelta(days=1))
    assert expired.value.code == "special_operation_certificate_expired"
    _record(worker)
    assert client_for("requester").post(f"/workers/{worker.pk}/entry/", entry).status_code == 302


def test_con9_the_vendor_records_the_certificate_with_its_scan_on_the_worker_page(demo, client_for, api_for):
    """CON-9: the worker's vendor records type, number, issuer, expiry and the scan on the worker's page; another
    vendor and a department user cannot, page and API alike; the contract's page shows the workers'
    certificates."""
    contract = _special(contract_in_force())
    worker = filed(contract)
    form = {"operation": "高处作业", "certificate_number": "T320583199001010022", "issuer": "江苏省应急管理厅",
            "valid_until": (today() + dt.timedelta(days=300)).isoformat(),
            "scan": SimpleUploadedFile("证书.pdf", PDF, content_type="application/pdf")}  # fmt: skip
    assert client_for("vendor1").post(f"/workers/{worker.pk}/certificate/", form).status_code == 302
    certificate = SpecialOperationCertificate.objects.get(worker=worker)
    assert certificate.issuer == "江苏省应急管理厅" and len(attachments_for(document=certificate)) == 1
    for username in ("vendor2", "requester"):
        form["scan"] = SimpleUploadedFile("证书.pdf", PDF, content_type="application/pdf")
        assert client_for(username).post(f"/workers/{worker.pk}/certificate/", form).status_code in (200, 403, 404)
    assert SpecialOperationCertificate.objects.count() == 1
    # The API: the same rules and codes.
    body = {"operation": "高处作业", "certificate_number": "T320583199001010033", "issuer": "江苏省应急管理厅",
            "valid_until": (today() - dt.timedelta(days=1)).isoformat()}  # fmt: skip
    expired = api_for("vendor1").post(f"/api/workers/{worker.pk}/certificates/", body, format="json")
    assert expired.status_code == 400 and expired.json()["code"] == "special_operation_certificate_expired"
    assert api_for("vendor2").post(f"/api/workers/{worker.pk}/certificates/", body, format="json").status_code in (
        403, 404)  # fmt: skip
    body["valid_until"] = (today() + dt.timedelta(days=90)).isoformat()
    assert api_for("vendor1").post(f"/api/workers/{worker.pk}/certificates/", body, format="json").status_code == 201
    assert api_for("hr").get(f"/api/workers/{worker.pk}/certificates/").json()["count"] == 2
    SpecialOperationCertificate.objects.filter(certificate_number="T320583199001010033").delete()
    page = client_for("hr").get(contract.get_absolute_url()).content.decode()
    assert 'id="certificates"' in page and "T320583199001010022" in page and worker.badge_number in page
    assert "T320583199001010022" not in client_for("vendor2").get(f"/workers/{worker.pk}/").content.decode()


@override_settings(CERTIFICATE_REMINDER_DAYS=20)
def test_con9_the_daily_job_reminds_before_expiry_once(demo):
    """CON-9, X-2: a certificate expiring within CERTIFICATE_REMINDER_DAYS is reminded to the vendor and the
    project owner, once however often the job runs; not earlier; not when a later certificate replaced it."""
    contract = _special(contract_in_force())
    worker = filed(contract)
    _record(worker)
    worker = worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    expiring = _record(worker, valid_until=today() + dt.timedelta(days=25))
    SpecialOperationCertificate.objects.exclude(pk=expiring.pk).delete()
    run_daily_jobs(today=today())
    assert not Notification.objects.filter(url=expiring.get_absolute_url()).exists()  # 25 days: not yet
    later = today() + dt.timedelta(days=6)
    run_daily_jobs(today=later)
    run_daily_jobs(today=later)
    reminded = Notification.objects.filter(url=expiring.get_absolute_url())
    assert set(reminded.values_list("recipient__username", flat=True)) == {"vendor1", contract.project.owner.username}
    assert reminded.count() == 2
    renewed = _record(worker, valid_until=today() + dt.timedelta(days=800))
    Notification.objects.all().delete()
    run_daily_jobs(today=later + dt.timedelta(days=1))
    assert not Notification.objects.filter(url=renewed.get_absolute_url()).exists()
