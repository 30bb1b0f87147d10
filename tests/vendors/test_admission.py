"""VEN-3 admission review against the five criteria through the approval engine; VEN-4 due diligence;
VEN-5 annual re-review scheduled, reminded and shown on HR's home page."""

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.vendors import admission, catalogue, selectors
from outsourcing.vendors.models import Criterion, DiligenceConclusion, DiligenceKind, ReviewKind, VendorStatus
from tests.vendors.factories import (
    add_diligence,
    add_licence,
    admitted_vendor,
    all_pass,
    approve_review,
    credit_code,
    hr,
    pending_task,
    prospect,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def ready_prospect(**overrides):
    vendor = prospect(**overrides)
    add_licence(vendor)
    add_diligence(vendor)
    return vendor


def test_an_approved_admission_review_makes_the_prospect_qualified(demo):
    """VEN-3, VEN-5, WF-1: HR submits; legal and finance co-review (both must approve); the vendor is
    qualified, its admission recorded in the status history, the annual re-review scheduled a year on."""
    vendor = ready_prospect()
    review = submitted_review(vendor)
    assert review.status == ApprovalState.IN_APPROVAL
    tasks = ApprovalTask.objects.filter(request__object_id=review.pk, status=TaskStatus.PENDING)
    assert sorted(t.role for t in tasks) == ["finance", "legal"]
    decide(task=pending_task(review, "legal"), actor=demo.legal, decision="approve")
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PROSPECT  # finance has not signed off yet
    decide(task=pending_task(review, "finance"), actor=demo.finance, decision="approve")
    vendor.refresh_from_db()
    review.refresh_from_db()
    assert review.status == ApprovalState.APPROVED and vendor.status == VendorStatus.QUALIFIED
    assert vendor.next_review_due == today() + dt.timedelta(days=365)
    assert review.number in vendor.status_changes.first().reason


def test_submission_needs_all_five_criteria_with_evidence_and_a_conclusion(demo):
    """VEN-3, X-8"""
    vendor = ready_prospect()
    review = admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    four = all_pass()[:4]
    with pytest.raises(RuleViolation) as refused:
        admission.save_and_submit(actor=hr(), review=review, findings=four, conclusion="建议准入")
    assert refused.value.code == "incomplete" and str(Criterion.MANAGEMENT.label) in str(refused.value.message)
    review.refresh_from_db()
    assert review.status == ApprovalState.DRAFT and not review.results.exists()  # nothing half-saved
    with pytest.raises(RuleViolation) as no_evidence:
        admission.record_findings(
            actor=hr(), review=review, findings=[admission.CriterionFinding(Criterion.CAPABILITY, True, " ")]
        )
    assert no_evidence.value.field == "evidence_capability"
    with pytest.raises(RuleViolation) as no_conclusion:
        admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="")
    assert no_conclusion.value.field == "conclusion"


def test_a_failed_criterion_cannot_be_approved_and_the_review_is_rejected(demo):
    """VEN-3: the approvers see why and reject; the vendor stays a prospect."""
    vendor = ready_prospect()
    findings = all_pass()
    findings[2] = admission.CriterionFinding(Criterion.REPUTATION, False, "2025年因拖欠工资被行政处罚")
    review = submitted_review(vendor, findings)
    with pytest.raises(RuleViolation) as blocked:
        decide(task=pending_task(review, "legal"), actor=demo.legal, decision="approve")
    assert blocked.value.code == "failed_criteria" and str(Criterion.REPUTATION.label) in str(blocked.value.message)
    decide(task=pending_task(review, "legal"), actor=demo.legal, decision="reject", comment="信誉标准不符合")
    review.refresh_from_db()
    vendor.refresh_from_db()
    assert review.status == ApprovalState.REJECTED and vendor.status == VendorStatus.PROSPECT


