"""The daily risk indicators (RSK-2): each contributed by the app that owns the data through the kernel's registry,
run by the compliance app's daily job, kept as findings with their evidence and links, idempotent the same day,
cleared by themselves once fixed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.compliance import daily
from outsourcing.compliance.models import FindingStatus, IndicatorFinding, IndicatorRun
from outsourcing.contracts import signing
from outsourcing.core.indicators import indicator, indicators
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import access
from outsourcing.workforce import entry as worker_entry
from tests.vendors.factories import add_licence, prospect
from tests.workforce.factories import contract_in_force, granted, on_site, user

pytestmark = pytest.mark.django_db


def _open(code: str):
    return IndicatorFinding.objects.filter(indicator=code, status=FindingStatus.OPEN)


def _snapshot():
    return (list(IndicatorFinding.objects.order_by("pk").values()), list(IndicatorRun.objects.order_by("pk").values()))


def test_every_indicator_is_registered_by_the_app_owning_its_data():
    """RSK-2: the lifecycle apps contribute their checks to the kernel's registry; compliance registers only the
    checks on its own records (critical services, the knowledge inventory: RSK-2, RSK-5, RSK-6)."""
    owners = {entry.code: entry.owner_app for entry in indicators()}
    assert owners == {"vendor_document_expired": "vendors", "contract_expiring_undecided": "contracts",
                      "worker_without_confidentiality": "workforce", "access_after_exit": "workforce",
                      "proofs_missing": "workforce", "consecutive_poor_performance": "performance",
                      "settlement_paid_without_proofs": "settlements", "budget_over_threshold": "settlements",
                      "construction_transfer_late": "settlements", "construction_evidence_gap": "settlements",
                      "construction_payroll_short": "settlements", "construction_wage_not_own_account": "settlements",
                      "construction_worker_without_wage": "settlements",
                      "vendor_concentration": "compliance",
                      "critical_service_without_plan": "compliance",
                      "knowledge_not_handed_over": "compliance"}  # fmt: skip


def test_rsk2_expired_vendor_document_opens_a_finding_once_and_clears_when_renewed(demo):
    """RSK-2: an expired licence is found with its evidence and links; a second run the same day changes nothing;
    a verified renewal clears it the next day."""
    vendor = prospect(name="过期证照外包公司")
    document = add_licence(vendor, valid_until=today() - dt.timedelta(days=3))
    run_daily_jobs(today=today())
    finding = _open("vendor_document_expired").get(key=f"document:{document.pk}")
    assert document.number in finding.evidence and finding.vendor_id == vendor.pk
    assert finding.url == document.get_absolute_url() and finding.fix_url.startswith(vendor.get_absolute_url())
    before, notices = _snapshot(), Notification.objects.count()
    run_daily_jobs(today=today())
    assert _snapshot() == before and Notification.objects.count() == notices
    add_licence(vendor, valid_from=today() - dt.timedelta(days=1), valid_until=today() + dt.timedelta(days=700))
    daily.run_all(today() + dt.timedelta(days=1))
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLEARED and finding.cleared_on == today() + dt.timedelta(days=1)


def test_rsk2_worker_on_site_without_a_confidentiality_agreement(demo):
    """RSK-2: a worker still on site after the vendor's confidentiality agreement ended is found; a new agreement
    clears it."""
    contract = contract_in_force(months=1)
    worker = on_site(contract)
    daily.run_all(today())
    assert not _open("worker_without_confidentiality").exists()
    after = contract.end_date + dt.timedelta(days=1)
    daily.run_all(after)
    finding = _open("worker_without_confidentiality").get(key=f"worker:{worker.pk}")
    assert contract.vendor.name in finding.evidence
    assert finding.url == worker.get_absolute_url() and finding.project_id == contract.project_id
    signing.record_confidentiality_agreement(actor=user("legal"), vendor=contract.vendor, contract=contract,
                                             signed_on=today(), valid_from=today(), valid_until=after.replace(
                                                 year=after.year + 1), scope="商业秘密")  # fmt: skip
    daily.run_all(after)
    assert not _open("worker_without_confidentiality").filter(key=f"worker:{worker.pk}").exists()


def test_rsk2_access_not_revoked_after_exit(demo):
    """RSK-2: a grant still open the day after the worker's exit is found; revoking it clears the finding."""
    worker = on_site(contract_in_force(), entered=today() - dt.timedelta(days=5))
    grant = granted(worker)
    exit_day = today()
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=exit_day)
    daily.run_all(today())
    assert not _open("access_after_exit").exists()  # the exit day itself: still time to close it
    daily.run_all(today() + dt.timedelta(days=1))
    finding = _open("access_after_exit").get(key=f"grant:{grant.pk}")
    assert grant.number in finding.evidence and str(exit_day) in finding.evidence
    access.revoke_grant(actor=user("requester"), grant=grant, revoked_on=today())
    daily.run_all(today() + dt.timedelta(days=1))
    assert not _open("access_after_exit").exists()


def test_rsk2_contract_expiring_without_a_decision(demo):
    """RSK-2: a contract in force inside its renewal window without a decision is found, with a link to decide."""
    contract = contract_in_force(months=2)
    daily.run_all(today())
    finding = _open("contract_expiring_undecided").get(key=f"contract:{contract.pk}")
    assert finding.fix_url == contract.get_absolute_url() + "#renewal" and finding.contract_id == contract.pk


def test_rsk2_missing_monthly_proofs_after_the_due_day(demo, settings):
    """RSK-2: last month's proofs not sent once the due day has passed are found per vendor and project."""
    settings.PROOF_DUE_DAY = 1
    first = today().replace(day=1)
    contract = contract_in_force(start=first - dt.timedelta(days=40))
    on_site(contract, entered=first - dt.timedelta(days=20))
    day = first + dt.timedelta(days=1)
    daily.run_all(day)
    finding = _open("proofs_missing").get(project_id=contract.project_id)
    assert f"{(first - dt.timedelta(days=1)):%Y-%m}" in finding.evidence


def test_rsk2_the_job_is_set_based(demo):
    """RSK-2 (scale): each indicator answers in a few queries whatever the number of records it finds."""
    contract = contract_in_force(months=1)
    for _n in range(3):
        on_site(contract)
    entry, day = indicator("worker_without_confidentiality"), contract.end_date + dt.timedelta(days=1)
    with CaptureQueriesContext(connection) as queries:
        found = list(entry.compute(day))
    assert len(found) == 3 and len(queries) == 1
    daily.run_all(day)
    with CaptureQueriesContext(connection) as queries:
        daily.run_one(entry, day)
    assert len(queries) <= 8  # compute, the open findings, the run; nothing per finding
