"""The disguised-dispatch score per project (RSK-3, CST-5): each sign registered by the app owning its data, found
through the real services with its evidence and link, gone when fixed; the score sums the weights once per sign,
its level change is told to HR once; the project, contract and vendor pages and the API show it."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import scores
from outsourcing.compliance.models import DispatchLevel, DispatchScore, FindingStatus, IndicatorFinding
from outsourcing.contracts.models import Contract
from outsourcing.core import indicators as registry
from outsourcing.core.indicators import Finding
from outsourcing.core.timeutil import today
from outsourcing.demands.models import Demand, Project
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import requests as worker_requests
from tests.operations.factories import instruct
from tests.vendors.factories import add_licence
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _run(day=None):
    day = day or today()
    scores.run_signs(day)
    return scores.rescore(day)


def _signs(project_id: int, code: str):
    return IndicatorFinding.objects.filter(project_id=project_id, indicator=f"dispatch:{code}",
                                           status=FindingStatus.OPEN)  # fmt: skip


def test_rsk3_headcount_pricing_is_a_sign_until_the_pricing_changes(demo):
    """RSK-3: a live contract priced by headcount × hours; gone once priced by the result."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours")
    _run()
    found = _signs(contract.project_id, "headcount_pricing").get()
    assert found.url == contract.get_absolute_url() and "headcount" in found.evidence.lower() or "人" in found.evidence
    Contract.objects.filter(pk=contract.pk).update(pricing_model="unit_price")
    _run()
    assert not _signs(contract.project_id, "headcount_pricing").exists()


def test_rsk3_invoice_itemised_as_dispatch(demo):
    """RSK-3: an invoice itemised as 劳务派遣 on an outsourcing contract; gone once the invoice type is right."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(invoice_type="增值税专用发票（劳务派遣服务）")
    _run()
    assert "劳务派遣" in _signs(contract.project_id, "dispatch_invoice").get().evidence
    Contract.objects.filter(pk=contract.pk).update(invoice_type="增值税专用发票（呼叫中心外包服务）")
    _run()
    assert not _signs(contract.project_id, "dispatch_invoice").exists()


def test_rsk3_instruction_sent_despite_the_screen(demo, settings):
    """RSK-3: an instruction the text screen warned about, sent anyway, is a sign linked to the instruction; it
    leaves the score after the look-back window."""
    contract = contract_in_force()
    instruction = instruct(contract, content="请安排王小明明天请假并调休，加班扣款按我们的标准执行。", send_anyway=True)
    _run()
    found = _signs(contract.project_id, "instruction_to_worker").get()
    assert found.url == instruction.get_absolute_url() and "请假" in found.evidence
    _run(today() + dt.timedelta(days=settings.DISPATCH_SIGN_LOOKBACK_DAYS + 1))
    assert not _signs(contract.project_id, "instruction_to_worker").exists()


def test_rsk3_request_dictating_a_named_workers_leave(demo, settings):
    """RSK-3 / OPS-2: a request dictating a named worker's leave, sent despite the warning, links to the worker's
    requests; it leaves the score after the look-back window."""
    contract = contract_in_force()
    worker = on_site(contract)
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="请假安排",
                                   description="王小明下周一必须请假，扣他当月奖金。", send_anyway=True)  # fmt: skip
    _run()
    found = _signs(contract.project_id, "request_dictates_for_worker").get()
    assert found.url == worker.get_absolute_url() + f"#request-{request.pk}" and worker.name in found.evidence
    _run(today() + dt.timedelta(days=settings.DISPATCH_SIGN_LOOKBACK_DAYS + 1))
    assert not _signs(contract.project_id, "request_dictates_for_worker").exists()


def test_rsk3_worker_on_the_same_post_beyond_the_tenure_limit_across_contracts(demo):
    """RSK-3: the same person on the same post of the same project for 14 months across a renewal (counted from the
    first entry under the first contract); the exit clears it."""
    start = today() - dt.timedelta(days=30 * 15)
    first = contract_in_force(start=start, months=18)
    entered = start + dt.timedelta(days=10)
    earlier = on_site(first, entered=entered, planned_start=entered, id_number="11010119900307002X")
    worker_entry.record_exit(actor=user("vendor1"), worker=earlier, exited_on=today() - dt.timedelta(days=1))
    renewal = contract_in_force(vendor=first.vendor, start=today() - dt.timedelta(days=1), months=12)
    Contract.objects.filter(pk=renewal.pk).update(project=first.project, renews=first)
    renewal.refresh_from_db()
    worker = on_site(renewal, id_number="11010119900307002X")
    _run()
    found = _signs(first.project_id, "long_tenure").get()
    assert found.url == worker.get_absolute_url() and "2" in found.evidence and worker.post in found.evidence
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    _run()
    assert not _signs(first.project_id, "long_tenure").exists()


def test_rsk3_vendor_lacking_licences(demo):
    """RSK-3: the vendor of a live contract with an expired licence; a renewal clears it."""
    contract = contract_in_force()
    add_licence(contract.vendor, valid_until=today() - dt.timedelta(days=2))
    _run()
    assert "LIC-" in _signs(contract.project_id, "vendor_lacking_proofs").get().evidence
    add_licence(
        contract.vendor, valid_from=today() - dt.timedelta(days=1), valid_until=today() + dt.timedelta(days=700)
    )
    _run()
    assert not _signs(contract.project_id, "vendor_lacking_proofs").exists()


def test_rsk3_demand_self_check_answers(demo):
    """RSK-3 / DEM-3: the demand's self-check answered "our staff direct the work"; a closed project drops it."""
    contract = contract_in_force()
    demand = contract.project.demand
    Demand.objects.filter(pk=demand.pk).update(self_check={**demand.self_check, "direction": "company"})
    _run()
    assert _signs(contract.project_id, "demand_self_check").get().url.startswith(demand.get_absolute_url())
    Project.objects.filter(pk=contract.project_id).update(status="closed")
    _run()
    assert not _signs(contract.project_id, "demand_self_check").exists()


