"""Wage protection on construction work (CST-2..CST-5): the project's recorded role; an owner-role contract's approval
blocked without its labour-cost terms; monthly transfers scheduled, evidenced by the bank slip and alerted when late,
a settlement's hold or not; the project's evidence with expiry and the payroll-on-behalf total; wage lines not to the
worker's own account and workers on site without a wage line flagged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.audit.actor import perform
from outsourcing.contracts.models import ContractStatus
from outsourcing.core.errors import Blocked, Conflict, RuleViolation
from outsourcing.core.indicators import general_contractor_project_ids, indicator
from outsourcing.core.timeutil import today
from outsourcing.demands.models import CompanyRole
from outsourcing.settlements import approval, construction, construction_checks
from outsourcing.settlements.models import LabourCostTransfer
from outsourcing.workforce import proofs
from tests.contracts.factories import approve_everything, draft, tick_all
from tests.settlements.factories import last_month, opened
from tests.workforce.factories import contract_in_force, granted, on_site, upload, user

pytestmark = pytest.mark.django_db


def _owner(project, role=CompanyRole.OWNER):
    return perform("requester", construction.set_company_role, project=project, role=role)


def _terms(contract, **overrides):
    values = {
        "labour_cost_amount": "120000.00",
        "transfer_cycle": "monthly",
        "transfer_day": 10,
        "payment_guarantee": "银行保函 BG-2026-018",
    }
    values.update(overrides)
    return perform("requester", construction.save_terms, contract=contract, **values)


def _codes(contract) -> list[str]:
    task = ApprovalTask.objects.filter(
        request__object_id=contract.pk, request__flow__document_type="contract", status=TaskStatus.PENDING
    ).first()
    approver = next(
        u
        for u in (user("legal"), user("hr"), user("finance"), user("depthead"), user("manager"))
        if u.role_codes and task.role in u.role_codes
    )
    with pytest.raises(Blocked) as blocked:
        decide(task=task, actor=approver, decision="approve", comment="同意")
    return [reason.code for reason in blocked.value.reasons]


def test_cst2_an_owner_role_contract_is_not_approved_without_labour_cost_cycle_and_guarantee(demo):
    """CST-2: as 建设单位 the contract's approval is blocked with a coded reason for each missing term; a quarterly
    cycle is refused; with the terms complete it is approved. The role is the project's field (CST-5 reads it)."""
    contract = draft()
    _owner(contract.project)
    from outsourcing.contracts import drafting

    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    tick_all(contract)
    assert set(_codes(contract)) >= {"labour_cost_missing", "transfer_cycle_over_a_month", "payment_guarantee_missing"}
    _terms(contract, labour_cost_amount=None, labour_cost_ratio="35", transfer_cycle="quarterly")
    codes = _codes(contract)
    assert "transfer_cycle_over_a_month" in codes and "labour_cost_missing" not in codes
    _terms(contract)
    approve_everything(contract, "contract")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.APPROVED
    assert contract.project_id not in general_contractor_project_ids()
    _owner(contract.project, CompanyRole.GENERAL_CONTRACTOR)
    assert contract.project_id in general_contractor_project_ids()


def test_cst2_bad_terms_are_refused(demo):
    contract = contract_in_force()
    for overrides, field in (
        ({"labour_cost_amount": "700000"}, "labour_cost_amount"),
        ({"labour_cost_amount": 100.5}, "labour_cost_amount"),
        ({"labour_cost_ratio": "120", "labour_cost_amount": None}, "labour_cost_ratio"),
        ({"transfer_day": 31}, "transfer_day"),
    ):
        with pytest.raises(RuleViolation) as refused:
            _terms(contract, **overrides)
        assert refused.value.field == field
    with pytest.raises(RuleViolation) as refused:
        perform("vendor1", construction.save_terms, contract=contract, labour_cost_amount="1")
    assert refused.value.status == 403
    with pytest.raises(Conflict):  # an ordinary client's contract has no transfers
        _terms(contract)
        perform("requester", construction.schedule_transfers, contract=contract)


