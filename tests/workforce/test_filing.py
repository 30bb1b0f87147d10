"""Filing, ID checks, entry and requests to the vendor (WRK-1, WRK-3, WRK-4, WRK-9, WRK-10, CST-1, OPS-2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.urls import get_resolver

from outsourcing.contracts.models import ConfidentialityAgreement
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import filing
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.models import Worker, WorkerFileKind, WorkerRequest, WorkerStatus
from tests.workforce.factories import (
    approved,
    contract_in_force,
    filed,
    id_number,
    upload,
    user,
    worker_data,
    years_ago,
)

pytestmark = pytest.mark.django_db


def test_entry_needs_labor_contract_and_social_insurance_proof(demo):
    """WRK-1: HR cannot approve the entry until both proofs are attached; then it can."""
    contract = contract_in_force()
    worker = filed(contract, proofs=False)
    upload(WorkerFileKind.WORKER_CONSENT, "vendor1", worker)  # the consent file: tests/workforce/test_gates.py
    codes = [r.code for r in worker_entry.entry_blockers(worker)]
    assert codes == ["no_labour_contract", "no_social_insurance_proof"]  # each paper its own code (#13 item 2)
    with pytest.raises(RuleViolation, match="劳动合同") as refused:
        worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    assert refused.value.code == "no_labour_contract"
    upload(WorkerFileKind.LABOR_CONTRACT, "vendor1", worker)
    with pytest.raises(RuleViolation, match="社保") as refused:
        worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    assert refused.value.code == "no_social_insurance_proof"
    upload(WorkerFileKind.SOCIAL_INSURANCE_PROOF, "vendor1", worker)
    assert worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True).status == WorkerStatus.APPROVED


def test_entry_needs_the_vendors_confidentiality_agreement_in_force(demo):
    """WRK-1, CON-4: without the vendor's agreement in force no worker is approved."""
    contract = contract_in_force(nda=False)
    worker = filed(contract)
    with pytest.raises(RuleViolation, match="保密"):
        worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    assert Worker.objects.get(pk=worker.pk).status == WorkerStatus.FILED
    ConfidentialityAgreement.objects.create(number="NDA-T-1", vendor=contract.vendor, signed_on=today(),
                                            valid_from=today(), scope="保密")  # fmt: skip
    assert worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True).status == WorkerStatus.APPROVED


def test_only_hr_decides_and_a_refusal_needs_a_ground(demo):
    """WRK-1, OPS-2 (loophole 2): the vendor and the business cannot approve their own filing; HR refuses on a
    documented ground."""
    worker = filed(contract_in_force())
    for username in ("vendor1", "requester", "depthead"):
        with pytest.raises(RuleViolation) as refused:
            worker_entry.decide_entry(actor=user(username), worker=worker, approve=True)
        assert refused.value.status == 403
    with pytest.raises(RuleViolation) as missing:
        worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=False, note="社保证明缴费月份不符")
    assert missing.value.code == "refusal_ground"
    refused = worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=False, ground="social_insurance",
                                  note="社保证明缴费月份不符")  # fmt: skip
    assert refused.status == WorkerStatus.REJECTED and refused.refusal_ground == "social_insurance"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("11010119900307123", "18"),  # one character short
        ("1101011990030712X3", "X"),  # a letter inside
        ("110101199003071234", "校验"),  # wrong check character (the right one is 3)
        ("110101199002301236", "出生日期"),  # 30 February (check character made valid below)
    ],
)
def test_id_number_is_checked(demo, value, reason):
    """WRK-9: 18 characters, the check character of GB 11643, a real birth date; the refusal says why."""
    if reason == "出生日期":
        from outsourcing.workforce.idnumber import with_check_character

        value = with_check_character(value[:17])
    contract = contract_in_force()
    with pytest.raises(RuleViolation) as refused:
        filing.file_worker(actor=user("vendor1"), data=worker_data(contract, id_number=value))
    assert refused.value.field == "id_number"
    assert reason in str(refused.value.message)
    assert value not in str(refused.value.message)  # the message masks the number it refuses
    assert not Worker.objects.exists()


def test_nobody_under_16_is_filed_and_16_to_17_needs_hrs_confirmation(demo):
    """WRK-9: under 16 refused (禁止使用童工); 16–17 is a minor whose entry waits for HR's explicit confirmation."""
    contract = contract_in_force()
    with pytest.raises(RuleViolation, match="16"):
        filing.file_worker(actor=user("vendor1"), data=worker_data(contract, id_number=id_number(years_ago(15, 30))))
    assert not Worker.objects.exists()
    minor = filed(contract, id_number=id_number(years_ago(17)))
    assert minor.is_minor
    with pytest.raises(RuleViolation, match="16"):
        worker_entry.decide_entry(actor=user("hr"), worker=minor, approve=True)
    with pytest.raises(RuleViolation):
        filing.confirm_minor(actor=user("requester"), worker=minor)
    filing.confirm_minor(actor=user("hr"), worker=minor)
    assert worker_entry.decide_entry(actor=user("hr"), worker=minor, approve=True).status == WorkerStatus.APPROVED
    adult = filed(contract, id_number=id_number(years_ago(18, 1)))
    assert not adult.is_minor


