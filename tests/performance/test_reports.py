"""PRF-5 and PRF-8: the vendor's performance report and its feedback on the company, once per contract and period,
written in the portal; the feedback is read by the project owner and HR and never by another vendor (nor by other
departments); a late report is reminded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.core.timeutil import today
from outsourcing.performance import reminders, reports
from outsourcing.performance.models import VendorFeedback, VendorReport
from tests.performance.factories import contract_in_force, kpi, month_ago, sla, user

pytestmark = pytest.mark.django_db


def _contract():
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    sla(contract, [(kpi("T-ANSWER"), 100)])
    return contract


def test_prf5_the_vendor_reports_each_period_once_and_a_late_report_is_reminded(demo, client_for):
    contract = _contract()
    assert any(c.pk == contract.pk for c, _s, _e in reports.reports_late(today() + dt.timedelta(days=40)))
    portal = client_for("vendor1")
    body = {"contract": contract.pk, "day": month_ago(1).isoformat(), "figures": "接通率93%", "analysis": "夜班不足",
            "misses": "夜班坐席少2席", "measures": "增派坐席"}  # fmt: skip
    running = portal.post("/performance/reports/new/", {**body, "day": today().isoformat()})
    assert running.status_code == 200 and not VendorReport.objects.exists()
    assert portal.post("/performance/reports/new/", body).status_code == 302
    twice = portal.post("/performance/reports/new/", body)
    assert twice.status_code == 200 and twice.context["form"].errors.as_data()["day"][0].code == "duplicate"
    report = VendorReport.objects.get()
    assert report.period_start == month_ago(1, day=1) and report.created_by == user("vendor1")
    assert "夜班不足" in client_for("requester").get("/performance/reports/").content.decode()
    assert "夜班不足" not in client_for("vendor2").get("/performance/reports/").content.decode()
    assert client_for("requester").post("/performance/reports/new/", body).status_code == 200  # no contract to pick
    assert VendorReport.objects.count() == 1
    notices = reminders.reports_late(month_ago(0, day=1) + dt.timedelta(days=10))
    assert all("夜班" not in n.title for n in notices)


def test_prf8_feedback_on_the_company_is_for_the_project_owner_and_hr_only(demo, client_for):
    contract = _contract()
    portal = client_for("vendor1")
    body = {"contract": contract.pk, "day": month_ago(1).isoformat(), "clarity": "4", "confirmations": "2",
            "payments": "5", "cooperation": "4", "comments": "确认单回复慢"}  # fmt: skip
    assert portal.post("/performance/feedback/new/", {**body, "clarity": "9"}).status_code == 200
    assert portal.post("/performance/feedback/new/", body).status_code == 302
    feedback = VendorFeedback.objects.get()
    assert feedback.confirmations == 2 and feedback.average == Decimal("3.8")
    for reader, sees in (("requester", True), ("hr", True), ("vendor1", True), ("vendor2", False),
                         ("logistics", False), ("legal", False), ("finance", False)):  # fmt: skip
        page = client_for(reader).get("/performance/reports/").content.decode()
        assert ("确认单回复慢" in page) is sees, reader


def test_prf5_the_report_carries_its_annexes_through_the_attachments_engine(demo, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from outsourcing.attachments.models import Attachment
    from tests.workforce.factories import PDF

    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    sla(contract, [(kpi("T-ANSWER"), 100)])
    portal = client_for("vendor1")
    sent = portal.post("/performance/reports/new/", {"contract": contract.pk, "day": month_ago(1).isoformat(),
                                                      "figures": "接通率92%", "analysis": "夜班不足",
                                                      "measures": "增派"})  # fmt: skip
    report = VendorReport.objects.get()
    assert sent.status_code == 302 and sent.url == report.get_absolute_url()  # straight to its annexes
    annex = {"document_type": "performance.vendorreport", "object_id": report.pk, "kind": "performance_report_annex",
             "file": SimpleUploadedFile("质检抽样.pdf", PDF, content_type="application/pdf")}  # fmt: skip
    assert client_for("requester").post("/attachments/upload/", annex).status_code in (403, 404)  # the vendor's paper
    assert portal.post("/attachments/upload/", {**annex, "file": SimpleUploadedFile(
        "质检抽样.pdf", PDF, content_type="application/pdf")}).status_code in (200, 302)  # fmt: skip
    attachment = Attachment.objects.get()
    assert attachment.kind == "performance_report_annex" and attachment.object_id == report.pk
    page = client_for("requester").get(report.get_absolute_url()).content.decode()
    assert "质检抽样.pdf" in page and "夜班不足" in page
    assert client_for("vendor2").get(report.get_absolute_url()).status_code == 404