def test_cst2_monthly_transfers_are_scheduled_evidenced_and_alerted_when_late_even_in_a_dispute(demo):
    """CST-2: the transfers over the term (once); the month past its due day is a finding and tells finance and the
    owner once; finance records it only with the bank slip — while the period's settlement is held."""
    contract = contract_in_force(start=last_month(1) - dt.timedelta(days=31), months=3)
    _owner(contract.project)
    _terms(contract)
    created = perform("requester", construction.schedule_transfers, contract=contract)
    assert perform("requester", construction.schedule_transfers, contract=contract) == []
    assert sum(t.amount for t in created) == Decimal("120000.00") and all(t.due_on.day == 10 for t in created)
    late = [t for t in created if t.due_on < today()]
    assert late, "the first months are past their due day"
    first = late[0]
    findings = [f for f in construction_checks.transfers_late(today()) if f.contract_id == contract.pk]
    assert f"transfer:{first.pk}" in {f.key for f in findings}
    notices = [
        n for n in construction_checks.transfer_late_notices(today()) if n.dedup_key == f"labour-cost-late:{first.pk}"
    ]
    assert {n.recipient_id for n in notices} == {user("finance").pk, contract.project.owner_id}
    # The period's settlement is held at HR (a worker on site, no proofs): the transfer goes on regardless.
    on_site(contract, entered=last_month(1), planned_start=last_month(1))
    held = opened(contract)
    assert approval.all_holds(held)
    with pytest.raises(RuleViolation) as refused:
        perform("finance", construction.record_transfer, transfer=first, paid_on=today(), bank_reference="ICBC-0310")
    assert refused.value.code == "bank_slip_missing"
    upload("bank_slip", "finance", first)
    perform("finance", construction.record_transfer, transfer=first, paid_on=today(), bank_reference="ICBC-0310")
    assert LabourCostTransfer.objects.get(pk=first.pk).paid_on == today()
    assert f"transfer:{first.pk}" not in {f.key for f in construction_checks.transfers_late(today())}
    with pytest.raises(Conflict):
        perform("finance", construction.record_transfer, transfer=first, paid_on=today(), bank_reference="again")


def test_cst3_project_evidence_missing_or_expired_is_flagged_until_kept(demo):
    """CST-3: wage account, guarantee (deposit or bank guarantee), rights board and work-injury insurance, each valid
    today; an expired deposit counts as missing until a bank guarantee replaces it."""
    project = contract_in_force().project
    check = indicator("construction_evidence_gap")
    assert [f for f in check.compute(today()) if f.project_id == project.pk] == []  # an ordinary client: no duty
    _owner(project)
    [gap] = [f for f in check.compute(today()) if f.project_id == project.pk]
    assert "工资专用账户" in gap.evidence and "维权信息告示牌" in gap.evidence
    year_ago = today() - dt.timedelta(days=365)
    for kind, until in (
        ("wage_account", None),
        ("rights_board", None),
        ("injury_insurance", today() + dt.timedelta(days=200)),
        ("guarantee_deposit", today() - dt.timedelta(days=1)),
    ):
        perform(
            "requester",
            construction.record_evidence,
            project=project,
            kind=kind,
            reference=f"{kind}-001",
            valid_from=year_ago,
            valid_until=until,
        )
    [gap] = [f for f in check.compute(today()) if f.project_id == project.pk]
    assert "工资保证金" in gap.evidence and "工资专用账户" not in gap.evidence
    perform(
        "requester",
        construction.record_evidence,
        project=project,
        kind="bank_guarantee",
        reference="BG-77",
        valid_from=year_ago,
        valid_until=today() + dt.timedelta(days=90),
    )
    assert [f for f in check.compute(today()) if f.project_id == project.pk] == []
    with pytest.raises(RuleViolation) as refused:
        perform(
            "requester",
            construction.record_evidence,
            project=project,
            kind="payroll_on_behalf",
            reference="代发",
            valid_from=today(),
        )
    assert refused.value.field == "month"


def _payroll(project, month, amount):
    data = {"kind": "payroll_on_behalf", "reference": f"总包代发-{amount}", "valid_from": month, "month": month}
    return perform("requester", construction.record_evidence, project=project, amount=amount, **data)


