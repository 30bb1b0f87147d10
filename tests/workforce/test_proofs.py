"""The vendor's monthly compliance proofs and the settlement check (WRK-6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.models import MonthlyProof, ProofStatus, WorkerFileKind
from tests.workforce.factories import contract_in_force, insurance_list, on_site, upload, user

pytestmark = pytest.mark.django_db


def _month():
    """Last month: a month is accepted once it has ended."""
    return selectors.months_back(proofs.first_of_month(today()), 1)


def _lines(workers, *, without_insurance=()):
    return [proofs.LineData(worker_id=w.pk, wage_paid=True, social_insurance=w not in without_insurance,
                            housing_fund=True, tax_filed=True, wage_amount=Decimal("6800.00"), own_account=True)
            for w in workers]  # fmt: skip


def _files(proof, kinds=proofs.REQUIRED_FILES):
    """The PDF proofs, and the social-insurance list holding the month's active workers."""
    for kind in kinds:
        upload(kind, "vendor1", proof)
    insurance_list(proof, proofs.active_workers(vendor_id=proof.vendor_id, project_id=proof.project_id,
                                                month=proof.month))  # fmt: skip


@pytest.fixture
def crew(demo):
    contract = contract_in_force(start=_month() - dt.timedelta(days=40))
    return contract, [on_site(contract, entered=_month(), planned_start=_month()) for _ in range(3)]


def test_a_worker_without_a_social_insurance_line_is_a_masked_gap_that_blocks_settlement(crew):
    """WRK-6: the roster line without social insurance is listed by badge and masked ID only, HR cannot
    accept the month, and the settlement check reports it."""
    contract, workers = crew
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(),
                                lines=_lines(workers, without_insurance=[workers[1]]))  # fmt: skip
    _files(proof)
    gaps, missing = proofs.proof_gaps(proof)
    assert [g.badge_number for g in gaps] == [workers[1].badge_number] and missing == []
    assert workers[1].id_masked in str(gaps[0]) and workers[1].name not in str(gaps[0])
    with pytest.raises(RuleViolation, match=workers[1].badge_number):
        proofs.check_proof(actor=user("hr"), proof=proof, accept=True)
    blockers = proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month())
    assert len(blockers) == 1 and workers[1].badge_number not in blockers[0]  # one reason: not checked yet
    proofs.check_proof(actor=user("hr"), proof=proof, accept=False, note="补缴社保")
    blockers = proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month())
    assert workers[1].badge_number in blockers[0] and workers[1].id_masked in blockers[0]
    assert user("vendor1").notifications.filter(url=proof.get_absolute_url()).exists()
    again = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    assert again.pk == proof.pk and again.status == ProofStatus.SUBMITTED
    assert again.note == "" and again.checked_by is None  # the earlier check does not read as the current one


def test_missing_workers_and_files_are_gaps_and_a_complete_month_passes(crew):
    """WRK-6: every active worker needs a line and every proof its file; once complete HR accepts and the
    settlement check is clear."""
    contract, workers = crew
    assert proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month())  # nothing sent
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(),
                                lines=_lines(workers[:2]))  # fmt: skip
    _files(proof, kinds=proofs.REQUIRED_FILES[:2])
    gaps, missing = proofs.proof_gaps(proof)
    assert [g.badge_number for g in gaps] == [workers[2].badge_number]
    assert len(missing) == 2
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    _files(proof, kinds=proofs.REQUIRED_FILES[2:])
    assert proofs.proof_gaps(proof) == ([], [])
    proofs.check_proof(actor=user("hr"), proof=proof, accept=True)
    assert proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month()) == []
    with pytest.raises(RuleViolation):
        proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    assert MonthlyProof.objects.get().status == ProofStatus.ACCEPTED


def test_a_month_is_accepted_once_it_has_ended_and_a_later_entry_reopens_the_check(crew):
    """WRK-6: the current month cannot be accepted yet; an entry back-dated into an accepted month blocks the
    settlement again."""
    contract, workers = crew
    this_month = proofs.first_of_month(today())
    current = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=this_month,
                                  lines=_lines(workers))  # fmt: skip
    _files(current)
    with pytest.raises(RuleViolation, match="结束"):
        proofs.check_proof(actor=user("hr"), proof=current, accept=True)
    last = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    _files(last)
    proofs.check_proof(actor=user("hr"), proof=last, accept=True)
    assert proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month()) == []
    late = on_site(contract, entered=_month() + dt.timedelta(days=3), planned_start=_month())
    blockers = proofs.settlement_blockers(vendor=contract.vendor, project=contract.project, month=_month())
    assert late.badge_number in blockers[0]


def test_a_worker_who_left_before_the_month_is_not_expected(crew):
    """WRK-6: the roster is of the month's active workers: someone exited before it is neither due nor allowed."""
    contract, workers = crew
    worker_entry.record_exit(actor=user("vendor1"), worker=workers[2], exited_on=_month())  # left last month
    this_month = proofs.first_of_month(today())
    active = list(proofs.active_workers(vendor_id=contract.vendor_id, project_id=contract.project_id, month=this_month))
    assert workers[2] not in active and workers[0] in active  # not due
    with pytest.raises(RuleViolation, match="不在该项目"):  # not allowed on this month's roster
        proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=this_month, lines=_lines(workers))
    assert not MonthlyProof.objects.exists()
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=this_month,
                                lines=_lines(workers[:2]))  # fmt: skip
    assert sorted(proof.lines.values_list("worker_id", flat=True)) == sorted(w.pk for w in workers[:2])


def test_hr_sees_which_months_were_not_sent(crew, client_for):
    """WRK-6: a vendor and project with workers on site in the month and no proofs is listed for HR."""
    contract, workers = crew
    missing = selectors.proofs_not_sent(user("hr"), month=_month())
    assert [(row["vendor_id"], row["project_id"], row["workers"]) for row in missing] == [
        (contract.vendor_id, contract.project_id, 3)]  # fmt: skip
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    assert selectors.proofs_not_sent(user("hr"), month=_month()) == []
    assert selectors.proofs_not_sent(user("vendor2"), month=_month()) == []


def test_proofs_are_the_vendors_own_and_checked_by_hr(crew):
    """WRK-6: another vendor cannot send this vendor's roster, a future month is refused, only HR checks."""
    contract, workers = crew
    contract_in_force("vendor2")
    with pytest.raises(RuleViolation):
        proofs.submit_proof(actor=user("vendor2"), project=contract.project, month=_month(), lines=_lines(workers))
    with pytest.raises(RuleViolation):
        next_month = today().replace(day=1) + dt.timedelta(days=40)
        proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=next_month, lines=_lines(workers))
    with pytest.raises(RuleViolation):
        proofs.submit_proof(actor=user("hr"), project=contract.project, month=_month(), lines=_lines(workers))
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=_lines(workers))
    _files(proof)
    for username in ("vendor1", "requester", "finance"):
        with pytest.raises(RuleViolation):
            proofs.check_proof(actor=user(username), proof=proof, accept=False, note="x")
    with pytest.raises(RuleViolation):
        proofs.check_proof(actor=user("hr"), proof=proof, accept=False, note="")  # no computed gap: say why
    assert WorkerFileKind.TAX_FILING in proofs.REQUIRED_FILES
