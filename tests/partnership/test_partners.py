"""Annual awards (PTN-4), the strategic tier and its relationship plan (PTN-5, VEN-5), joint improvement
projects (PTN-3): proposed from the year's data, decided by management through the approval engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from outsourcing.approvals.states import ApprovalState
from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.partnership import awards, joint, reminders, tiers
from outsourcing.partnership.models import JointStatus
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import VendorStatus
from tests.contracts.factories import approve_everything
from tests.partnership.factories import evaluated_partner

pytestmark = pytest.mark.django_db


def test_ptn4_a_simplified_award_needs_its_reason_and_managements_approval(demo, client_for):
    """PTN-4: the only candidate (fewer than three) is a simplified selection: refused without its reason, then
    decided by management like a single source; the certificate is a PDF; the priority right shows on the vendor's
    page."""
    vendor, _contract, evaluation = evaluated_partner()
    year = evaluation.period_start.year
    listed = awards.candidates(year)
    assert [c["vendor_id"] for c in listed] == [vendor.pk] and listed[0]["average"] == "100.00"
    with pytest.raises(RuleViolation) as refused:
        perform("hr", awards.propose_award, year=year, vendor=vendor, title="年度最佳合作伙伴", reasons="绩效全年优秀")
    assert refused.value.code == "required" and refused.value.field == "simplified_reason"
    with pytest.raises(RuleViolation) as refused:  # a department's owner does not propose awards
        perform("requester", awards.propose_award, year=year, vendor=vendor, title="x", reasons="x")
    assert refused.value.code == "not_allowed"
    award = perform("hr", awards.propose_award, year=year, vendor=vendor, title="年度最佳合作伙伴",
                    reasons="绩效全年优秀", simplified_reason="本年度仅一家达到候选标准")  # fmt: skip
    assert award.simplified and award.approval_state == ApprovalState.IN_APPROVAL
    assert vendor.pk not in awards.priority_vendor_ids()
    assert approve_everything(award, "partnership_award") == ["management"]
    award.refresh_from_db()
    assert award.approval_state == ApprovalState.APPROVED and vendor.pk in awards.priority_vendor_ids()
    assert awards.certificate(award).startswith(b"%PDF")
    # Sourcing lists the category's priority holders beside its candidate form (a section, no import of partnership).
    from types import SimpleNamespace

    from outsourcing.partnership.integration import sourcing_candidates_section

    event = SimpleNamespace(category_id=vendor.categories.values_list("pk", flat=True).first())
    shown = sourcing_candidates_section(SimpleNamespace(user=demo.procurement), event)
    assert [a.vendor_id for a in shown["awards"]] == [vendor.pk]
    page = client_for("hr").get(vendor.get_absolute_url()).content.decode()
    assert 'id="priority-right"' in page and award.number in page
    response = client_for("vendor1").get(f"/partnership/awards/{award.pk}/certificate.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_ptn4_an_award_to_a_suspended_vendor_is_refused(demo):
    vendor, _contract, evaluation = evaluated_partner()
    perform("hr", vendor_services.change_status, vendor=vendor, to_status=VendorStatus.SUSPENDED, reason="社保未缴")
    with pytest.raises(RuleViolation) as refused:
        perform("hr", awards.propose_award, year=evaluation.period_start.year, vendor=vendor, title="年度最佳合作伙伴",
                reasons="x", simplified_reason="x")  # fmt: skip
    assert refused.value.code == "vendor_not_in_pool"
    assert not vendor.awards.exists()


def test_ven5_a_tier_change_without_managements_decision_is_refused(demo):
    """VEN-5: HR cannot move a vendor into the strategic tier by hand; the rule must propose the change."""
    vendor, _contract, _evaluation = evaluated_partner()
    with pytest.raises(RuleViolation) as refused:
        perform("hr", vendor_services.change_status, vendor=vendor, to_status=VendorStatus.STRATEGIC, reason="优秀")
    assert refused.value.code == "not_allowed"
    with pytest.raises(RuleViolation) as refused:  # two years in the pool and four evaluations are not met
        perform("hr", tiers.propose_tier_change, vendor=vendor, direction="entry", reason="绩效优秀")
    assert refused.value.code == "tier_rule"
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED and not vendor.tier_changes.exists()


@override_settings(PARTNERSHIP_TIER_RULE={"years": 0, "evaluations": 1, "entry_average": "90", "exit_average": "80"})
def test_ptn5_the_rule_proposes_entry_management_decides_and_the_plan_is_reminded(demo):
    vendor, _contract, _evaluation = evaluated_partner()
    assert [(v.pk, d) for v, d, _g in tiers.proposed_changes()] == [(vendor.pk, "entry")]
    change = perform("hr", tiers.propose_tier_change, vendor=vendor, direction="entry", reason="连续优秀，纳入战略")
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED  # nothing moves before management's decision
    assert approve_everything(change, "strategic_tier_change") == ["management"]
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.STRATEGIC
    assert change.number in vendor.status_changes.latest("pk").reason
    activity = perform("hr", joint.plan_activity, vendor=vendor, kind="executive_visit", title="高层互访",
                       planned_on=today() + dt.timedelta(days=5))  # fmt: skip
    due = [n for n in reminders.plan_activities_due(today()) if n.url == activity.get_absolute_url()]
    assert due and all("高层互访" in n.title for n in due)
    with pytest.raises(RuleViolation) as refused:
        perform("hr", joint.record_activity, activity=activity, held_on=today() + dt.timedelta(days=1), record="x")
    assert refused.value.code == "dates"
    perform("hr", joint.record_activity, activity=activity, held_on=today(), record="双方高层会谈，确定明年重点")
    assert not [n for n in reminders.plan_activities_due(today()) if n.url == activity.get_absolute_url()]


def test_ptn3_a_joint_project_has_members_of_both_sides_milestones_and_an_outcome(demo):
    vendor, _contract, _evaluation = evaluated_partner()
    with pytest.raises(RuleViolation) as refused:
        perform("hr", joint.start_joint_project, vendor=vendor, title="质检联合改进", goal="降低重复来电",
                starts_on=today(), members=[("company", "孙丽", "组长")], milestones=[("方案", today())])  # fmt: skip
    assert refused.value.code == "required" and refused.value.field == "members"
    project = perform("hr", joint.start_joint_project, vendor=vendor, title="质检联合改进", goal="降低重复来电",
                      starts_on=today(), members=[("company", "孙丽", "组长"), ("vendor", "郑国华", "现场经理")],
                      milestones=[("方案", today()), ("试点", today() + dt.timedelta(days=30))])  # fmt: skip
    assert project.members.count() == 2 and project.milestones.count() == 2
    perform("hr", joint.move_joint_project, project=project, to=JointStatus.RUNNING)
    perform("hr", joint.complete_milestone, milestone=project.milestones.first(), done_on=today())
    with pytest.raises(RuleViolation) as refused:
        perform("hr", joint.move_joint_project, project=project, to=JointStatus.COMPLETED, outcome="")
    assert refused.value.code == "required"
    project = perform("hr", joint.move_joint_project, project=project, to=JointStatus.COMPLETED,
                      outcome="重复来电率下降12%")  # fmt: skip
    assert project.status == JointStatus.COMPLETED
