"""CON-1..CON-9 through the pages and the API: drafting from the award on the page, bad input beside the
field, who sees which contracts, a vendor reading only its own and acting only where it must, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.contracts import changes, selectors
from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.timeutil import today
from tests.contracts.factories import approved_award, draft, signed, template, user

pytestmark = pytest.mark.django_db


def contract_post(**overrides):
    data = {
        "title": "客服中心热线外包服务合同",
        "template": str(template().pk),
        "subject": "service_result",
        "scope": "热线接听与工单记录",
        "sla": "接通率≥95%",
        "acceptance": "按月验收",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "amount": "1060000",
        "pricing_model": "fixed",
        "period_fee": "88333.33",
        "unit": "",
        "unit_price": "",
        "estimated_quantity": "",
        "headcount_justification": "",
        "settlement_cycle": "monthly",
        "payment_terms": "按月付款",
        "invoice_type": "增值税专用发票",
        "safety_clause": "",
        "special_work": "",
        "renewal_notice_days": "90",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_drafting_from_the_award_on_the_page_and_bad_input_beside_the_field(demo, client_for):
    """CON-1, X-8"""
    award, _vendors = approved_award()
    client = client_for("procurement")
    listing = client.get("/contracts/")
    assert [a.pk for a in listing.context["awards"]] == [award.pk]
    refused = client.post(f"/contracts/new/{award.pk}/", contract_post(end_date="2026-01-01"))
    assert refused.status_code == 200 and refused.context["form"].errors["end_date"]
    no_fee = client.post(f"/contracts/new/{award.pk}/", contract_post(period_fee=""))
    assert no_fee.context["form"].errors["period_fee"]
    assert not Contract.objects.exists()
    done = client.post(f"/contracts/new/{award.pk}/", contract_post())
    contract = Contract.objects.get()
    assert done.status_code == 302 and contract.award == award
    assert client_for("finance").get(f"/contracts/new/{award.pk}/").status_code == 403


def test_who_sees_which_contract_and_the_vendor_only_its_own(demo, client_for, api_for):
    """CON-1, ORG-3: company-wide reviewers and the project's department; vendor1 its own; vendor2 nothing."""
    contract = signed()
    for username in ("hr", "legal", "finance", "procurement", "manager", "auditor", "requester", "depthead"):
        assert client_for(username).get(contract.get_absolute_url()).status_code == 200, username
    assert client_for("itowner").get(contract.get_absolute_url()).status_code == 404
    vendor_page = client_for("vendor1").get(contract.get_absolute_url())
    assert vendor_page.status_code == 200 and 'id="my-checklist"' not in vendor_page.content.decode()
    assert api_for("vendor1").get("/api/contracts/").json()["count"] == 1
    assert api_for("vendor2").get("/api/contracts/").json()["count"] == 0
    assert api_for("vendor2").get(f"/api/contracts/{contract.pk}/").status_code == 404


