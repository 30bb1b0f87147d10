"""Partnership through the pages and the API (PTN-1, PTN-2): vendor1 proposes in the portal, the requester
adopts through the API (a share above 100 % refused with its code), records the saving on the page, finance
confirms it and the settlement shows the gain-sharing line; vendor2 sees nothing; Excel export; query counts."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from outsourcing.core.timeutil import today
from outsourcing.partnership.models import Proposal, ProposalStatus
from tests.partnership.factories import adopted, contract_in_force, last_month, measured, opened, submitted

pytestmark = pytest.mark.django_db


def test_ptn1_ptn2_portal_proposal_api_adoption_page_saving_and_the_settlement_line(demo, client_for, api_for):
    import datetime as dt

    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    portal = client_for("vendor1")
    assert portal.get("/partnership/proposals/new/").status_code == 200
    post = {"contract": contract.pk, "kind": "cost", "title": "夜间语音导航分流", "problem": "夜间坐席空闲",
            "proposal": "启用语音导航", "baseline": "夜班6人", "baseline_amount": "60000",
            "expected_benefit": ""}  # fmt: skip
    sent = portal.post("/partnership/proposals/new/", post)
    proposal = Proposal.objects.get(contract=contract)
    assert sent.status_code == 302 and sent["Location"] == proposal.get_absolute_url()
    assert client_for("vendor2").get(proposal.get_absolute_url()).status_code == 404
    api = api_for("requester")
    assert api.post(f"/api/proposals/{proposal.pk}/stage/", {"to": "screened"}, format="json").status_code == 200
    refused = api.post(f"/api/proposals/{proposal.pk}/adopt/", {"adopted_on": today().isoformat(),
                       "share_percent": "120", "share_months": "12"}, format="json")  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "share_percent"
    answer = api.post(f"/api/proposals/{proposal.pk}/adopt/", {"adopted_on": today().isoformat(),
                      "share_percent": "20", "share_months": "12"}, format="json")  # fmt: skip
    assert answer.status_code == 200 and answer.json()["status"] == ProposalStatus.ADOPTED
    settlement = opened(contract, day=today())
    page = client_for("requester")
    recorded = page.post(f"/partnership/proposals/{proposal.pk}/benefits/", {"month": today().isoformat(),
                         "baseline_amount": "60000", "actual_amount": "50000", "method": "排班表核算"})  # fmt: skip
    assert recorded.status_code == 302
    benefit = proposal.benefits.get()
    confirmed = client_for("finance").post(f"/partnership/proposals/{proposal.pk}/benefits/{benefit.pk}/confirm/")
    assert confirmed.status_code == 302
    shown = client_for("finance").get(settlement.get_absolute_url()).content.decode()
    assert proposal.number in shown and ("2,000.00" in shown or "2000.00" in shown)
    listed = api_for("vendor1").get("/api/proposals/").json()
    assert [p["number"] for p in listed["results"]] == [proposal.number]
    assert listed["results"][0]["benefits"][0]["share_amount"] == "2000.00"
    assert api_for("vendor2").get("/api/proposals/").json()["results"] == []


def test_ptn1_the_list_exports_and_costs_a_fixed_number_of_queries(demo, client_for):
    first = adopted()
    measured(first)
    page = client_for("requester")
    with CaptureQueriesContext(connection) as one:
        assert page.get("/partnership/").status_code == 200
    submitted(first.contract)
    submitted(first.contract)
    with CaptureQueriesContext(connection) as three:
        response = page.get("/partnership/")
    assert response.status_code == 200 and len(three) == len(one)
    export = page.get("/partnership/?export=xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 4 and first.number in [c.value for c in sheet["A"]]


def test_ptn4_ptn5_pages_open_for_hr_and_are_shut_to_vendors(demo, client_for):
    hr = client_for("hr")
    for url in ("/partnership/awards/", "/partnership/tiers/", "/partnership/joint-projects/",
                "/partnership/awards/?export=xlsx", "/partnership/tiers/?export=xlsx"):  # fmt: skip
        assert hr.get(url).status_code == 200, url
    assert client_for("vendor1").get("/partnership/tiers/").status_code == 403
    assert client_for("requester").post("/partnership/awards/new/", {"year": "2025"}).status_code == 403


def test_ven6_the_vendor_page_shows_its_own_partnership_to_the_vendor_and_not_to_another(demo, client_for):
    proposal = submitted()
    vendor = proposal.contract.vendor
    own = client_for("vendor1").get("/vendors/portal/")  # the vendor's own page in the portal
    assert own.status_code == 200 and proposal.number in own.content.decode()
    assert proposal.number in client_for("requester").get(vendor.get_absolute_url()).content.decode()
    assert proposal.number not in client_for("logistics").get(vendor.get_absolute_url()).content.decode()
    assert proposal.number not in client_for("vendor2").get("/vendors/portal/").content.decode()