def test_cst3_cst4_payroll_on_behalf_covers_the_wage_table_wages_reach_own_accounts_and_site_workers(demo):
    """CST-3: the month's payroll-on-behalf total below its wage lines is flagged until covered. CST-4: a wage line
    not to the worker's own account is flagged; a worker with site access that month but no wage line is flagged,
    and each disappears when fixed (a corrected proof)."""
    month = last_month(1)
    contract = contract_in_force(start=month - dt.timedelta(days=31))
    project = _owner(contract.project)
    paid, leader_paid, missing = (on_site(contract, entered=month, planned_start=month) for _ in range(3))
    grant = granted(missing, kind="area", resource="3号楼施工现场")
    assert grant.status == "approved"
    lines = [
        proofs.LineData(
            worker_id=w.pk,
            wage_paid=True,
            social_insurance=True,
            housing_fund=True,
            tax_filed=True,
            wage_amount=Decimal("7000.00"),
            own_account=w is paid,
        )
        for w in (paid, leader_paid)
    ]
    proof = proofs.submit_proof(actor=user("vendor1"), project=project, month=month, lines=lines)
    keys = lambda check: {f.key for f in indicator(check).compute(today()) if f.project_id == project.pk}  # noqa: E731
    assert keys("construction_wage_not_own_account") == {f"proof-line:{proof.lines.get(worker=leader_paid).pk}"}
    assert keys("construction_worker_without_wage") == {f"worker:{missing.pk}:{month:%Y-%m}"}
    assert keys("construction_payroll_short") == {f"project:{project.pk}:{month:%Y-%m}"}
    _payroll(project, month, "13999.99")
    assert keys("construction_payroll_short") == {f"project:{project.pk}:{month:%Y-%m}"}
    _payroll(project, month, "0.01")
    assert keys("construction_payroll_short") == set()
    proof.lines.filter(worker=leader_paid).update(own_account=True)
    proof.lines.create(
        worker=missing,
        wage_paid=True,
        wage_amount=Decimal("7000.00"),
        own_account=True,
        social_insurance=True,
        housing_fund=True,
        tax_filed=True,
    )
    assert keys("construction_wage_not_own_account") == set() and keys("construction_worker_without_wage") == set()


def test_cst2_cst3_construction_page_forms_and_project_section(demo, client_for):
    """CST-2..CST-4 pages: the project's section names the role; the construction page shows the terms' blockers and
    the flags; the role, terms and evidence forms write through the services; a vendor user is refused."""
    contract = contract_in_force()
    project = contract.project
    owner = client_for("requester")
    assert owner.post(f"/settlements/construction/{project.pk}/role/", {"company_role": "owner"}).status_code == 302
    page = owner.get(project.get_absolute_url()).content.decode()
    assert 'id="construction"' in page and "建设单位" in page
    body = owner.get(f"/settlements/construction/{project.pk}/").content.decode()
    assert 'data-code="labour_cost_missing"' in body and 'id="construction-flags"' in body
    terms = {
        "labour_cost_amount": "90000.00",
        "transfer_cycle": "monthly",
        "transfer_day": "10",
        "payment_guarantee": "银行保函 BG-1",
    }
    assert owner.post(f"/settlements/construction/contract/{contract.pk}/terms/", terms).status_code == 302
    assert owner.post(f"/settlements/construction/contract/{contract.pk}/schedule/").status_code == 302
    assert LabourCostTransfer.objects.filter(contract=contract).exists()
    evidence = {"kind": "wage_account", "reference": "6222-0001", "valid_from": today().isoformat()}
    assert owner.post(f"/settlements/construction/{project.pk}/evidence/", evidence).status_code == 302
    assert (
        'data-code="labour_cost_missing"' not in owner.get(f"/settlements/construction/{project.pk}/").content.decode()
    )
    assert client_for("vendor1").get(f"/settlements/construction/{project.pk}/").status_code == 403
    transfer = LabourCostTransfer.objects.filter(contract=contract).first()
    assert client_for("requester").get(f"/settlements/construction/transfer/{transfer.pk}/").status_code == 403
    assert client_for("finance").get(f"/settlements/construction/transfer/{transfer.pk}/").status_code == 200