def test_isolation_sweep_of_every_contract_url_and_endpoint_for_the_other_vendor(demo, client_for, api_for):
    """ORG-3: vendor2 against vendor1's contract answers 403 or 404 everywhere."""
    contract = signed()
    notice = changes.draft_notice(actor=user("hr"), contract=contract, kind="rectification", clause="第5条",
                                  facts="接通率不达标", found_on=today(), demand="整改",
                                  respond_by=today().replace(year=today().year + 1))  # fmt: skip
    changes.start_exit(actor=user("procurement"), contract=contract, due=contract.end_date)
    item_pk = contract.exit_items.first().pk  # a real item of vendor1's contract, so the 404 is not "no such item"
    pages = [("get", contract.get_absolute_url()), ("get", f"/contracts/{contract.pk}/edit/"),
             ("post", f"/contracts/{contract.pk}/submit/"), ("post", f"/contracts/{contract.pk}/vendor-signature/"),
             ("post", f"/contracts/{contract.pk}/close/"), ("post", f"/contracts/{contract.pk}/justification/"),
             ("get", f"/contracts/{contract.pk}/notices/{notice.pk}.pdf"),
             ("post", f"/contracts/{contract.pk}/notices/{notice.pk}/answer/"),
             ("post", f"/contracts/{contract.pk}/exit/{item_pk}/done/"), ("get", "/contracts/templates/")]  # fmt: skip
    pages += [("post", f"/contracts/{contract.pk}/{action}/") for action in
              ("clauses", "checklist", "sign", "archive", "agreement", "bond", "amend", "renewal",
               "notice", "exit", "exit_item")]  # fmt: skip
    client = client_for("vendor2")
    assert contract.number not in client.get("/contracts/").content.decode()  # its own list: nothing of vendor1's
    for method, url in pages:
        status = getattr(client, method)(url).status_code
        assert status in (403, 404), f"{method.upper()} {url} answered {status}"
    api = api_for("vendor2")
    for method, url in [("get", f"/api/contracts/{contract.pk}/"), ("get", f"/api/contracts/{contract.pk}/notices/"),
                        ("post", f"/api/contracts/{contract.pk}/vendor-signature/"),
                        ("post", f"/api/contracts/{contract.pk}/notice-answers/")]:  # fmt: skip
        status = getattr(api, method)(url, {}, format="json").status_code
        assert status in (403, 404), f"{method.upper()} {url} answered {status}"
    # vendor1, the contracted vendor, reads the same contract and its notices: the sweep is not
    # passing because all is shut
    assert api_for("vendor1").get(f"/api/contracts/{contract.pk}/").status_code == 200
    assert api_for("vendor1").get(f"/api/contracts/{contract.pk}/notices/").status_code == 200


def test_the_vendor_acts_only_where_it_must(demo, client_for):
    """CON-1, ORG-3: a vendor user cannot record checks, signing, agreements, notices or exit items."""
    contract = signed()
    for action in ("sign", "agreement", "notice", "exit", "amend"):
        assert client_for("vendor1").post(f"/contracts/{contract.pk}/{action}/").status_code == 404
    assert selectors.confidentiality_in_force(contract.vendor) is None
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_schema_and_list_query_counts(demo, client_for, api_for):
    """X-6"""
    paths = client_for("procurement").get("/api/schema/?format=json").json()["paths"]
    assert "/api/contracts/" in paths and "/api/contracts/{id}/notice-answers/" in paths
    award, _ = approved_award()
    first = draft(award)
    page, api = client_for("procurement"), api_for("procurement")
    page.get("/contracts/"), api.get("/api/contracts/")
    counts = []
    for extra in range(2):
        if extra:
            for n in range(5):  # copies without the award: one award has one contract (ORG-1)
                Contract.objects.create(**{
                    **{f.attname: getattr(first, f.attname) for f in Contract._meta.concrete_fields},
                    "id": None, "number": f"CON-COPY-{n}", "award_id": None,
                })  # fmt: skip
        with CaptureQueriesContext(connection) as on_page:
            page.get("/contracts/")
        with CaptureQueriesContext(connection) as on_api:
            api.get("/api/contracts/")
        counts.append((len(on_page), len(on_api)))
    assert counts[0] == counts[1], counts


def test_the_page_and_the_api_offer_the_same_actions_on_a_contract(demo, client_for, api_for):
    """#13 item 7 (CON-6, CON-10): `available_actions` answers the page's forms and the API's list alike: the drafter
    of a contract in force may amend, suspend and start the exit but not resume or sign; the vendor may only ask to
    terminate it."""
    from tests.workforce.factories import contract_in_force

    contract = contract_in_force("vendor1")
    drafter = api_for("procurement").get(f"/api/contracts/{contract.pk}/").json()["available_actions"]
    assert {"amend", "suspend", "start_exit"} <= set(drafter)
    assert "resume" not in drafter and "sign" not in drafter
    page = client_for("procurement").get(f"/contracts/{contract.pk}/")
    assert "amendment_form" in page.context and "suspend_form" in page.context and "resume_form" not in page.context
    vendor = api_for("vendor1").get(f"/api/contracts/{contract.pk}/").json()["available_actions"]
    assert vendor == ["request_termination", "confirm_signature"]  # signed by the company, not yet confirmed by it
    assert "available_actions" not in api_for("procurement").get("/api/contracts/").json()["results"][0]
