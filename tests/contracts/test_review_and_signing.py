"""CON-3 co-review by legal, HR, finance and the business in parallel with their checklists, revised versions,
approval by authority, signing and seal, archive copies; CON-4 the confidentiality agreement; CON-5 the bond."""

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.contracts import drafting, review, selectors, signing
from outsourcing.contracts.models import ContractStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from tests.contracts.factories import approve_everything, draft, signed, tick_all, user

pytestmark = pytest.mark.django_db


def pending(contract, role):
    return ApprovalTask.objects.get(request__object_id=contract.pk, request__flow__document_type="contract",
                                    role=role, status=TaskStatus.PENDING)  # fmt: skip


def test_co_review_in_parallel_each_with_its_checklist_then_management(demo):
    """CON-3: four reviewers at once; each must tick their own checklist before approving; above the
    matrix threshold (1,000,000) management approves last."""
    contract = draft()
    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    tasks = ApprovalTask.objects.filter(request__object_id=contract.pk, status=TaskStatus.PENDING)
    assert sorted(t.role for t in tasks) == ["finance", "hr", "legal", "requester"]
    with pytest.raises(RuleViolation) as unticked:
        decide(task=pending(contract, "legal"), actor=user("legal"), decision="approve")
    assert unticked.value.code == "checklist_open"
    with pytest.raises(RuleViolation):  # HR cannot tick legal's list
        review.check_items(actor=user("hr"), contract=contract, items=["legality"])
    tick_all(contract)
    roles = approve_everything(contract, "contract")
    assert sorted(roles) == ["finance", "hr", "legal", "management", "requester"] and roles[-1] == "management"
    contract.refresh_from_db()
    assert contract.status == ContractStatus.APPROVED


def test_a_returned_contract_is_revised_as_a_new_version_and_reviewed_again(demo):
    """CON-3: the checklists are ticked again for the new round; the earlier round stays in the timeline."""
    contract = draft()
    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    tick_all(contract)
    decide(task=pending(contract, "finance"), actor=user("finance"), decision="return", comment="请明确发票类型为专票")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.RETURNED and contract.is_editable
    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    contract.refresh_from_db()
    assert contract.version == 2
    assert review.open_items(contract, "legal")  # a new round, new checks
    tick_all(contract)
    approve_everything(contract, "contract")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.APPROVED


def test_signing_and_seal_then_archive_copies_and_the_vendors_confirmation(demo, client_for):
    """CON-3, CON-1: only an approved contract is signed; the four originals are tracked; the vendor confirms."""
    contract = draft()
    with pytest.raises(RuleViolation):
        signing.record_signing(actor=user("legal"), contract=contract, signed_on=today(), company_signatory="孙丽",
                               vendor_signatory="郑国华", seal_record="合同章")  # fmt: skip
    contract = signed(contract)
    assert contract.status == ContractStatus.ACTIVE and contract.seal_record
    for holder in ("archive", "legal", "finance", "business"):
        signing.record_archive_copy(actor=user("legal"), contract=contract, holder=holder, handed_over_on=today(),
                                    received_by="档案室周")  # fmt: skip
    assert contract.archive_copies.count() == 4
    assert client_for("vendor2").post(f"/contracts/{contract.pk}/vendor-signature/").status_code == 404
    assert client_for("vendor1").post(f"/contracts/{contract.pk}/vendor-signature/").status_code == 302
    contract.refresh_from_db()
    assert contract.vendor_signed_at is not None


def test_the_confidentiality_agreement_gate_for_workers(demo):
    """CON-4: none in force → the gate the workforce app asks says no; in force → yes; expired → no."""
    contract = signed()
    vendor = contract.vendor
    assert selectors.confidentiality_in_force(vendor) is None
    agreement = signing.record_confidentiality_agreement(
        actor=user("legal"), vendor=vendor, signed_on=today(), valid_from=today(),
        valid_until=today() + dt.timedelta(days=365), scope="客户信息与系统数据", contract=contract,
    )  # fmt: skip
    assert selectors.confidentiality_in_force(vendor) == agreement
    assert selectors.confidentiality_in_force(vendor, on=today() + dt.timedelta(days=366)) is None
    with pytest.raises(RuleViolation):
        signing.record_confidentiality_agreement(actor=user("legal"), vendor=vendor, signed_on=today(),
                                                 valid_from=today(), valid_until=today() - dt.timedelta(days=1),
                                                 scope="x")  # fmt: skip


def test_the_performance_bond_is_reminded_before_expiry(demo):
    """CON-5, X-2: the project owner hears once, 30 days ahead."""
    contract = signed()
    backwards = {"issued_on": today(), "expires_on": today() - dt.timedelta(days=1)}
    with pytest.raises(RuleViolation):
        signing.record_bond(actor=user("finance"), contract=contract, issuer="工商银行", guarantee_number="LG-1",
                            amount=Decimal("100000"), **backwards)  # fmt: skip
    bond = signing.record_bond(actor=user("finance"), contract=contract, issuer="中国工商银行上海分行",
                               guarantee_number="LG2026-0088", amount=Decimal("106000"), issued_on=today(),
                               expires_on=today() + dt.timedelta(days=200))  # fmt: skip
    run_daily_jobs(today=bond.expires_on - dt.timedelta(days=31))
    assert not Notification.objects.filter(title__contains="LG2026-0088").exists()
    run_daily_jobs(today=bond.expires_on - dt.timedelta(days=30))
    run_daily_jobs(today=bond.expires_on - dt.timedelta(days=29))
    assert Notification.objects.filter(recipient=user("requester"), title__contains="LG2026-0088").count() == 1


def test_the_audit_trail_names_checklist_items_and_change_states_in_chinese(demo, client_for):
    """CON-3, CON-6, AUD-2: what a co-reviewer ticked reads as the item, not its code; amendment and notice
    states read as states."""
    from outsourcing.contracts import changes

    active = signed()  # every co-reviewer ticked its checklist on the way
    html = client_for("auditor").get("/audit/", {"object_type": "contracts.reviewcheck"}).content.decode()
    assert "发票类型，以及收款方为签约外包商" in html and "核查事项" in html and "财务" in html
    assert ">invoice<" not in html and ">finance<" not in html
    a_year_on = active.end_date + dt.timedelta(days=365)
    decision = changes.decide_renewal(actor=user("requester"), contract=active, choice="renew", reason="续签")
    approve_everything(decision, "contract_renewal_decision")
    amendment = changes.propose_amendment(actor=user("procurement"), contract=active, kind="renewal",
                                          description="续签一年", new_end_date=a_year_on)  # fmt: skip
    page = client_for("procurement").get(active.get_absolute_url()).content.decode()
    assert amendment.number in page and "审批中" in page and "in_approval" not in page
