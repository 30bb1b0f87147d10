"""The demo's risk and compliance slice (RSK-1..RSK-3, INC-1..INC-4), loaded after every other app so that HR's first
look tells one story:
- the night tally (vendor2, 物流部) is the high-score project: its contract is priced per head and hour (HR approved
  the justification when the volume was unknown), a logistics owner's request dictated a named tally clerk's leave
  although the screen warned, and one clerk has been on the same post for 14 months across the first year's contract
  and its renewal; each sign carries its evidence;
- an open work injury on the hotline, 21 days after the accident, without the vendor's recognition receipt;
- a register of a dozen risks across the categories, one raised from today's indicator finding;
- the daily job has run today: the indicators' findings and the scores are in place;
- the dispatch ratio near the 10 % cap (RSK-7);
- last year's special audit closed (its finding's action done, dated last year), this year's open with its checklist,
  its sample drawn with a seed of its own and a finding on the dictated leave with an action for logistics (AUD-1).
Data before today (the first-year contract and the clerk's first engagement) is written as history, the rest through
the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from outsourcing.audit.actor import perform
from outsourcing.compliance import audits, daily, incidents, ratio, risks, scores
from outsourcing.compliance.models import IndicatorFinding, PolicyRule, Risk
from outsourcing.compliance.models_audits import Audit, AuditFinding, CheckResult
from outsourcing.compliance.policy_rules import ensure_policy_library
from outsourcing.contracts import demo as contracts_demo
from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.org.models import User
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.models import Worker, WorkerStatus

RISKS = [
    # title, category, likelihood, impact, residual likelihood, residual impact, owner, controls, treatment, reason
    ("夜间理货按人头计价被认定为劳务派遣", "legal", 4, 5, 3, 4, "hr", "改按托盘量计价；季度复核", "mitigate", ""),
    ("外包商拖欠工资引发连带责任", "legal", 3, 5, 2, 4, "hr", "每月核验工资发放凭证与社保清单", "mitigate", ""),
    ("热线外包人员泄露客户信息", "security", 3, 5, 2, 3, "legal", "保密协议、最小权限、当日回收", "mitigate", ""),
    ("外包人员退场后系统权限未回收", "security", 2, 4, 1, 4, "hr", "退场清单与每日指标检查", "mitigate", ""),
    ("热线服务中断影响客户投诉处理", "operations", 3, 4, 2, 3, "requester", "备用线路与应急预案", "mitigate", ""),
    ("理货差错导致发货延误", "operations", 3, 3, 2, 2, "logistics", "扫码复核；月度考核与整改计划", "mitigate", ""),
    ("外包费用超出项目预算", "finance", 2, 3, 2, 2, "finance", "按月对账；预算预警", "mitigate", ""),
    ("发票税目与合同不符", "finance", 2, 3, 1, 3, "finance", "收票时核对税目与税率", "mitigate", ""),
    ("外包人员现场安全事故引发舆情", "reputation", 2, 4, 2, 3, "hr", "安全生产管理协议；应急演练", "transfer", ""),
    ("核心客服知识集中在外包商", "core_capability", 3, 4, 3, 3, "requester", "知识库月度移交；关键岗位自有人员",
     "mitigate", ""),
    ("单一物流外包商资金链紧张", "vendor_distress", 2, 4, 2, 4, "procurement", "季度财务核查；备选外包商", "accept",
     "备选外包商已完成准入，切换成本高于潜在损失，管理层同意接受并季度复核。"),
    ("回访试点外包商服务能力不足", "operations", 2, 2, 1, 2, "requester", "试点期满评估", "avoid", ""),
]


def _history(day: dt.date, tally: Contract) -> Worker:
    """The first year of the night tally, before the contract in force renewed it, and the clerk engaged since."""
    first_start = tally.start_date - dt.timedelta(days=365)
    first = Contract.objects.create(
        number=next_number("CON", year=first_start.year), title="成品库夜间理货外包服务合同（首年）",
        project=tally.project, vendor=tally.vendor, template=tally.template, status=ContractStatus.CLOSED,
        subject=tally.subject, scope=tally.scope, sla=tally.sla, acceptance=tally.acceptance, start_date=first_start,
        end_date=tally.start_date - dt.timedelta(days=1), amount=tally.amount, pricing_model=tally.pricing_model,
        period_fee=tally.period_fee, settlement_cycle=tally.settlement_cycle, payment_terms=tally.payment_terms,
        invoice_type=tally.invoice_type, signed_on=first_start, created_by=tally.created_by,
    )  # fmt: skip
    Contract.objects.filter(pk=tally.pk).update(renews=first)
    clerk = Worker.objects.filter(contract=tally, status=WorkerStatus.ON_SITE).order_by("pk").first()
    engaged = day - dt.timedelta(days=30 * 14 + 5)
    earlier = Worker.objects.get(pk=clerk.pk)
    earlier.pk = None
    earlier.badge_number = f"{clerk.badge_number}-Y1"
    earlier.contract, earlier.status = first, WorkerStatus.EXITED
    earlier.planned_start, earlier.planned_end = engaged, first.end_date
    earlier.entered_on, earlier.exited_on = engaged, first.end_date
    earlier.decided_at = timezone.make_aware(dt.datetime.combine(engaged, dt.time(8)), SHANGHAI)  # HR, that morning
    earlier.save()
    contracts_demo.tell_a_consistent_past()  # the project's period and the vendor's admission cover the first year
    return clerk


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Risk.objects.exists():
        say("compliance: already loaded")
        return
    day = today()
    tally = Contract.objects.get(title="成品库夜间理货外包服务合同")
    hotline = Contract.objects.get(title="客服中心热线外包服务合同")
    hr = User.objects.get(username="hr")
    # The night tally: priced per head and hour, with HR's justification of the time the volume was unknown.
    Contract.objects.filter(pk=tally.pk).update(
        pricing_model="headcount_hours", unit_price=Decimal("38.00"), unit="人·小时",
        headcount_justification="夜间到货量波动大、首年无托盘量数据，暂按人数×工时计价，次年改按托盘量。",
        justification_approved_by=hr)  # fmt: skip
    clerk = _history(day, tally)
    perform("logistics", worker_requests.raise_request, worker=clerk, subject="下周请假安排",
            description=f"{clerk.name}下周一、二必须请假，由我们安排顶岗；迟到一次扣款100元。",
            send_anyway=True)  # fmt: skip
    # The hotline's open work injury, 21 days after the accident, without the recognition receipt.
    injured = Worker.objects.filter(contract=hotline, status=WorkerStatus.ON_SITE).order_by("pk").first()
    accident = day - dt.timedelta(days=21)
    injury = perform("requester", incidents.record_incident, data=incidents.IncidentData(
        kind="work_injury", title="坐席下楼梯扭伤脚踝", occurred_on=accident, worker=injured,
        description="夜班交接后在公司办公楼楼梯摔倒，右脚踝扭伤，已送医。", emergency_plan="现场急救与送医预案"))
    perform("vendor1", incidents.respond, incident=injury, response="已送医治疗，正在准备工伤认定申请材料。")
    perform("hr", incidents.add_action, incident=injury, description="外包商提交工伤认定受理回执",
            owner=User.objects.get(username="vendor1"), due_on=accident + dt.timedelta(days=30))  # fmt: skip
    # The daily job of today: the indicators' findings, the signs and the scores, the injury clock's reminders.
    daily.run_all(day)
    scores.run_signs(day)
    scores.rescore(day)
    incidents.injury_clock(day)
    owners = {u.username: u for u in User.objects.filter(username__in={r[6] for r in RISKS})}
    for title, category, lik, imp, r_lik, r_imp, owner, controls, treatment, reason in RISKS:
        data = risks.RiskData(title=title, category=category, likelihood=lik, impact=imp, residual_likelihood=r_lik,
                              residual_impact=r_imp, owner=owners[owner], controls=controls, treatment=treatment,
                              justification=reason, review_on=day + dt.timedelta(days=90),
                              contract=tally if "理货" in title else hotline if "热线" in title else None)  # fmt: skip
        perform("hr", risks.record_risk, data=data)
    finding = IndicatorFinding.objects.filter(status="open").exclude(indicator__startswith="dispatch:").first()
    if finding is not None:
        perform("hr", risks.raise_from_finding, finding=finding, data=risks.RiskData(
            title=f"指标发现：{finding.subject}", category="legal", likelihood=3, impact=3, residual_likelihood=2,
            residual_impact=2, owner=hr, review_on=day + dt.timedelta(days=30), controls="按指标链接处理"))
    _audits(day)
    # RSK-7: the ratio near the cap: 38 of 400 (9.5 %) with the night tally's clerks counted in.
    high = ratio.current(day).outsourced_high
    perform("hr", ratio.record_figures, period=day, total_workforce=400, dispatched=max(0, 38 - high),
            source="人力资源部月度用工统计")  # fmt: skip
    say(f"compliance: {Risk.objects.count()} risks, {IndicatorFinding.objects.filter(status='open').count()} findings")


def _audits(day: dt.date) -> None:
    """Last year's audit, closed on 20 December of that year; this year's, open (AUD-1)."""
    last = day.year - 1
    done = dt.date(last, 12, 20)
    ensure_policy_library(PolicyRule)  # a database flushed since its migrations (a browser test) lost the rules
    closed = perform("auditor", audits.open_audit, data=audits.AuditData(
        year=last, title=f"{last}年度劳务外包专项审计", scope="全部外包合同的准入、入场备案、权限回收与结算合规",
        period_start=dt.date(last, 1, 1), period_end=dt.date(last, 12, 31), lead=User.objects.get(username="auditor"),
        areas=["workforce", "security"]))  # fmt: skip
    check = closed.checks.get(rule__code="P1-14-3")
    perform("auditor", audits.record_check, check=check, result=CheckResult.NON_COMPLIANT,
            note="两名退场人员门禁卡次日才收回")  # fmt: skip
    finding = perform("auditor", audits.record_finding, audit=closed, title="退场当日未收回门禁卡",
                      owner=User.objects.get(username="hr"), check=check)  # fmt: skip
    action = perform("auditor", audits.require_action, finding=finding, description="退场清单增加当日收卡确认",
                     owner=User.objects.get(username="hr"), due_on=dt.date(last, 12, 10))  # fmt: skip
    perform("hr", audits.complete_action, action=action, on=dt.date(last, 12, 5))
    for item in closed.checks.filter(result=CheckResult.PENDING):
        perform("auditor", audits.record_check, check=item, result=CheckResult.COMPLIANT)
    perform("auditor", audits.close_finding, finding=finding)
    perform("auditor", audits.close_audit, audit=closed, conclusion="总体合规；退场收卡已整改。")
    Audit.objects.filter(pk=closed.pk).update(closed_on=done)  # written as history: closed last December
    AuditFinding.objects.filter(pk=finding.pk).update(closed_on=done)
    current = perform("auditor", audits.open_audit, data=audits.AuditData(
        year=day.year, title=f"{day.year}年度劳务外包专项审计", scope="全部外包合同；重点：假外包风险与工资支付",
        period_start=dt.date(day.year, 1, 1), period_end=day, lead=User.objects.get(username="auditor")))
    perform("auditor", audits.draw_sample, audit=current, size=5, seed=day.year)
    check = current.checks.get(rule__code="P1-10-1")
    perform("auditor", audits.record_check, check=check, result=CheckResult.NON_COMPLIANT,
            note="物流部向外包商提出的请求指定了理货员的请假安排")  # fmt: skip
    finding = perform("auditor", audits.record_finding, audit=current, title="业务部门指定外包人员请假",
                      owner=User.objects.get(username="logistics"), check=check)  # fmt: skip
    perform("auditor", audits.require_action, finding=finding, description="物流部对现场负责人开展“四不直接”培训",
            owner=User.objects.get(username="logistics"), due_on=day + dt.timedelta(days=30))  # fmt: skip
