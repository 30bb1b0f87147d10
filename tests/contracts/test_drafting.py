"""CON-1 drafting from an award and an approved template; CON-2 the ten core clauses; SET-1 pricing models;
CON-9 premises safety and a subject that is a service, never people (RSK-3 for headcount × hours)."""

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts import drafting
from outsourcing.contracts.models import Contract, ContractStatus, CoreClause
from outsourcing.core.errors import RuleViolation
from outsourcing.vendors import qualification
from outsourcing.vendors.models import LicenceType
from tests.contracts.factories import ALL_CLAUSES, approved_award, contract_data, draft, template, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(demo):
    return approved_award()[0]


def test_a_contract_is_drafted_from_an_approved_award_for_its_winner(award):
    """CON-1: the project, the award and the vendor come from the award."""
    contract = drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data())
    assert contract.number.startswith("CON-") and contract.status == ContractStatus.DRAFT
    assert (contract.project, contract.award, contract.vendor) == (award.event.project, award, award.winner.vendor)
    award.status = ApprovalState.IN_APPROVAL
    award.save()
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data())
    assert refused.value.field == "award"


def test_only_a_legal_approved_template(award):
    """CON-1: a template version counts once legal approves it; the administrator's own waits for legal."""
    pending = drafting.save_template(actor=user("admin"), name="简易服务合同", version="v1", is_standard=False,
                                     summary="小额服务")  # fmt: skip
    assert pending.legal_approved_at is None
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(template=pending))
    assert refused.value.field == "template"
    pending = drafting.approve_template(actor=user("legal"), template=pending)
    assert drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(template=pending)).pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": dt.date(2020, 1, 1)}, "end_date"),
        ({"scope": ""}, "scope"),
        ({"amount": Decimal("0")}, "amount"),
        ({"pricing_model": "fixed"}, "period_fee"),
        ({"pricing_model": "unit_price", "unit_price": None}, "unit_price"),
        ({"pricing_model": "milestones"}, "milestones"),
        ({"pricing_model": "headcount_hours"}, "headcount_justification"),
        ({"on_premises": True, "safety_clause": ""}, "safety_clause"),
    ],
)
def test_bad_drafts_are_refused_and_nothing_saved(award, overrides, field):
    """CON-1, SET-1, CON-9, X-8"""
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(**overrides))
    assert refused.value.field == field
    assert not Contract.objects.exists()


def test_milestones_must_add_up_to_the_contract_amount(award):
    """SET-1, X-8"""
    milestones = [
        drafting.MilestoneItem("上线", dt.date(2027, 3, 1), Decimal("500000")),
        drafting.MilestoneItem("验收", dt.date(2027, 9, 1), Decimal("500000")),
    ]
    by_milestones = {"pricing_model": "milestones", "milestones": milestones}
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(**by_milestones))
    assert "¥1,000,000.00" in str(refused.value.message) and "¥1,060,000.00" in str(refused.value.message)
    milestones[1] = drafting.MilestoneItem("验收", dt.date(2027, 9, 1), Decimal("560000"))
    contract = drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(**by_milestones))
    assert contract.milestones.count() == 2


def test_a_missing_core_clause_keeps_the_contract_from_review(award):
    """CON-2: all ten clauses, each located in the text, before co-review and signing."""
    contract = drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data())
    nine = {k: v for k, v in ALL_CLAUSES.items() if k != CoreClause.FORCE_MAJEURE}
    drafting.record_clauses(actor=user("procurement"), contract=contract, references=nine)
    missing = drafting.missing_clauses(contract)
    assert missing == [str(CoreClause.FORCE_MAJEURE.label)]
    with pytest.raises(RuleViolation) as refused:
        drafting.submit_for_review(actor=user("procurement"), contract=contract)
    assert str(CoreClause.FORCE_MAJEURE.label) in str(refused.value.message)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


