"""X-5: every list exports to .xlsx as filtered — the export keeps the list's filter (proof list, audit search,
users, contracts, staff stability); the page's export link carries the filter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from outsourcing.core.timeutil import today
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.models import ProofStatus
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def export_href(page_html: str, anchor_id: str) -> str:
    start = page_html.index(f'id="{anchor_id}"')
    href = page_html[start:].split('href="', 1)[1].split('"', 1)[0]
    return href.replace("&amp;", "&")


def test_x5_user_list_exports_as_filtered(client_for):
    """X-5"""
    client = client_for("admin")
    page = client.get("/org/users/?q=vendor&kind=vendor").content.decode()
    href = export_href(page, "export-xlsx")
    assert "q=vendor" in href and "kind=vendor" in href and "export=xlsx" in href
    rows = sheet_rows(client.get("/org/users/" + href))
    assert rows[0][0] == "用户名"
    usernames = {r[0] for r in rows[1:]}
    assert {"vendor1", "vendor2"} <= usernames and "hr" not in usernames
    assert client_for("hr").get("/org/users/?export=xlsx").status_code == 403


def test_x5_audit_search_exports_the_filtered_trail(client_for):
    """X-5, AUD-2: as filtered on the page (one record's history), described as on the page."""
    contract = contract_in_force()
    client = client_for("auditor")
    page = client.get(f"/audit/?object_id={contract.number}").content.decode()
    href = export_href(page, "export-audit")
    assert f"object_id={contract.number}" in href
    rows = sheet_rows(client.get("/audit/" + href))
    assert rows[0][:3] == ["时间", "操作人", "用户名"]
    assert len(rows) > 1 and {r[5] for r in rows[1:]} == {str(contract)}
    everyone = sheet_rows(client.get("/audit/?export=xlsx"))
    assert len(everyone) > len(rows)
    assert client_for("requester").get("/audit/?export=xlsx").status_code == 403


def test_x5_contract_list_exports_as_filtered(client_for):
    """X-5"""
    contract = contract_in_force()
    client = client_for("procurement")
    rows = sheet_rows(client.get(f"/contracts/?q={contract.number}&export=xlsx"))
    assert [r[0] for r in rows[1:]] == [contract.number]
    none = sheet_rows(client.get("/contracts/?status=closed&q=" + contract.number + "&export=xlsx"))
    assert none[1:] == []


def test_x5_proof_list_and_stability_export_as_filtered(client_for):
    """X-5, WRK-6, WRK-8"""
    month = selectors.months_back(proofs.first_of_month(today()), 1)
    contract = contract_in_force(start=month - dt.timedelta(days=40))
    workers = [on_site(contract, entered=month, planned_start=month) for _ in range(2)]
    lines = [proofs.LineData(worker_id=w.pk, wage_paid=True, social_insurance=True, housing_fund=True, tax_filed=True,
                             wage_amount=Decimal("6000"), own_account=True) for w in workers]  # fmt: skip
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=month, lines=lines)
    hr = client_for("hr")
    page = hr.get(f"/workers/proofs/?status={proof.status}").content.decode()
    assert f"status={proof.status}" in export_href(page, "export-proofs")
    rows = sheet_rows(hr.get(f"/workers/proofs/?status={proof.status}&export=xlsx"))
    assert rows[0][:2] == ["月份", "外包商"]
    mine = [r for r in rows[1:] if r[1] == contract.vendor.name]
    assert [(r[0], r[3]) for r in mine] == [(f"{month:%Y-%m}", 2)]
    other = next(status for status in ProofStatus.values if status != proof.status)
    filtered_out = sheet_rows(hr.get(f"/workers/proofs/?status={other}&export=xlsx"))
    assert not [r for r in filtered_out[1:] if r[1] == contract.vendor.name]
    one_month = f"{month:%Y-%m}"
    stability = sheet_rows(hr.get(f"/workers/stability/?start={one_month}&end={one_month}&export=xlsx"))
    assert stability[0][2] == "月份" and len(stability) > 1 and {r[2] for r in stability[1:]} == {one_month}
