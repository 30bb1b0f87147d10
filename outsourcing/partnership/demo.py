"""Demo data for partnership (PTN-1..PTN-5), loaded after settlements, dates relative to today and in order:
- on 客服中心热线 (vendor1's company, 上海汇智): a cost proposal adopted with a 20 % share for 12 months, this month's
  realised saving measured by the project owner and confirmed by finance: its share is a gain-sharing line of this
  month's settlement; a process proposal unanswered five days past its deadline (the daily reminder's case);
- a joint improvement project with 上海汇智, running, its first milestone reached;
- last year's 年度最佳合作伙伴 of 上海汇智, decided before the system was in use and recorded as history (the demo's
  evaluations are all of this year, so no candidate list of last year exists to propose it from);
- the strategic vendor's relationship plan: an executive visit held, a knowledge-sharing session due within the
  week, a shared insight next quarter.
Nothing here is picked by a database id or a figure: the records are named."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from outsourcing.approvals.states import ApprovalState
from outsourcing.audit.actor import perform
from outsourcing.contracts.models import Contract
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.partnership import joint, proposals
from outsourcing.partnership.models import Award, JointStatus, Proposal
from outsourcing.settlements import opening
from outsourcing.settlements.models import Settlement
from outsourcing.vendors.models import Vendor, VendorStatus

HOTLINE = "客服中心热线外包服务合同"


def _proposal(contract: Contract, **values) -> Proposal:
    data = proposals.ProposalData(contract=contract, **values)
    return perform("vendor1", proposals.submit_proposal, data=data)


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Proposal.objects.exists():
        say("partnership: already loaded")
        return
    day = today()
    hotline = Contract.objects.select_related("project__owner", "vendor").get(title=HOTLINE)
    owner = hotline.project.owner.username
    adopted = _proposal(hotline, kind="cost", title="夜间时段语音导航分流",
                        problem="22:00–8:00来电量仅为日间的15%，夜班6个坐席利用率不足40%",
                        proposal="夜间启用智能语音导航，常见问题自助办理，夜班坐席由6人减为4人",
                        baseline="夜班6个坐席，人工成本每月60,000元（排班表与工资单）", baseline_amount="60000.00",
                        expected_benefit="18000.00",
                        expected_benefit_text="每月节约约18,000元，接通率不降")  # fmt: skip
    perform(owner, proposals.advance_proposal, proposal=adopted, to="screened", note="方案可行，先试点两周")
    perform(owner, proposals.advance_proposal, proposal=adopted, to="piloted", note="试点期间夜间接通率98.6%")
    perform(owner, proposals.adopt_proposal, proposal=adopted, adopted_on=day, share_percent="20", share_months=12,
            share_cap="30000.00", note="试点达标，全面推行")  # fmt: skip
    settlement = Settlement.objects.filter(contract=hotline, period_start__lte=day, period_end__gte=day).first()
    if settlement is None:
        perform(owner, opening.open_settlement, contract=hotline, day=day)
    benefit = perform(owner, proposals.record_benefit, proposal=adopted, month=day, baseline_amount="60000.00",
                      actual_amount="42000.00", method="按本月夜班排班表与工资单核算：夜班坐席4人")  # fmt: skip
    perform("finance", proposals.confirm_benefit, benefit=benefit)
    late = _proposal(hotline, kind="process", title="工单系统自动派单", problem="人工派单平均耗时6分钟",
                     proposal="按技能组自动派单", baseline="人工派单，平均6分钟/单")  # fmt: skip
    # Submitted 25 days ago: five days past the 20-day deadline without an answer (the reminder's case).
    Proposal.objects.filter(pk=late.pk).update(submitted_on=day - dt.timedelta(days=25),
                                               answer_due=day - dt.timedelta(days=5))  # fmt: skip
    vendor = hotline.vendor
    project = perform("hr", joint.start_joint_project, vendor=vendor, proposal=adopted, title="热线一次解决率联合提升",
                      goal="一次解决率由82%提升至90%", starts_on=day - dt.timedelta(days=14),
                      members=[("company", "孙丽", "项目负责人"), ("company", "王强", "质检主管"),
                               ("vendor", "郑国华", "现场经理"), ("vendor", "李娜", "培训主管")],
                      milestones=[("根因分析", day - dt.timedelta(days=7)), ("知识库改版", day + dt.timedelta(days=21)),
                                  ("效果评估", day + dt.timedelta(days=60))])  # fmt: skip
    perform("hr", joint.move_joint_project, project=project, to=JointStatus.RUNNING)
    perform("hr", joint.complete_milestone, milestone=project.milestones.order_by("due_on").first(),
            done_on=day - dt.timedelta(days=6))  # fmt: skip
    _past_award(vendor, day)
    strategic = Vendor.objects.filter(status=VendorStatus.STRATEGIC).order_by("number").first()
    if strategic is not None:
        visit = perform("hr", joint.plan_activity, vendor=strategic, kind="executive_visit", title="双方高层年度互访",
                        planned_on=day - dt.timedelta(days=20))  # fmt: skip
        perform("hr", joint.record_activity, activity=visit, held_on=day - dt.timedelta(days=20),
                record="回顾全年合作，确定明年共建智能质检；对方提出扩大夜间服务范围")  # fmt: skip
        perform("hr", joint.plan_activity, vendor=strategic, kind="knowledge_session", title="客服质检方法分享会",
                planned_on=day + dt.timedelta(days=5))  # fmt: skip
        perform("hr", joint.plan_activity, vendor=strategic, kind="insight", title="行业用工合规趋势洞察",
                planned_on=day + dt.timedelta(days=75))  # fmt: skip
    say(f"partnership: {Proposal.objects.count()} proposals, 1 joint project, 1 award")


def _past_award(vendor: Vendor, day: dt.date) -> Award:
    """Last year's award, decided by management before the system: history, recorded as approved."""
    year = day.year - 1
    award = Award(number=next_number("AWD", year=year), year=year, title="年度最佳合作伙伴", vendor=vendor,
                  reasons="全年接通率与满意度均居首位，主动提出两项流程改进（系统上线前的评审结果，补录）",
                  candidates=[], priority_until=dt.date(day.year, 12, 31), approval_state=ApprovalState.APPROVED,
                  approved_at=timezone.make_aware(dt.datetime(day.year, 1, 20, 10, 0)))  # fmt: skip
    award.stamp(User.objects.get(username="hr"))
    award.save()
    return award
