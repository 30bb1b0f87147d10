"""Settlement pages, portal and API (SET-2, SET-4, SET-5, SET-7, CON-8): the same services and codes, the
vendor sees only its own, list queries do not grow with the rows, the contract's closing check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.contracts.closing import open_points
from outsourcing.settlements.models import SettlementStatus
from tests.settlements.factories import (
    accepted,
    approve_everything,
    contract_in_force,
    invoice_data,
    last_month,
    opened,
    requested,
    tax_rules,
)

pytestmark = pytest.mark.django_db


def test_set2_pages_walk_accept_request_pay(client_for):
    """SET-2, SET-4, SET-5: requester accepts on the page, vendor1 requests in the portal, finance pays."""
    settlement = opened()
    page = client_for("requester").get(f"/settlements/{settlement.pk}/")
    assert page.status_code == 200 and 'id="accept"' in page.content.decode()
    line = settlement.acceptance_lines.get()
    answer = client_for("requester").post(f"/settlements/{settlement.pk}/accept/", {f"line_{line.pk}": "1"})
    assert answer.status_code == 302
    tax_rules()
    data = invoice_data(settlement)
    form = {**{k: v for k, v in vars(data).items() if k != "amount"}, "invoice_amount": data.amount,
            "amount": "50000.00", "issued_on": data.issued_on.isoformat()}  # fmt: skip
    bad = client_for("vendor1").post(f"/settlements/{settlement.pk}/request/", {**form, "payee_account_type":
                                                                                 "personal"})  # fmt: skip
    assert bad.status_code == 200 and "对公" in bad.content.decode()
    assert client_for("vendor1").post(f"/settlements/{settlement.pk}/request/", form).status_code == 302
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.IN_APPROVAL
    approve_everything(settlement, "settlement")
    paid = client_for("finance").post(f"/settlements/{settlement.pk}/pay/", {"paid_on": dt.date.today().isoformat(),
                                      "amount": "50000.00", "bank_reference": "ICBC-1"})  # fmt: skip
    assert paid.status_code == 302
    portal = client_for("vendor1").get(f"/settlements/{settlement.pk}/").content.decode()
    assert 'id="settlement-status">已付<' in portal and "¥50,000.00" in portal
    assert client_for("vendor2").get(f"/settlements/{settlement.pk}/").status_code == 404
    pdf = client_for("finance").get(f"/settlements/{settlement.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_set4_the_list_exports_and_its_queries_do_not_grow(client_for):
    """SET-4, X-5: the list and its Excel export; 1 or 4 settlements cost the same number of queries."""
    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=92))
    accepted(opened(contract, day=last_month() - dt.timedelta(days=60)))
    client = client_for("finance")
    api = client_for("finance")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/settlements/").status_code == 200
    for back in (0, 30):
        accepted(opened(contract, day=last_month() - dt.timedelta(days=back)))
    requested(accepted(opened()))
    with CaptureQueriesContext(connection) as four:
        assert client.get("/settlements/").status_code == 200
    assert len(four) == len(one)
    export = client.get("/settlements/?export=xlsx")
    assert export.status_code == 200 and "spreadsheet" in export["Content-Type"]
    assert api.get("/api/settlements/").status_code == 200  # warm: the session and the user's roles
    with CaptureQueriesContext(connection) as api_four:
        assert api.get("/api/settlements/").json()["count"] == 4
    accepted(opened(contract, day=last_month() - dt.timedelta(days=90)))
    with CaptureQueriesContext(connection) as api_five:
        assert api.get("/api/settlements/").json()["count"] == 5
    assert len(api_five) == len(api_four)


def test_set7_api_codes_match_the_pages_and_tax_rules_are_finances(api_for):
    """SET-7, X-6: a personal account is refused with its code; the tax-rule table is read by all, written by
    finance only."""
    tax_rules()
    settlement = accepted()
    data = invoice_data(settlement, payee_account_type="personal")
    body = {"amount": "50000.00", "invoices": [{**vars(data), "issued_on": data.issued_on.isoformat()}]}
    answer = api_for("vendor1").post(f"/api/settlements/{settlement.pk}/request/", body, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "personal_account"
    body["invoices"][0]["payee_account_type"] = "corporate"
    answer = api_for("vendor1").post(f"/api/settlements/{settlement.pk}/request/", body, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "in_approval"
    again = api_for("vendor1").post(f"/api/settlements/{settlement.pk}/request/", body, format="json")
    assert again.status_code == 409
    assert api_for("vendor1").get("/api/invoices/").json()["count"] == 1
    assert api_for("vendor2").get("/api/invoices/").json()["count"] == 0
    rule = {"tax_item": "现代服务*咨询服务", "method": "general", "rate": "6.00", "valid_from": "2026-01-01",
            "source": "《增值税法》"}  # fmt: skip
    assert api_for("requester").post("/api/tax-rules/", rule, format="json").status_code == 403
    assert api_for("finance").post("/api/tax-rules/", rule, format="json").status_code == 201
    assert api_for("vendor1").get("/api/tax-rules/").status_code == 200


def test_con8_a_contract_closes_only_when_its_settlements_are_paid_or_waived():
    """CON-8: an open settlement blocks the closing check; the final one waived with a reason clears it."""
    from outsourcing.audit.actor import perform
    from outsourcing.settlements import approval

    settlement = opened()
    points = open_points(settlement.contract)
    assert any(p.check.code == "final_settlement_open" for p in points)
    perform("finance", approval.waive, settlement=settlement, reason="合同提前终止，本期无服务")
    points = open_points(settlement.contract)
    # the waived period was not the final one: the final settlement is still to be opened
    assert [p.items for p in points if p.check.code == "final_settlement_open"] == [["最终结算尚未开立"]]
