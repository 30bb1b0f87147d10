"""SRC-1..SRC-7 through the pages and the API: forms refuse bad input beside the field, who sees which
events, the portal's side, fixed query counts on the lists."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outsourcing.sourcing import events, scoring
from outsourcing.sourcing.models import SourcingEvent
from outsourcing.vendors.models import ServiceCategory
from tests.sourcing.factories import approved_project, draft_event, event_with_answers, three_vendors
from tests.vendors.factories import prospect

pytestmark = pytest.mark.django_db


def event_post(project, **overrides):
    data = {
        "project": str(project.pk),
        "title": "客服热线外包比选",
        "category": "",
        "method": "inquiry",
        "kind": "rfp",
        "requirements": "40席，7×24小时",
        "deadline": (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "single_source_justification": "",
        "weight_technical": "30",
        "weight_experience": "20",
        "weight_management": "20",
        "weight_price": "20",
        "weight_finance": "10",
    }
    data["category"] = str(ServiceCategory.objects.get(code="customer_service").pk)
    data.update(overrides)
    return data


def test_organiser_creates_an_event_and_bad_weights_are_refused_beside_the_field(client_for):
    """SRC-1, SRC-6, X-8"""
    project = approved_project()
    client = client_for("procurement")
    refused = client.post("/sourcing/new/", event_post(project, weight_technical="35"))
    assert refused.status_code == 200 and refused.context["form"].errors["weight_technical"]
    assert "100" in refused.context["form"].errors["weight_technical"][0]
    assert not SourcingEvent.objects.exists()
    done = client.post("/sourcing/new/", event_post(project))
    event = SourcingEvent.objects.get()
    assert done.status_code == 302 and done["Location"] == event.get_absolute_url()
    assert client_for("requester").get("/sourcing/new/").status_code == 403


def test_an_ineligible_candidate_is_refused_on_the_page(client_for):
    """SRC-2, X-8: the reason is shown; nothing is added."""
    event = draft_event()
    vendor = prospect()
    response = client_for("procurement").post(f"/sourcing/{event.pk}/candidates/", {"vendor": vendor.pk})
    assert response.status_code == 200 and response.context["candidate_form"].errors["vendor"]
    assert not event.candidates.exists()


def test_who_sees_which_events(demo, client_for, api_for):
    """SRC-1: company-wide reviewers all; the project's department; panel members their panels; vendors none."""
    event = draft_event(panel=[])
    for username in ("hr", "procurement", "auditor", "manager", "requester", "depthead"):
        assert client_for(username).get(event.get_absolute_url()).status_code == 200, username
    assert client_for("itowner").get(event.get_absolute_url()).status_code == 404
    assert client_for("vendor1").get("/sourcing/").status_code == 403
    assert api_for("vendor1").get("/api/sourcing-events/").status_code == 403
    scoring.add_member(actor=demo.procurement, event=event, user=demo.itowner, discipline="technology")
    assert client_for("itowner").get(event.get_absolute_url()).status_code == 200


def test_the_portal_shows_a_vendor_only_its_own_invitations(client_for, demo):
    """SRC-3, ORG-3"""
    event, vendors = event_with_answers()
    listed = client_for("vendor1").get("/sourcing/portal/")
    assert [c.vendor for c in listed.context["invitations"]] == [vendors[0]]
    page = client_for("vendor1").get(f"/sourcing/portal/{event.pk}/").content.decode()
    assert vendors[1].name not in page and vendors[2].name not in page
    other = draft_event(vendors=vendors)
    assert client_for("vendor1").get(f"/sourcing/portal/{other.pk}/").status_code == 404  # not invited yet