def test_one_person_one_active_filing(demo):
    """WRK-9: the same ID number again (even in lower case or full-width) is refused while the first is active;
    after the exit the person may be filed again."""
    contract = contract_in_force()
    number = id_number(dt.date(1988, 6, 1)).replace("X", "x")
    first = approved(contract, id_number=number)
    other = contract_in_force("vendor2")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
    with pytest.raises(RuleViolation, match=first.badge_number) as refused:
        filing.file_worker(actor=user("vendor1"), data=worker_data(contract, id_number=full_width))
    assert refused.value.status == 409
    with pytest.raises(RuleViolation, match="其他外包商") as refused:  # the other vendor's badge is not named
        filing.file_worker(actor=user("vendor2"), data=worker_data(other, id_number=number))
    assert first.badge_number not in str(refused.value.message)
    worker_entry.record_exit(actor=user("vendor1"), worker=first, exited_on=today())
    again = filed(other, "vendor2", id_number=number)
    assert again.id_hash == first.id_hash and again.badge_number != first.badge_number


def test_dates_and_contract_are_checked(demo):
    """WRK-1: end before start, a period outside the contract, another vendor's contract: refused, nothing saved."""
    contract = contract_in_force()
    cases = [
        ({"planned_end": contract.start_date - dt.timedelta(days=1)}, "planned_end"),
        ({"planned_end": contract.end_date + dt.timedelta(days=1)}, "planned_end"),
        ({"contract": contract_in_force("vendor2")}, "contract"),
        ({"phone": "12"}, "phone"),
        ({"name": " "}, "name"),
        ({"consent_reference": ""}, "consent_reference"),
    ]
    for overrides, field in cases:
        with pytest.raises(RuleViolation) as refused:
            filing.file_worker(actor=user("vendor1"), data=replace(worker_data(contract), **overrides))
        assert refused.value.field == field
    assert not Worker.objects.exists()


def test_company_staff_do_not_file_workers(demo):
    """WRK-1: the vendor files its people; the company does not recruit them (OPS-2)."""
    contract = contract_in_force()
    for username in ("hr", "requester"):
        with pytest.raises(RuleViolation) as refused:
            filing.file_worker(actor=user(username), data=worker_data(contract))
        assert refused.value.status == 403


def test_badge_numbers_come_from_their_own_series(demo):
    """WRK-3: outsourced workers' badge numbers are WB-…, never an employee number."""
    contract = contract_in_force()
    first, second = filed(contract), filed(contract)
    assert first.badge_number.startswith("WB-") and second.badge_number.startswith("WB-")
    assert first.badge_number != second.badge_number


def test_each_record_carries_its_lawful_basis_and_only_the_filing_fields(demo):
    """WRK-10: a lawful basis on every record; nothing beyond the filing list is even a column."""
    worker = filed(contract_in_force())
    assert worker.lawful_basis == "notice_and_consent" and worker.consent_reference
    columns = {f.name for f in Worker._meta.get_fields()}
    for sensitive in ("ethnicity", "nation", "religion", "health", "family", "marital_status", "political_status",
                      "photo", "address", "email"):  # fmt: skip
        assert sensitive not in columns
    with pytest.raises(RuleViolation):
        filing.file_worker(actor=user("vendor1"), data=worker_data(worker.contract, lawful_basis="because"))


def test_entry_record_is_a_briefing_not_company_training(demo):
    """WRK-4: the department records the briefing (safety, confidentiality, workplace), the undertaking and the
    workplace conditions; a training topic or a future date is refused."""
    worker = approved(contract_in_force())
    kwargs = {"briefing_on": today(), "undertaking_signed_on": today(), "workplace_conditions": "工位与网络"}
    with pytest.raises(RuleViolation, match="培训|train"):
        worker_entry.record_entry(actor=user("requester"), worker=worker, topics=["onboarding_training"], **kwargs)
    with pytest.raises(RuleViolation):
        worker_entry.record_entry(actor=user("requester"), worker=worker, topics=["safety"],
                            **{**kwargs, "briefing_on": today() + dt.timedelta(days=1)})  # fmt: skip
    with pytest.raises(RuleViolation) as refused:
        worker_entry.record_entry(actor=user("vendor2"), worker=worker, topics=["safety"], **kwargs)
    assert refused.value.status == 403
    record = worker_entry.record_entry(actor=user("requester"), worker=worker, topics=["safety", "confidentiality"],
                                       **kwargs)
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.ON_SITE and worker.entered_on == today()
    assert record.topics == ["confidentiality", "safety"]


