"""WRK-6 (issue 15, loophole 7): the social-insurance list compared with the roster through the keyed hash, the
wage amount and own-account payment on each line, lines changed in place, bad workbooks refused with a code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from outsourcing.attachments.models import Attachment
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.workforce import proofs, selectors
from outsourcing.workforce.insurance_list import upload_insurance_list
from outsourcing.workforce.models import InsuranceList, InsuranceListEntry, ProofLine
from tests.workforce.factories import (
    clear_id,
    contract_in_force,
    id_number,
    insurance_list,
    insurance_xlsx,
    on_site,
    upload,
    user,
    years_ago,
)

pytestmark = pytest.mark.django_db


def _month():
    return selectors.months_back(proofs.first_of_month(today()), 1)


def _lines(workers, **overrides):
    values = {"wage_paid": True, "social_insurance": True, "housing_fund": True, "tax_filed": True,
              "wage_amount": Decimal("6800.00"), "own_account": True, **overrides}  # fmt: skip
    return [proofs.LineData(worker_id=w.pk, **values) for w in workers]


@pytest.fixture
def crew(demo):
    """Three workers on site since the month before last, and one who entered on last month's 20th (a new
    joiner, still inside the registration period at the month's end)."""
    month = _month()
    contract = contract_in_force(start=month - dt.timedelta(days=60))
    earlier = month - dt.timedelta(days=35)
    workers = [on_site(contract, entered=earlier, planned_start=earlier) for _ in range(3)]
    joiner_day = month.replace(day=20)
    joiner = on_site(contract, entered=joiner_day, planned_start=joiner_day)
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=month,
                                lines=_lines([*workers, joiner]))  # fmt: skip
    for kind in proofs.REQUIRED_FILES:
        upload(kind, "vendor1", proof)
    return contract, workers, joiner, proof


def test_wrk6_the_list_names_a_roster_worker_missing_and_a_listed_person_not_on_the_roster(crew):
    """WRK-6: a worker on the roster missing from the office's list is a gap that blocks HR's acceptance; a
    person on the list but not on the roster is named; a new joiner within 30 days of the month's end is not
    a gap (社会保险法 art. 58). Nothing of the upload is kept in clear."""
    contract, workers, joiner, proof = crew
    stranger = id_number(years_ago(30))
    upload_insurance_list(actor=user("vendor1"), proof=proof,
                          upload=insurance_xlsx([clear_id(workers[0]), clear_id(workers[1]), stranger]))  # fmt: skip
    differences = {(d.kind, d.badge_number or d.id_masked) for d in proofs.insurance_differences(proof)}
    assert differences == {("not_listed", workers[2].badge_number), ("registration_pending", joiner.badge_number),
                           ("not_on_roster", stranger[:4] + "*" * 10 + stranger[-4:])}  # fmt: skip
    gaps, missing = proofs.proof_gaps(proof)
    assert [g.badge_number for g in gaps] == [workers[2].badge_number] and missing == []
    with pytest.raises(RuleViolation, match=workers[2].badge_number):
        proofs.check_proof(actor=user("hr"), proof=proof, accept=True)
    # Kept: hashes and masks only, never a clear number (nor the workbook).
    kept = list(InsuranceListEntry.objects.values_list("id_hash", "id_masked"))
    assert len(kept) == 3 and all(clear_id(w) not in str(kept) for w in workers) and stranger not in str(kept)
    assert not Attachment.objects.filter(original_name__endswith=".xlsx").exists()  # the workbook is not stored
    assert InsuranceList.objects.get().rows_read == 3
    # The corrected list clears the gap.
    insurance_list(proof, [*workers, joiner])
    assert proofs.proof_gaps(proof) == ([], [])
    proofs.check_proof(actor=user("hr"), proof=proof, accept=True)


@override_settings(SOCIAL_INSURANCE_REGISTRATION_DAYS=5)
def test_wrk6_the_registration_period_is_configurable_data(crew):
    """WRK-6: the 30 days of 社会保险法 art. 58 are a setting: with 5 days, the joiner of the 20th is a gap."""
    contract, workers, joiner, proof = crew
    insurance_list(proof, workers)
    gaps, _missing = proofs.proof_gaps(proof)
    assert [g.badge_number for g in gaps] == [joiner.badge_number]


