"""Kick-offs (OPS-4), meetings and action items (OPS-3) through the pages and the API: recorded on the pages with
bad input beside the field, the vendor closing its own action item in the portal, a QBR page showing the quarter's
performance section (or saying none exists), the isolation sweep with vendor2 as the outsider, exports and query
counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.core.timeutil import today
from outsourcing.operations import meetings
from outsourcing.operations.models import ActionItem, KickOff, Meeting
from tests.operations.factories import contract_in_force, user
from tests.operations.test_kickoff_and_meetings import hold_kickoff, meeting

pytestmark = pytest.mark.django_db


def test_ops4_kickoff_on_the_page_and_the_contract_names_its_interface_persons(demo, client_for):
    contract = contract_in_force("vendor1")
    page = client_for("requester")
    post = {"contract": contract.pk, "held_on": contract.signed_on.isoformat(), "goals": "接通率≥95%",
            "communication_plan": "周例会", "company_person": user("requester").pk, "company_responsibility": "验收",
            "vendor_person": user("vendor1").pk, "vendor_responsibility": " "}  # fmt: skip
    refused = page.post("/operations/kickoffs/new/", post)
    assert refused.status_code == 200 and not KickOff.objects.exists()
    post["vendor_responsibility"] = "现场管理"
    saved = page.post("/operations/kickoffs/new/", post)
    held = KickOff.objects.get()
    assert saved.status_code == 302 and saved["Location"] == held.get_absolute_url()
    contract_page = page.get(contract.get_absolute_url()).content.decode()
    assert user("vendor1").get_full_name() in contract_page and "现场管理" in contract_page
    portal = client_for("vendor1").get(contract.get_absolute_url()).content.decode()
    assert 'id="interface-persons"' in portal and "验收" in portal


def test_ops3_meeting_on_the_page_vendor_closes_its_item_in_the_portal(demo, client_for):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
    page = client_for("requester")
    post = {"contract": contract.pk, "kind": "weekly", "held_on": today().isoformat(), "agenda": "接通率",
            "company_attendees": "李娜", "vendor_attendees": ""}  # fmt: skip
    assert page.post("/operations/meetings/new/", post).status_code == 200 and not Meeting.objects.exists()
    post["vendor_attendees"] = "郑海\n夜班组长"
    assert page.post("/operations/meetings/new/", post).status_code == 302
    held = Meeting.objects.get()
    assert held.attendees.count() == 3
    assert page.post(f"/operations/meetings/{held.pk}/minutes/", {"minutes": "夜班增派2席"}).status_code == 302
    no_owner = page.post(f"/operations/meetings/{held.pk}/action-items/", {"description": "提交排班表",
                                                                          "due_date": today().isoformat()})
    assert no_owner.status_code == 200 and not ActionItem.objects.exists()
    assert "owner" in no_owner.context["item_form"].errors
    page.post(f"/operations/meetings/{held.pk}/action-items/", {"description": "提交排班表",
              "owner": user("vendor1").pk, "due_date": today().isoformat()})  # fmt: skip
    item = ActionItem.objects.get()
    portal = client_for("vendor1")
    assert "提交排班表" in portal.get("/operations/action-items/").content.decode()
    assert portal.post(f"/operations/action-items/{item.pk}/close/", {"outcome": "已提交"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_by == user("vendor1")


def test_ops3_qbr_page_shows_the_quarters_performance_section_or_says_there_is_none(demo, client_for):
    from outsourcing.core import sections

    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=120))
    qbr = meeting(contract, kind="qbr", quarter=meetings.quarter_start(today()))
    page = client_for("requester").get(qbr.get_absolute_url()).content.decode()
    assert 'id="quarter-performance"' in page and "grade-test" not in page
    before = list(sections._sections)
    sections.register_section("qbr", order=10, template="operations/_tabs.html",
                              context=lambda request, obj: {"tab": "grade-test"})  # fmt: skip
    try:
        page = client_for("requester").get(qbr.get_absolute_url()).content.decode()
    finally:
        sections._sections[:] = before
    assert 'id="quarter-performance"' in page and "/operations/kickoffs/" in page


def test_ops3_ops4_the_api_records_kickoffs_meetings_and_closes_items(demo, api_for):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
    api = api_for("requester")
    body = {"contract": contract.pk, "held_on": contract.signed_on.isoformat(), "goals": "接通率≥95%",
            "communication_plan": "周例会",
            "interface_persons": [{"person": user("requester").pk, "responsibility": "验收"}]}  # fmt: skip
    refused = api.post("/api/kickoffs/", body, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "interface_persons"
    body["interface_persons"].append({"person": user("vendor1").pk, "responsibility": "现场"})
    created = api.post("/api/kickoffs/", body, format="json")
    assert created.status_code == 201 and len(created.json()["interface_persons"]) == 2
    made = api.post("/api/meetings/", {"contract": contract.pk, "kind": "monthly", "held_on": today().isoformat(),
                                       "agenda": "月度回顾", "company_attendees": ["李娜"],
                                       "vendor_attendees": ["郑海"]}, format="json")  # fmt: skip
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    assert api.post(f"/api/meetings/{pk}/minutes/", {"minutes": "达标"}, format="json").status_code == 200
    no_owner = api.post(f"/api/meetings/{pk}/action-items/", {"description": "排班", "due_date": today().isoformat()},
                        format="json")  # fmt: skip
    assert no_owner.status_code == 400 and no_owner.json()["field"] == "owner"
    item = api.post(f"/api/meetings/{pk}/action-items/", {"description": "排班", "owner": user("vendor1").pk,
                                                          "due_date": today().isoformat()}, format="json").json()
    portal = api_for("vendor1")
    assert portal.get(f"/api/action-items/{item['id']}/").json()["available_actions"] == ["close"]
    assert portal.post(f"/api/action-items/{item['id']}/close/", {"outcome": "已交"}, format="json").status_code == 200
    assert portal.get("/api/kickoffs/").json()["count"] == 1


def test_isolation_sweep_of_kickoffs_meetings_and_items_across_the_two_vendors(demo, client_for, api_for):
    """ORG-3, OPS-3, OPS-4: vendor2 against vendor1's kick-off, meeting and action item (and back): 403 or 404
    everywhere, nothing in its lists."""
    mine = {}
    for username in ("vendor1", "vendor2"):
        contract = contract_in_force(username, start=today() - dt.timedelta(days=20))
        held = hold_kickoff(contract, ("requester", "验收"), (username, "现场"))
        talk = meeting(contract)
        item = meetings.add_action_item(actor=user("requester"), meeting=talk, description="排班", owner=user(username),
                                        due_date=today())  # fmt: skip
        mine[username] = (held, talk, item, held.contract.interface_persons.get(side="vendor"))
    for outsider, owner in (("vendor2", "vendor1"), ("vendor1", "vendor2")):
        held, talk, item, person = mine[owner]
        client, api = client_for(outsider), api_for(outsider)
        for url in ("/operations/kickoffs/", "/operations/meetings/", "/operations/action-items/"):
            listing = client.get(url).content.decode()
            assert talk.number not in listing and f'href="{held.get_absolute_url()}"' not in listing
            assert client.get(url, {"export": "xlsx"}).status_code == 200
        for method, url in [("get", held.get_absolute_url()), ("get", talk.get_absolute_url()),
                            ("post", f"/operations/kickoffs/{held.pk}/interface-persons/{person.pk}/replace/"),
                            ("post", f"/operations/meetings/{talk.pk}/minutes/"),
                            ("post", f"/operations/meetings/{talk.pk}/action-items/"),
                            ("post", f"/operations/action-items/{item.pk}/close/")]:  # fmt: skip
            status = getattr(client, method)(url, {"outcome": "好", "minutes": "好"}).status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
        for method, url in [("get", f"/api/kickoffs/{held.pk}/"), ("get", f"/api/meetings/{talk.pk}/"),
                            ("post", f"/api/meetings/{talk.pk}/minutes/"),
                            ("post", f"/api/meetings/{talk.pk}/action-items/"),
                            ("get", f"/api/action-items/{item.pk}/"), ("post", f"/api/action-items/{item.pk}/close/")]:
            status = getattr(api, method)(url, {"outcome": "好", "minutes": "好"}, format="json").status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
        assert api.get("/api/meetings/").json()["count"] == 1
        assert api.get("/api/action-items/").json()["count"] == 1
    assert ActionItem.objects.filter(status="open").count() == 2


def test_meeting_lists_and_endpoints_cost_a_fixed_number_of_queries(demo, client_for, api_for):
    """X-6: kick-off, meeting and action-item lists and endpoints do not grow with the rows."""
    counts = []
    for extra in range(2):
        for _ in range(1 + 3 * extra):
            contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=20))
            hold_kickoff(contract)
            talk = meeting(contract)
            meetings.add_action_item(actor=user("requester"), meeting=talk, description="排班",
                                     owner=user("vendor1"), due_date=today())  # fmt: skip
        measured = []
        for username, url in (("requester", "/operations/kickoffs/"), ("requester", "/operations/meetings/"),
                              ("vendor1", "/operations/action-items/"), ("hr", "/api/kickoffs/"),
                              ("vendor1", "/api/meetings/"), ("vendor1", "/api/action-items/")):  # fmt: skip
            client = api_for(username) if url.startswith("/api/") else client_for(username)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1], counts