def test_answering_in_the_portal(client_for, demo):
    """SRC-3: the form with its quote lines; a total that does not add up is refused beside the field."""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=demo.procurement, event=event)
    form = {
        "company_profile": "公司简介",
        "similar_cases": "案例",
        "service_proposal": "方案",
        "quote_total": "500000",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-item": "坐席服务费",
        "lines-0-amount": "450000",
        "lines-1-item": "质检",
        "lines-1-amount": "40000",
    }
    client = client_for("vendor1")
    refused = client.post(f"/sourcing/portal/{event.pk}/", form)
    assert refused.status_code == 200 and refused.context["form"].errors["quote_total"]
    done = client.post(f"/sourcing/portal/{event.pk}/", {**form, "quote_total": "490000"})
    assert done.status_code == 302
    assert event.candidates.get(vendor=vendors[0]).bid.quote_total == 490000


def test_schema_lists_the_sourcing_endpoints(client_for):
    """X-6"""
    paths = client_for("procurement").get("/api/schema/?format=json").json()["paths"]
    for path in (
        "/api/sourcing-events/",
        "/api/sourcing-events/{id}/candidates/",
        "/api/sourcing-events/{id}/score-sheet/",
        "/api/sourcing-events/{id}/results/",
        "/api/sourcing-events/{id}/declare/",
        "/api/bids/",
    ):
        assert path in paths, path


def test_create_through_the_api_refuses_bad_weights(api_for):
    """X-6, SRC-6"""
    project = approved_project()
    payload = {
        "project": project.number,
        "title": "接口创建的比选",
        "category": "customer_service",
        "method": "inquiry",
        "requirements": "40席",
        "deadline": (timezone.now() + dt.timedelta(days=5)).isoformat(),
        "weights": {"technical": "50"},
    }
    refused = api_for("procurement").post("/api/sourcing-events/", payload, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "weights_total"
    payload["weights"] = {}
    created = api_for("procurement").post("/api/sourcing-events/", payload, format="json")
    assert created.status_code == 201 and created.json()["weights"]["technical"] == "30.00"


def test_event_list_page_and_api_cost_the_same_for_few_or_many_events(client_for, api_for):
    """X-6: fixed query counts."""
    counts = []
    page_client, api_client = client_for("procurement"), api_for("procurement")
    page_client.get("/sourcing/"), api_client.get("/api/sourcing-events/")  # first requests warm the caches
    for n in (2, 12):
        while SourcingEvent.objects.count() < n:
            draft_event(panel=[])
        with CaptureQueriesContext(connection) as page:
            assert page_client.get("/sourcing/").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert api_client.get("/api/sourcing-events/").status_code == 200
        counts.append((len(page), len(api)))
    assert counts[0] == counts[1], counts
    assert counts[1][0] <= 15 and counts[1][1] <= 8, counts


def test_the_project_is_a_link_only_for_those_who_may_open_it(demo, client_for):
    """SRC-4, DEM-4: a panel member from another department reads the event but not the project, so the
    project is named without a link that would end on a 404."""
    event = draft_event(vendors=three_vendors())
    organiser = client_for("procurement").get(event.get_absolute_url())
    assert organiser.context["project_readable"] and 'id="project-link"' in organiser.content.decode()
    assert client_for("procurement").get(event.project.get_absolute_url()).status_code == 200
    member = client_for("itowner").get(event.get_absolute_url())
    assert member.status_code == 200 and event.project.number in member.content.decode()
    assert not member.context["project_readable"] and 'id="project-link"' not in member.content.decode()
    assert client_for("itowner").get(event.project.get_absolute_url()).status_code == 404


def test_the_candidate_list_offers_only_the_qualified_pool(demo):
    """SRC-2, VEN-5: a prospect registered for the category is not offered as a candidate."""
    from outsourcing.sourcing.forms import CandidateForm

    vendors = three_vendors()
    event = draft_event(vendors=vendors[:2])
    newcomer = prospect(name="新来的客服公司（寻源测试）")
    offered = set(CandidateForm(event=event).fields["vendor"].queryset)
    assert vendors[2] in offered and newcomer not in offered and vendors[0] not in offered
    assert event.category in newcomer.categories.all()  # same category: left out for its status alone