def test_wrk6_without_the_list_the_month_is_incomplete(crew):
    """WRK-6: the list is part of the proofs: without it the month cannot be accepted."""
    contract, workers, joiner, proof = crew
    gaps, missing = proofs.proof_gaps(proof)
    assert gaps == [] and len(missing) == 1
    with pytest.raises(RuleViolation):
        proofs.check_proof(actor=user("hr"), proof=proof, accept=True)


def test_wrk6_wage_amount_and_own_account_are_recorded_and_lines_change_in_place(crew):
    """WRK-6: each line records the wage paid and whether it went to the worker's own account; a wage ticked
    without an amount is refused (wage_amount); sending again changes the lines (same rows, history kept)
    instead of deleting and recreating them; a wage not paid to the worker's own account is a gap."""
    contract, workers, joiner, proof = crew
    insurance_list(proof, [*workers, joiner])
    before = dict(ProofLine.objects.values_list("worker_id", "pk"))
    with pytest.raises(RuleViolation) as refused:
        proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(),
                            lines=_lines([*workers, joiner], wage_amount=None))  # fmt: skip
    assert refused.value.code == "wage_amount"
    changed = _lines([*workers, joiner])
    changed[0] = proofs.LineData(worker_id=workers[0].pk, wage_paid=True, social_insurance=True, housing_fund=True,
                                 tax_filed=True, wage_amount=Decimal("7100.50"), own_account=False)  # fmt: skip
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=changed)
    assert dict(ProofLine.objects.values_list("worker_id", "pk")) == before  # the same rows
    line = ProofLine.objects.get(worker=workers[0])
    assert line.wage_amount == Decimal("7100.50") and line.own_account is False
    assert LogEntry.objects.get_for_object(line).filter(action=LogEntry.Action.UPDATE).exists()
    gaps, _missing = proofs.proof_gaps(proof)
    assert [g.badge_number for g in gaps] == [workers[0].badge_number]
    # A worker taken off the roster loses only its own line.
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=_month(), lines=changed[1:])
    assert set(ProofLine.objects.values_list("pk", flat=True)) == set(before.values()) - {before[workers[0].pk]}


def _bad_files(workers):
    return {
        "not_xlsx": SimpleUploadedFile("list.xlsx", b"not a workbook at all"),
        "missing_column": insurance_xlsx([clear_id(workers[0])], header="手机号"),
        "insurance_list_invalid": insurance_xlsx([clear_id(workers[0]), "110101199003071234"]),
        "file_too_large": insurance_xlsx([clear_id(w) for w in workers]),
        "_empty": insurance_xlsx([]),
    }


def test_wrk6_a_bad_workbook_is_refused_with_its_code_and_changes_nothing(crew):
    """WRK-6: not a workbook, no ID number column, an invalid ID number, too large: each refused with a stable
    code; the list in place stays as it was."""
    contract, workers, joiner, proof = crew
    insurance_list(proof, workers)
    kept = list(InsuranceListEntry.objects.values_list("id_hash", flat=True))
    files = _bad_files(workers)
    for code in ("not_xlsx", "missing_column", "insurance_list_invalid"):
        with pytest.raises(RuleViolation) as refused:
            upload_insurance_list(actor=user("vendor1"), proof=proof, upload=files[code])
        assert refused.value.code == code
    with override_settings(IMPORT_MAX_BYTES=1000), pytest.raises(RuleViolation) as refused:
        upload_insurance_list(actor=user("vendor1"), proof=proof, upload=files["file_too_large"])
    assert refused.value.code == "file_too_large"
    with pytest.raises(RuleViolation) as refused:
        upload_insurance_list(actor=user("vendor1"), proof=proof, upload=files["_empty"])
    assert refused.value.code == "insurance_list_invalid"
    assert list(InsuranceListEntry.objects.values_list("id_hash", flat=True)) == kept
    for username in ("vendor2", "hr"):
        with pytest.raises(RuleViolation):
            upload_insurance_list(actor=user(username), proof=proof, upload=insurance_xlsx([clear_id(workers[0])]))


