"""The partnership slice of the demo (PTN-1..PTN-5), asserted inside the settlements demo test (which already
loads the whole demo once: a second load would cost ~35 s of the suite)."""

from __future__ import annotations

from decimal import Decimal

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.timeutil import today
from outsourcing.partnership import awards, reminders
from outsourcing.partnership.models import Award, JointProject, PlanActivity, Proposal, ProposalStatus
from outsourcing.vendors.models import VendorStatus


def assert_partnership_demo(client_for) -> None:
    adopted = Proposal.objects.get(title="夜间时段语音导航分流")
    assert adopted.status == ProposalStatus.ADOPTED and adopted.contract.vendor.name == "上海汇智客户服务外包有限公司"
    benefit = adopted.benefits.get()
    line = benefit.settlement_line
    assert benefit.saving == Decimal("18000.00") and line.amount == Decimal("3600.00") == benefit.share_amount
    assert line.line_type == "gain_sharing" and line.settlement.contract_id == adopted.contract_id
    assert line.settlement.period_start <= benefit.period_start <= line.settlement.period_end
    late = Proposal.objects.get(title="工单系统自动派单")
    assert late.status == ProposalStatus.SUBMITTED and late.answer_due < today()
    assert any(n.url == late.get_absolute_url() for n in reminders.proposals_overdue(today()))
    project = JointProject.objects.get(title="热线一次解决率联合提升")
    assert {m.side for m in project.members.all()} == {"company", "vendor"} and project.milestones.count() == 3
    award = Award.objects.get(year=today().year - 1)
    assert award.vendor_id == adopted.contract.vendor_id and award.approval_state == ApprovalState.APPROVED
    assert award.vendor_id in awards.priority_vendor_ids()
    plan = PlanActivity.objects.filter(vendor__status=VendorStatus.STRATEGIC)
    assert plan.count() == 3 and plan.filter(held_on__isnull=False).count() == 1
    finance = client_for("finance")
    assert adopted.number in finance.get(line.settlement.get_absolute_url()).content.decode()
    vendor_page = client_for("hr").get(award.vendor.get_absolute_url()).content.decode()
    assert 'id="priority-right"' in vendor_page and adopted.number in vendor_page
