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
from tests.settlements.factories import (
    accepted,
    approve_everything,
    contract_in_force,
    last_month,
    opened,
    requested,
    user,
)
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


def test_rsk3_settlement_lines_passing_wage_and_social_insurance_through_are_a_sign_until_a_clean_period(demo):
    """RSK-3: a line itemising a worker's wage, social insurance and fee on the accepted period is a sign on the
    project with the words as evidence; the next period accepted without such lines clears it."""
    from outsourcing.settlements import adjustments

    entry = sign("settlement_pass_through")
    settlement = accepted()
    mine = lambda: [f for f in entry.compute(today()) if f.contract_id == settlement.contract_id]  # noqa: E731
    assert mine() == []
    perform("requester", adjustments.add_line, settlement=settlement, line_type_code="award", amount="500.00",
            reason="王小明3月工资6800元、社保1500元、管理费500元")  # fmt: skip
    [finding] = mine()
    assert finding.key == f"settlement:{settlement.pk}" and "工资" in finding.evidence and "社保" in finding.evidence
    assert finding.project_id == settlement.contract.project_id
    accepted(opened(settlement.contract, day=settlement.period_end + dt.timedelta(days=1)))
    assert mine() == []


def test_rsk3_a_period_accepted_by_counting_people_is_a_sign_until_it_is_waived(demo):
    """RSK-3: a unit-price contract priced per 人月 accepted by the number of people is a sign (no output-based
    acceptance); an output unit is none; finance waiving the period (to re-bill by results) clears it."""
    from outsourcing.contracts.models import Contract
    from outsourcing.settlements import approval

    entry = sign("headcount_acceptance")
    output = contract_in_force(start=last_month(1) - dt.timedelta(days=31))
    counted = contract_in_force(start=last_month(1) - dt.timedelta(days=31))
    for contract, unit in ((output, "通"), (counted, "人月")):
        Contract.objects.filter(pk=contract.pk).update(pricing_model="unit_price", unit=unit, unit_price="9000",
                                                       estimated_quantity="120", period_fee=None)  # fmt: skip
    for contract in (output, counted):
        contract.refresh_from_db()
        accepted(opened(contract), quantity="5")
    found = {f.contract_id: f for f in entry.compute(today())}
    assert output.pk not in found and "5 人月" in found[counted.pk].evidence
    period = counted.settlements.get()
    perform("finance", approval.waive, settlement=period, reason="按人头验收，退回供应商按工作成果重新结算")
    assert counted.pk not in {f.contract_id for f in entry.compute(today())}
