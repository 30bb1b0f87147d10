"""The settlements' contributions to compliance (RSK-2, RSK-3, RSK-4): a settlement paid for a month whose proofs HR
never accepted is a finding until the proofs are accepted; an invoice itemised as labour dispatch is a sign."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.indicators import indicator, sign
from outsourcing.core.timeutil import today
from outsourcing.settlements import payments
from outsourcing.settlements.models import SettlementStatus
from outsourcing.workforce import proofs
from tests.settlements.factories import approve_everything, last_month, requested, user
from tests.workforce.factories import on_site
from tests.workforce.test_proofs import _files, _lines

pytestmark = pytest.mark.django_db


def _paid():
    settlement = requested()
    approve_everything(settlement, "settlement")
    settlement.refresh_from_db()
    perform("finance", payments.record_payment, settlement=settlement, paid_on=today(),
            amount=settlement.approved_amount, bank_reference="ICBC-RSK4")  # fmt: skip
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.PAID
    return settlement


def test_rsk4_a_settlement_paid_for_a_month_without_accepted_proofs_is_found_until_they_are(demo):
    """RSK-2/RSK-4, WRK-6: a worker's entry back-dated into a paid month makes that month need proofs; the finding
    names the settlement and the month, and clears once HR accepts the month's proofs."""
    settlement = _paid()
    check = indicator("settlement_paid_without_proofs")
    assert check.owner_app == "settlements" and list(check.compute(today())) == []
    month = last_month(1)
    workers = [on_site(settlement.contract, entered=month, planned_start=month)]
    [finding] = check.compute(today())
    assert finding.key == f"settlement:{settlement.pk}" and f"{month:%Y-%m}" in finding.evidence
    assert finding.contract_id == settlement.contract_id and finding.url == settlement.get_absolute_url()
    proof = proofs.submit_proof(actor=user("vendor1"), project=settlement.contract.project, month=month,
                                lines=_lines(workers))  # fmt: skip
    _files(proof)
    proofs.check_proof(actor=user("hr"), proof=proof, accept=True)
    assert list(check.compute(today())) == []


def test_rsk3_an_invoice_itemised_as_labour_dispatch_is_a_sign_on_its_project(demo):
    """RSK-3: the tax item of the vendor's invoice says 劳务派遣: a sign with the invoice as evidence; a service item
    is none."""
    entry = sign("dispatch_invoice_item")
    service = requested()
    assert [f for f in entry.compute(today()) if f.contract_id == service.contract_id] == []
    dispatch = requested(tax_item="经纪代理服务*劳务派遣服务", issued_on=today() - dt.timedelta(days=2))
    [finding] = [f for f in entry.compute(today()) if f.contract_id == dispatch.contract_id]
    assert "劳务派遣" in finding.evidence and finding.project_id == dispatch.contract.project_id
