"""Demo operations, through the services as the people would (OPS-1):

- 客服中心热线 (vendor1's company, in force for 20 days): an instruction acknowledged and completed in its second
  week, one acknowledged and in progress, one issued three days ago and not yet acknowledged (the reminder);
- 成品库夜间理货 (vendor2's company): an instruction from the logistics owner waiting for acknowledgement.

The services stamp acknowledgements with the loading moment; the demo then dates them in its story (plain
updates of the demo's dates, not business changes to audit). Idempotent: skipped when any instruction exists.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from outsourcing.audit.actor import perform
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.operations import instructions
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
    say(f"operations: {WorkInstruction.objects.count()} work instructions")