def test_rsk3_score_sums_weights_once_and_a_level_change_notifies_hr_once(demo, settings):
    """RSK-3: three signs → 25 + 20 + 20 = 65, high; HR is told once even when the job runs twice; fixing a sign
    lowers the level and tells HR again."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours", invoice_type="劳务派遣")
    instruct(contract, content="请安排王小明明天请假。", send_anyway=True)
    instruct(contract, content="李四下周加班，扣款照旧。", send_anyway=True)  # the same sign: counted once
    run_daily_jobs(today=today())
    stored = DispatchScore.objects.get(project=contract.project)
    assert (stored.score, stored.level) == (65, DispatchLevel.HIGH)
    told = Notification.objects.filter(recipient__username="hr", url=stored.get_absolute_url())
    assert told.count() == 1
    run_daily_jobs(today=today())
    assert told.count() == 1 and DispatchScore.objects.get(pk=stored.pk).computed_on == today()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="unit_price")
    run_daily_jobs(today=today() + dt.timedelta(days=1))
    stored.refresh_from_db()
    assert (stored.score, stored.level) == (40, DispatchLevel.MEDIUM) and told.count() == 2


def test_cst5_legal_duties_of_a_general_contractor_never_count(demo):
    """CST-5: a sign marked as the general contractor's legal duty (attendance, payroll on behalf) counts on an
    ordinary project and not on a project run in general-contractor mode."""
    ordinary, contractor = contract_in_force(), contract_in_force("vendor2")

    def payroll(day):
        return [Finding(key=f"project:{c.project_id}", subject="代发工资", evidence="公司代发工资记录",
                        project_id=c.project_id) for c in (ordinary, contractor)]  # fmt: skip

    registry.register_sign("payroll_on_behalf", "代发工资", "tests", payroll, weight_setting="DISPATCH_SIGN_WEIGHTS",
                           default_weight=30, legal_duty_in_general_contracting=True)  # fmt: skip
    sources = list(registry._general_contractor_sources)  # the demands app's own source stays registered
    registry.register_general_contractor_projects(lambda: {contractor.project_id})
    try:
        _run()
    finally:
        registry._signs.pop("payroll_on_behalf")
        registry._general_contractor_sources[:] = sources
    assert DispatchScore.objects.get(project=ordinary.project).score == 30
    assert not DispatchScore.objects.filter(project=contractor.project, score__gt=0).exists()


def test_rsk3_score_on_project_contract_vendor_pages_home_and_api(demo, client_for, api_for):
    """RSK-3: the score and level show on the project's, contract's and vendor's pages and HR's home; the API
    answers the signs with their evidence; vendors do not see it."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours", invoice_type="劳务派遣")
    instruction = instruct(contract, content="请安排王小明明天请假。", send_anyway=True)
    run_daily_jobs(today=today())
    hr = client_for("hr")
    for url in (contract.project.get_absolute_url(), contract.get_absolute_url()):
        assert 'id="dispatch-score-section"' in hr.get(url).content.decode()
    assert 'id="dispatch-vendor-section"' in hr.get(contract.vendor.get_absolute_url()).content.decode()
    assert "dispatch-score-section" not in client_for("vendor1").get(contract.get_absolute_url()).content.decode()
    detail = hr.get(f"/compliance/projects/{contract.project_id}/").content.decode()
    assert instruction.get_absolute_url() in detail and "evidence-link" in detail
    assert f"/compliance/projects/{contract.project_id}/" in hr.get("/").content.decode()
    assert hr.get("/compliance/projects/?export=xlsx").status_code == 200
    body = api_for("hr").get(f"/api/projects/{contract.project_id}/dispatch-score/").json()
    assert body["score"] == 65 and body["level"] == "high"
    assert {s["code"] for s in body["signs"]} == {"headcount_pricing", "dispatch_invoice", "instruction_to_worker"}
    assert api_for("vendor1").get(f"/api/projects/{contract.project_id}/dispatch-score/").status_code == 403