def test_construction_work_needs_real_name_registration(demo):
    """CST-1: on a construction project no entry without real-name registration."""
    from outsourcing.sourcing.models import SourcingEvent
    from outsourcing.vendors.models import ServiceCategory
    from tests.contracts.factories import approved_award

    award, _vendors = approved_award()
    SourcingEvent.objects.filter(pk=award.event_id).update(
        category=ServiceCategory.objects.get(code="construction_labour")
    )
    contract = contract_in_force(vendor=award.winner.vendor)
    contract.award = award
    contract.save()
    worker = filed(contract)
    assert filing.is_construction(worker.contract)
    with pytest.raises(RuleViolation, match="实名"):
        worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    with pytest.raises(RuleViolation):
        worker_entry.register_realname(actor=user("hr"), worker=worker, reference=" ")
    worker_entry.register_realname(actor=user("hr"), worker=worker, reference="SH-RMZ-2026-000812")
    assert worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True).status == WorkerStatus.APPROVED


def test_an_issue_about_a_worker_is_a_request_to_the_vendors_site_manager(demo):
    """OPS-2: the company raises a recorded request; the vendor's manager answers; nobody else answers."""
    worker = approved(contract_in_force())
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="交接记录不完整",
                                   description="请现场经理安排改进")  # fmt: skip
    assert user("vendor1").notifications.filter(url__contains=f"/workers/{worker.pk}/").exists()
    contract_in_force("vendor2")
    for username in ("vendor2", "requester"):
        with pytest.raises(RuleViolation):
            worker_requests.answer_request(actor=user(username), request=request, response="已处理")
    worker_requests.answer_request(actor=user("vendor1"), request=request, response="已安排复训")
    assert WorkerRequest.objects.get(pk=request.pk).vendor_response == "已安排复训"


def test_there_is_no_attendance_leave_pay_or_discipline_for_a_worker(demo):
    """OPS-2: no page, endpoint or column manages an individual outsourced worker's time, leave, pay or
    discipline (不直接考勤、休假、定薪发薪、处分)."""
    forbidden = ("attendance", "leave", "timesheet", "clock", "salary", "payroll", "wage_rate", "discipline",
                 "penalty", "overtime", "shift")  # fmt: skip
    routes = [str(p.pattern) for p in get_resolver().url_patterns]
    from outsourcing.workforce.api_urls import router

    workforce = [str(p.pattern) for p in get_resolver("outsourcing.workforce.urls").url_patterns]
    api = [str(p.pattern) for p in router.urls]
    assert any("access-grants" in route for route in api) and any("proofs" in route for route in workforce)
    columns = {f.name for f in Worker._meta.get_fields()}
    for word in forbidden:
        assert not any(word in route for route in routes + workforce + api), word
        assert not any(word in column for column in columns), word


def test_the_entry_day_is_checked_again_for_age_and_the_contract(demo):
    """WRK-9, WRK-4: an entry earlier than the planned start is refused for someone under 18 on that day; a
    filing whose contract has ended or whose period has passed is not approved."""
    contract = contract_in_force(start=today() - dt.timedelta(days=30))
    turns_18_on = today() + dt.timedelta(days=20)  # 17 today, 18 on the planned start 45 days on
    birth = turns_18_on.replace(year=turns_18_on.year - 18, day=min(turns_18_on.day, 28))
    worker = filed(contract, id_number=id_number(birth), planned_start=today() + dt.timedelta(days=45))
    assert not worker.is_minor  # an adult on the planned start: no minor's confirmation is asked
    worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    with pytest.raises(RuleViolation, match="18"):
        worker_entry.record_entry(actor=user("requester"), worker=worker, briefing_on=today(), topics=["safety"],
                            undertaking_signed_on=today(), workplace_conditions="工位")  # fmt: skip
    other = filed(contract)
    contract.status = "closed"
    contract.save()
    assert any("合同" in reason for reason in worker_entry.entry_blockers(other))
    with pytest.raises(RuleViolation):
        worker_entry.decide_entry(actor=user("hr"), worker=other, approve=True)


def test_a_request_is_answered_once_and_a_minor_is_confirmed_only_while_filed(demo):
    """OPS-2, WRK-9: the vendor's answer stays as given; HR's confirmation belongs to the filing stage."""
    contract = contract_in_force()
    worker = approved(contract)
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="交接",
                                            description="请改进")
    worker_requests.answer_request(actor=user("vendor1"), request=request, response="已安排")
    with pytest.raises(RuleViolation):
        worker_requests.answer_request(actor=user("vendor1"), request=request, response="改口")
    assert WorkerRequest.objects.get(pk=request.pk).vendor_response == "已安排"
    minor = filed(contract, id_number=id_number(years_ago(17)))
    worker_entry.decide_entry(actor=user("hr"), worker=minor, approve=False, ground="age",
                              note="未成年工不适合夜班岗位")
    with pytest.raises(RuleViolation):
        filing.confirm_minor(actor=user("hr"), worker=minor)
