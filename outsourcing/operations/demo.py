"""Demo operations, through the services as the people would (OPS-1):

- 客服中心热线 (vendor1's company, in force for 20 days): an instruction acknowledged and completed in its second
  week, one acknowledged and in progress, one issued three days ago and not yet acknowledged (the reminder);
- 成品库夜间理货 (vendor2's company): an instruction from the logistics owner waiting for acknowledgement; no
  kick-off after two months in force (the owner is reminded);
- kick-offs of the hotline (the day after signing) and of 客户回访, with both sides' interface persons;
- the hotline's weekly meeting a week ago with minutes and action items (one closed, one open, one of the
  company's overdue), and 客户回访's QBR of last quarter with its action items.

The services stamp acknowledgements with the loading moment; the demo then dates them in its story (plain
updates of the demo's dates, not business changes to audit). Idempotent: skipped when any instruction exists.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from outsourcing.audit.actor import perform
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.operations import instructions, kickoff, meetings
from outsourcing.operations.models import WorkInstruction
from outsourcing.org.models import User


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), SHANGHAI)


def _instruct(owner: str, manager: str, contract: Contract, subject: str, content: str, issued: int, due: int):
    day = today()
    data = instructions.InstructionData(contract=contract, addressee=User.objects.get(username=manager),
                                        subject=subject, content=content, issued_on=day - dt.timedelta(days=issued),
                                        due_date=day + dt.timedelta(days=due))  # fmt: skip
    return perform(owner, instructions.issue_instruction, data=data)


def _acknowledge(manager: str, instruction: WorkInstruction, *, after_days: int, report: str = "", done: int = 0):
    perform(manager, instructions.acknowledge_instruction, instruction=instruction)
    dates = {"acknowledged_at": _at(instruction.issued_on + dt.timedelta(days=after_days), 10)}
    if report:
        perform(manager, instructions.complete_instruction, instruction=instruction, report=report)
        dates["completed_at"] = _at(instruction.issued_on + dt.timedelta(days=done), 17)
    WorkInstruction.objects.filter(pk=instruction.pk).update(**dates)


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if WorkInstruction.objects.exists():
        say("operations: already loaded")
        return
    hotline = Contract.objects.get(title="客服中心热线外包服务合同")
    tally = Contract.objects.get(title="成品库夜间理货外包服务合同")
    first = _instruct("requester", "vendor1", hotline, "上线首周通话录音抽检与话术统一",
                      "请于本周内完成首周通话录音抽检（不少于50通），统一开场与结束话术，并提交抽检结论。", 15, -8)
    _acknowledge("vendor1", first, after_days=1, done=6,
                 report="已抽检62通录音，发现话术不一致9通，已统一话术脚本并完成复训，抽检结论见附件。")
    second = _instruct("requester", "vendor1", hotline, "夜班接通率整改方案",
                       "夜班（22:00–次日8:00）接通率需恢复到合同约定的95%以上，请提交排班与增派坐席方案并落实。", 4, 8)
    _acknowledge("vendor1", second, after_days=1)
    _instruct("requester", "vendor1", hotline, "工单系统知识库更新",
              "请根据10月新上线的退换货政策更新工单系统知识库条目，并反馈更新清单。", 3, 7)
    _instruct("logistics", "vendor2", tally, "B区夜间理货差错复盘",
              "近两周B区出库差错3起，请组织复盘，提出扫码复核措施并于期限内回复。", 2, 5)
    _kickoffs_and_meetings(hotline, Contract.objects.get(title="客户回访外包服务合同（试点）"))
    say(f"operations: {WorkInstruction.objects.count()} work instructions, kick-offs, a weekly meeting and a QBR")


def _person(username: str, what: str) -> kickoff.InterfacePersonData:
    return kickoff.InterfacePersonData(person=User.objects.get(username=username), responsibility=what)


def _kickoffs_and_meetings(hotline: Contract, callback: Contract) -> None:
    day = today()
    youlian = User.objects.filter(vendor_account__vendor=callback.vendor, is_active=True).order_by("pk").first()
    for contract, vendor_user in ((hotline, User.objects.get(username="vendor1")), (callback, youlian)):
        perform("requester", kickoff.record_kickoff, contract=contract,
                held_on=min(contract.signed_on + dt.timedelta(days=1), day),
                goals="接通率≥95%，首次解决率≥85%，客户满意度≥90%；服务按月验收，按结果计价。",
                communication_plan="每周一10:00周例会；每月5日前提交月度服务报告；每季度召开业务评审会（QBR）；"
                                   "重大服务中断30分钟内电话报告双方接口人，2小时内书面报告。",
                attendees="公司：项目负责人、人力资源部；外包商：项目经理、质检主管",
                interface_persons=[
                    _person("requester", "服务需求、验收与绩效考核"),
                    kickoff.InterfacePersonData(person=vendor_user, responsibility="现场管理、排班与交付"),
                ])
    weekly = perform("requester", meetings.record_meeting, contract=hotline, kind="weekly",
                     held_on=day - dt.timedelta(days=7),
                     agenda="1. 上周接通率与夜班情况\n2. 录音抽检结论\n3. 知识库更新",
                     company_attendees=["项目负责人", "客服中心质检专员"],
                     vendor_attendees=["现场项目经理", "夜班组长"])
    perform("requester", meetings.record_minutes, meeting=weekly,
            minutes="上周整体接通率93.2%，夜班81.6%未达标；外包商提交夜班增派方案；录音抽检话术问题已整改。")
    manager = User.objects.get(username="vendor1")
    schedule = perform("requester", meetings.add_action_item, meeting=weekly, description="提交夜班增派坐席排班表",
                       owner=manager, due_date=day - dt.timedelta(days=4))
    perform("vendor1", meetings.close_action_item, item=schedule, outcome="已提交，夜班由4席增至6席。")
    perform("requester", meetings.add_action_item, meeting=weekly, description="夜班接通率周报（连续四周）",
            owner=manager, due_date=day + dt.timedelta(days=21))
    perform("requester", meetings.add_action_item, meeting=weekly, description="开通质检系统只读账号给外包商质检主管",
            owner=User.objects.get(username="requester"), due_date=day - dt.timedelta(days=2))
    last_quarter = meetings.quarter_start(meetings.quarter_start(day) - dt.timedelta(days=1))
    qbr = perform("requester", meetings.record_meeting, contract=callback, kind="qbr",
                  held_on=max(day - dt.timedelta(days=5), last_quarter), quarter=last_quarter,
                  agenda="1. 上季度绩效回顾\n2. 客户投诉分析\n3. 下季度改进计划与续约准备",
                  company_attendees=["项目负责人", "人力资源部"], vendor_attendees=["杭州优联项目经理"])
    perform("requester", meetings.record_minutes, meeting=qbr,
            minutes="上季度回访完成率与满意度达标；投诉处理时效两次超时。双方同意优化回访话术并建立周度投诉复盘。")
    if youlian is not None:
        perform("requester", meetings.add_action_item, meeting=qbr,
                description="建立周度投诉复盘机制并提交首份复盘报告", owner=youlian,
                due_date=day + dt.timedelta(days=10))
    perform("requester", meetings.add_action_item, meeting=qbr, description="确认续约评估时间表",
            owner=User.objects.get(username="hr"), due_date=day + dt.timedelta(days=30))