@pytest.mark.parametrize(
    "overrides",
    [{"subject": "headcount"}, {"subject": "named_posts"}, {"company_may_reject_workers": True}],
)
def test_people_as_the_subject_or_a_right_to_reject_workers_cannot_be_approved(award, overrides):
    """CON-9, RSK-3: the contract buys a service and its results, never people (劳务派遣暂行规定 art. 27)."""
    contract = draft(award, **overrides)
    reasons = drafting.signing_blockers(contract)
    assert len(reasons) == 1
    with pytest.raises(RuleViolation):
        drafting.submit_for_review(actor=user("procurement"), contract=contract)


def test_headcount_hours_needs_hr_approval_of_the_justification(award):
    """SET-1, RSK-3: allowed only with an HR-approved justification; editing it needs approval again."""
    contract = draft(award, pricing_model="headcount_hours", headcount_justification="试运行期无法预估服务量")
    assert any("人力资源部" in r or "HR" in r for r in drafting.signing_blockers(contract))
    with pytest.raises(RuleViolation):
        drafting.approve_headcount_justification(actor=user("finance"), contract=contract)
    drafting.approve_headcount_justification(actor=user("hr"), contract=contract)
    contract.refresh_from_db()
    assert drafting.signing_blockers(contract) == []
    edited = contract_data(pricing_model="headcount_hours", headcount_justification="另一个理由")
    drafting.update_draft(actor=user("procurement"), contract=contract, data=edited)
    contract.refresh_from_db()
    assert contract.justification_approved_at is None


def test_special_work_needs_the_vendors_verified_safety_licence(award):
    """CON-9"""
    contract = draft(award, on_premises=True, safety_clause="安全生产管理协议 第3条", special_work="高处作业、电工作业")
    reasons = drafting.signing_blockers(contract)
    assert len(reasons) == 1 and "高处作业" in reasons[0]
    qualification.add_document(
        actor=user("hr"),
        vendor=contract.vendor,
        licence_type=LicenceType.objects.get(code="safety_production"),
        number="(沪)JZ安许证字〔2025〕0101",
        issuer="上海市住房和城乡建设管理委员会",
        valid_from=dt.date(2025, 1, 1),
        valid_until=contract.end_date + dt.timedelta(days=365),
    )
    assert drafting.signing_blockers(contract) == []


def test_only_drafters_draft(award):
    """CON-1"""
    for username in ("finance", "auditor", "vendor1"):
        with pytest.raises(RuleViolation):
            drafting.draft_from_award(actor=user(username), award=award, data=contract_data())
    assert template().usable


def test_another_departments_project_owner_cannot_draft_on_its_award(award, client):
    """ORG-1 (security finding 1): drafting is scoped to the award's own department as reading is — the
    page does not even show another department's award, the service refuses, nothing is saved."""
    assert award.event.project.department.code != "OPS-LOG"
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("logistics"), award=award, data=contract_data())
    assert refused.value.code == "not_allowed" and refused.value.status == 403
    client.force_login(user("logistics"))
    assert client.get(f"/contracts/new/{award.pk}/").status_code == 404
    assert client.post(f"/contracts/new/{award.pk}/", {"title": "x"}).status_code == 404
    assert award.number not in client.get("/contracts/").content.decode()
    assert not Contract.objects.filter(award=award).exists()
    # The award's own department drafts it.
    assert drafting.draft_from_award(actor=user("requester"), award=award, data=contract_data()).pk


def test_an_award_has_at_most_one_contract(award):
    """ORG-1 (security finding 1): a second contract on one award is refused by the service with its code
    and by the database itself."""
    from django.db import IntegrityError, transaction

    first = drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data())
    with pytest.raises(RuleViolation) as refused:
        drafting.draft_from_award(actor=user("hr"), award=award, data=contract_data())
    assert refused.value.code == "award_has_contract" and first.number in refused.value.message
    second = Contract(number="CON-TEST-0002", title="x", project=first.project, award=award, vendor=first.vendor,
                      start_date=first.start_date, end_date=first.end_date, amount=first.amount)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert Contract.objects.filter(award=award).count() == 1