def _codes(form):
    return [error.code for errors in form.errors.as_data().values() for error in errors]


def test_wrk6_page_and_api_show_the_differences_and_refuse_the_same_code(crew, client_for, api_for):
    """WRK-6: the vendor uploads the list on the proof page and through the API; both show the differences and
    answer a bad file with the same code; the roster form takes the wage amount and own-account tick."""
    contract, workers, joiner, proof = crew
    vendor = client_for("vendor1")
    page = vendor.post(f"/workers/proofs/{proof.pk}/insurance-list/",
                       {"file": insurance_xlsx([clear_id(w) for w in workers[:2]])})  # fmt: skip
    assert page.status_code == 302
    shown = vendor.get(proof.get_absolute_url()).content.decode()
    assert (
        'id="insurance-differences"' in shown and workers[2].badge_number in shown and "difference-not_listed" in shown
    )
    assert clear_id(workers[0]) not in shown
    bad = vendor.post(f"/workers/proofs/{proof.pk}/insurance-list/", {"file": insurance_xlsx(["123"])})
    assert bad.status_code == 200 and _codes(bad.context["list_form"]) == ["insurance_list_invalid"]
    api = api_for("vendor1")
    refused = api.post(f"/api/workers/monthly-proofs/{proof.pk}/insurance-list/",
                       {"file": insurance_xlsx(["123"])}, format="multipart")  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "insurance_list_invalid"
    everyone = insurance_xlsx([clear_id(w) for w in [*workers, joiner]])
    sent = api.post(f"/api/workers/monthly-proofs/{proof.pk}/insurance-list/", {"file": everyone}, format="multipart")
    assert sent.status_code == 200 and sent.json()["insurance_list_uploaded"] is True
    assert sent.json()["insurance_differences"] == [] and sent.json()["gaps"] == []
    other = api_for("vendor2").post(f"/api/workers/monthly-proofs/{proof.pk}/insurance-list/",
                                    {"file": insurance_xlsx([clear_id(workers[0])])}, format="multipart")  # fmt: skip
    assert other.status_code in (403, 404)
    # The roster page: amount and own-account per worker; a non-amount is refused with its code.
    form = {"project": contract.project_id, "month": f"{_month():%Y-%m}"}
    for w in [*workers, joiner]:
        form.update({f"w{w.pk}-listed": "on", f"w{w.pk}-wage_paid": "on", f"w{w.pk}-own_account": "on",
                     f"w{w.pk}-social_insurance": "on", f"w{w.pk}-housing_fund": "on", f"w{w.pk}-tax_filed": "on",
                     f"w{w.pk}-wage_amount": "6900"})  # fmt: skip
    wrong = vendor.post("/workers/proofs/send/", {**form, f"w{workers[0].pk}-wage_amount": "六千"})
    assert wrong.status_code == 200 and _codes(wrong.context["start"]) == ["wage_amount"]
    assert vendor.post("/workers/proofs/send/", form).status_code == 302
    assert set(ProofLine.objects.values_list("wage_amount", flat=True)) == {Decimal("6900.00")}


def test_wrk6_a_corrected_list_sends_a_returned_month_back_to_hr(crew):
    """WRK-6: after HR returned the month for a worker missing from the list, the vendor's corrected list puts
    the month back in HR's queue with the gap gone; an accepted month takes no list."""
    contract, workers, joiner, proof = crew
    insurance_list(proof, workers[:2])
    proofs.check_proof(actor=user("hr"), proof=proof, accept=False, note="")
    proof.refresh_from_db()
    assert proof.status == "gaps"
    insurance_list(proof, [*workers, joiner])
    proof.refresh_from_db()
    assert proof.status == "submitted" and proof.checked_by is None and proofs.proof_gaps(proof) == ([], [])
    proofs.check_proof(actor=user("hr"), proof=proof, accept=True)
    with pytest.raises(RuleViolation):
        insurance_list(proof, workers)
