"""Risk and compliance pages and API (RSK-1, RSK-2): HR, legal, management and audit read; HR and legal keep the
register; vendors and project owners see nothing; lists export to Excel in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.compliance.models import Risk, RiskStatus
from tests.compliance.factories import open_finding, recorded, user

pytestmark = pytest.mark.django_db


def test_rsk1_register_page_with_heat_map_and_export(demo, client_for):
    """RSK-1: the register lists risks with their ratings, draws the heat map from json_script, exports to Excel."""
    recorded()
    recorded(title="外包商资金链断裂", category="vendor_distress", likelihood=4, impact=5, residual_likelihood=3,
             residual_impact=4)  # fmt: skip
    page = client_for("hr")
    text = page.get("/compliance/").content.decode()
    assert 'id="risk-heat"' in text and "外包商资金链断裂" in text and "compliance-charts.js" in text
    assert 'data-likelihood="4" data-impact="5"' in text
    export = page.get("/compliance/?export=xlsx")
    assert export.status_code == 200 and "spreadsheetml" in export["Content-Type"]
    for n in range(5):
        recorded(title=f"风险{n}")
    with CaptureQueriesContext(connection) as few:
        page.get("/compliance/")
    for n in range(10):
        recorded(title=f"更多风险{n}")
    with CaptureQueriesContext(connection) as many:
        page.get("/compliance/")
    assert len(many) == len(few)


def test_rsk1_record_a_risk_on_the_page_refuses_bad_input(demo, client_for):
    """RSK-1 (bad input): an impact of 7 or an acceptance without justification is refused beside its field."""
    page = client_for("hr")
    body = {
        "title": "信息泄露",
        "category": "security",
        "likelihood": "3",
        "impact": "7",
        "residual_likelihood": "2",
        "residual_impact": "2",
        "owner": str(user("hr").pk),
        "treatment": "mitigate",
        "review_on": "2027-03-01",
    }
    response = page.post("/compliance/risks/new/", body)
    assert response.status_code == 200 and not Risk.objects.exists()
    response = page.post("/compliance/risks/new/", {**body, "impact": "4", "treatment": "accept"})
    assert response.status_code == 200 and not Risk.objects.exists()
    response = page.post("/compliance/risks/new/", {**body, "impact": "4"})
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == risk.get_absolute_url()


def test_rsk2_indicator_pages_show_evidence_and_links_and_raise_a_risk(demo, client_for):
    """RSK-2: the indicators list with open counts; an indicator's findings with evidence, record and fix links; a
    finding raises a risk linked to it."""
    finding, _day = open_finding()
    page = client_for("hr")
    assert "worker_without_confidentiality" in page.get("/compliance/indicators/").content.decode()
    text = page.get("/compliance/indicators/worker_without_confidentiality/").content.decode()
    assert finding.evidence in text and finding.url in text and finding.fix_url in text
    assert page.get("/compliance/indicators/worker_without_confidentiality/?export=xlsx").status_code == 200
    response = page.post(
        finding.get_absolute_url(),
        {
            "title": "保密协议过期",
            "category": "security",
            "likelihood": "3",
            "impact": "4",
            "residual_likelihood": "2",
            "residual_impact": "3",
            "owner": str(user("hr").pk),
            "treatment": "mitigate",
            "review_on": "2027-03-01",
        },
    )
    risk = Risk.objects.get()
    assert response.status_code == 302 and risk.finding_id == finding.pk and risk.vendor_id == finding.vendor_id
    response = page.post(f"/compliance/risks/{risk.pk}/move/", {"to": "closed", "note": "已处理"}, follow=True)
    assert Risk.objects.get().status == RiskStatus.OPEN
    assert "still finds it" in response.content.decode() or "仍" in response.content.decode()


@pytest.mark.parametrize("username", ["vendor1", "requester", "logistics"])
def test_rsk1_outsiders_see_nothing(demo, client_for, api_for, username):
    """RSK-1: vendors and project owners have no access to the register or the indicators."""
    recorded()
    assert client_for(username).get("/compliance/").status_code == 403
    assert client_for(username).get("/compliance/indicators/").status_code == 403
    assert api_for(username).get("/api/risks/").status_code == 403


def test_rsk1_api_records_moves_and_refuses_with_the_pages_codes(demo, api_for):
    """RSK-1 (API): POST records, `move/` accepts with a note; bad input answers the service's code."""
    api = api_for("legal")
    body = {
        "title": "供应商集中度过高",
        "category": "operations",
        "likelihood": 3,
        "impact": 3,
        "residual_likelihood": 2,
        "residual_impact": 2,
        "owner": user("hr").pk,
        "review_on": "2027-01-31",
    }
    refused = api.post("/api/risks/", {**body, "likelihood": 6}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "out_of_range"
    refused = api.post("/api/risks/", {**body, "treatment": "accept"}, format="json")
    assert refused.json()["code"] == "justification_required" and not Risk.objects.exists()
    created = api.post("/api/risks/", body, format="json")
    assert created.status_code == 201 and created.json()["inherent"] == 9
    pk = created.json()["id"]
    moved = api.post(f"/api/risks/{pk}/move/", {"to": "accepted", "note": "替代供应商已储备"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "accepted"
    patched = api.patch(f"/api/risks/{pk}/", {"impact": 4}, format="json")
    assert patched.status_code == 200 and patched.json()["inherent"] == 12
    listed = api.get("/api/risks/?category=operations").json()
    assert listed["count"] == 1


def test_rsk2_api_lists_indicators_and_findings(demo, api_for):
    """RSK-2 (API): `/api/risk-indicators/` with open counts; each indicator's findings with their evidence."""
    finding, _day = open_finding()
    api = api_for("auditor")
    rows = {r["code"]: r for r in api.get("/api/risk-indicators/").json()}
    assert rows["worker_without_confidentiality"]["open"] == 1
    found = api.get("/api/risk-indicators/worker_without_confidentiality/findings/").json()
    assert found["results"][0]["evidence"] == finding.evidence
    assert api.get("/api/risk-indicators/nope/findings/").status_code == 404