def test_approval_needs_valid_required_licences_and_a_covering_business_scope(demo):
    """VEN-3, VEN-7: 施工劳务 requires 建筑业企业资质 and 安全生产许可证 and a scope naming 施工劳务."""
    vendor = ready_prospect(category="construction_labour", business_scope="日用百货销售")
    review = submitted_review(vendor)
    reasons = admission.approval_blockers(review=review, role="legal")
    assert any("经营范围" in r for r in reasons)
    lapsed = next(r for r in reasons if "安全生产许可证" in r)
    assert "建筑业企业资质" in lapsed
    with pytest.raises(RuleViolation):
        decide(task=pending_task(review, "legal"), actor=demo.legal, decision="approve")


def test_each_co_reviewer_needs_their_due_diligence_on_file(demo):
    """VEN-4, P3§3 control 4 and P3§5-2: legal needs the litigation check, finance the financial statements;
    HR is told at submission, not left to the approvers' refusal."""
    vendor = prospect()
    add_licence(vendor)
    review = admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    with pytest.raises(RuleViolation) as refused:
        admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="建议准入")
    message = str(refused.value.message)
    assert str(DiligenceKind.LITIGATION.label) in message and str(DiligenceKind.FINANCIALS.label) in message
    review.refresh_from_db()
    assert review.status == ApprovalState.DRAFT
    add_diligence(vendor)
    admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="建议准入")
    assert admission.approval_blockers(review=review, role="legal") == []
    assert admission.approval_blockers(review=review, role="finance") == []
    approve_review(review)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"performed_on": today() + dt.timedelta(days=1)}, "performed_on"),
        ({"findings": ""}, "findings"),
        ({"kind": DiligenceKind.FINANCIALS, "debt_ratio": None}, "debt_ratio"),
        ({"kind": DiligenceKind.FINANCIALS, "debt_ratio": Decimal("1200")}, "debt_ratio"),
    ],
)
def test_bad_due_diligence_is_refused(demo, overrides, field):
    """VEN-4, X-8"""
    vendor = prospect()
    values = {
        "kind": DiligenceKind.SITE_VISIT,
        "performed_on": today(),
        "findings": "现场核实办公场所与人员",
        "conclusion": DiligenceConclusion.SATISFACTORY,
        "annual_revenue": Decimal("1000000"),
        **overrides,
    }
    with pytest.raises(RuleViolation) as refused:
        admission.record_diligence(actor=hr(), vendor=vendor, **values)
    assert refused.value.field == field
    assert not vendor.diligence.exists()


def test_an_affiliate_must_be_assessed_before_submission(demo):
    """VEN-7: 劳动合同法 art. 67."""
    code = credit_code()
    catalogue.save_affiliate(actor=demo.admin, affiliate=None, name="关联服务公司", credit_code=code)
    vendor = ready_prospect(credit_code=code)
    review = admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    with pytest.raises(RuleViolation) as refused:
        admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="建议准入")
    assert refused.value.field == "affiliate_assessment"
    admission.save_and_submit(
        actor=hr(),
        review=review,
        findings=all_pass(),
        conclusion="建议准入",
        affiliate_assessment="关联公司仅提供保洁服务，独立核算、自主用工，不存在向关联方派遣情形",
    )
    review.refresh_from_db()
    assert review.status == ApprovalState.IN_APPROVAL


def test_one_open_review_at_a_time_and_only_hr_runs_them(demo):
    """VEN-3"""
    vendor = ready_prospect()
    submitted_review(vendor)
    with pytest.raises(RuleViolation) as refused:
        admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    assert refused.value.code == "open_review"
    with pytest.raises(RuleViolation):
        admission.start_review(actor=demo.legal, vendor=prospect(), category=vendor.categories.first())


def test_a_returned_review_is_revised_and_resubmitted(demo):
    """VEN-3, WF-2"""
    vendor = ready_prospect()
    review = submitted_review(vendor)
    decide(task=pending_task(review, "finance"), actor=demo.finance, decision="return", comment="请补充近两年审计报告")
    review.refresh_from_db()
    assert review.status == ApprovalState.RETURNED and review.is_editable
    admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="已补充审计报告，建议准入")
    approve_review(review)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED


def test_annual_re_review_is_due_reminded_once_and_shown_on_hrs_home(demo, client_for):
    """VEN-5, X-2: a qualified vendor's re-review falls due a year on; 30 days before, HR hears once and
    sees it waiting; an approved re-review schedules the next one."""
    vendor = admitted_vendor()
    due_day = vendor.next_review_due
    before = due_day - dt.timedelta(days=31)
    assert vendor not in selectors.reviews_due(before)
    assert vendor in selectors.reviews_due(due_day - dt.timedelta(days=30))
    run_daily_jobs(today=due_day - dt.timedelta(days=30))
    run_daily_jobs(today=due_day - dt.timedelta(days=29))
    reminders = Notification.objects.filter(
        recipient=demo.hr, url=vendor.get_absolute_url(), title__contains=vendor.name
    )
    assert reminders.count() == 1

    vendor.next_review_due = today() + dt.timedelta(days=10)  # as if admitted eleven months ago
    vendor.save(update_fields=["next_review_due"])
    home = client_for("hr").get("/")
    assert any("?attention=review_due" in item.url for item in home.context["waiting"])
    review = admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    assert review.kind == ReviewKind.ANNUAL and vendor not in selectors.reviews_due()
    admission.save_and_submit(actor=hr(), review=review, findings=all_pass(), conclusion="年度复审合格")
    approve_review(review)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED and vendor.next_review_due == today() + dt.timedelta(days=365)


def test_a_vendor_removed_while_its_review_is_in_approval_is_never_admitted(demo):
    """VEN-3, VEN-5: the blacklist is final, even for a review already with legal and finance."""
    from outsourcing.vendors import services

    vendor = ready_prospect()
    review = submitted_review(vendor)
    decide(task=pending_task(review, "legal"), actor=demo.legal, decision="approve")
    services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.REMOVED, reason="发现挂靠经营")
    with pytest.raises(RuleViolation) as blocked:
        decide(task=pending_task(review, "finance"), actor=demo.finance, decision="approve")
    assert str(VendorStatus.REMOVED.label) in str(blocked.value.message)
    decide(task=pending_task(review, "finance"), actor=demo.finance, decision="reject", comment="已列入黑名单")
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.REMOVED


def test_an_unsatisfactory_check_blocks_the_co_reviewer(demo):
    """VEN-4: the latest check of the kind decides; an unsatisfactory one must be answered, not ignored."""
    vendor = prospect()
    add_licence(vendor)
    add_diligence(vendor, kinds=(DiligenceKind.LITIGATION,))
    admission.record_diligence(
        actor=hr(),
        vendor=vendor,
        kind=DiligenceKind.FINANCIALS,
        performed_on=today(),
        findings="资产负债率150%，经营性现金流连续为负",
        conclusion=DiligenceConclusion.UNSATISFACTORY,
        debt_ratio=Decimal("150"),
        annual_revenue=Decimal("2000000"),
    )
    review = submitted_review(vendor)
    reasons = admission.approval_blockers(review=review, role="finance")
    assert len(reasons) == 1 and str(DiligenceConclusion.UNSATISFACTORY.label) in reasons[0]
    assert admission.approval_blockers(review=review, role="legal") == []


def test_the_scope_alone_blocks_a_review_whose_licences_are_in_order(demo):
    """VEN-7: with 建筑业企业资质 and 安全生产许可证 valid, a scope of 日用百货销售 is the only blocker."""
    vendor = ready_prospect(category="construction_labour", business_scope="日用百货销售")
    add_licence(vendor, "construction_qualification")
    add_licence(vendor, "safety_production")
    review = submitted_review(vendor)
    reasons = admission.approval_blockers(review=review, role="legal")
    assert len(reasons) == 1 and "经营范围" in reasons[0]
