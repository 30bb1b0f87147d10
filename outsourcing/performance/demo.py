"""Demo performance management, through the services as the people would (PRF-1..PRF-7):

- a KPI library of 18 KPIs in the four categories of P4§3(二) (客户服务, IT运维, 生产/物流, 人事服务), two computed from
  the system's own data (staff stability from the workers, on-time acknowledgement of work instructions), one
  still missing a SMART field (not usable);
- 客户回访 (杭州优联, in force ten months): SLA v1 from the start, revised as v2 from August (the complaint KPI
  added after the QBR), ten months of figures; evaluations confirmed by the vendor, one month confirmed by
  silence, one disputed and re-scored with HR, one below standard with its rectification plan accepted, and
  last month's disputed by the vendor and waiting for the project owner's resolution with HR;
- 成品库夜间理货 (vendor2's company, in force two months): both months below standard — October disputed and upheld,
  its rectification plan accepted; November confirmed — the second failure in a row opened a PIP with milestones;
- 客服中心热线 (vendor1's company, in force since three weeks): SLA v1 and its first figures; November's evaluation
  is published and waits for vendor1, who sees its dashboard in the portal.

The services stamp their moments with the loading time; the demo then dates publications and answers in its
story (plain updates of the demo's dates, not business changes to audit). Idempotent: skipped when any KPI exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.utils import timezone

from outsourcing.audit.actor import perform
from outsourcing.contracts.demo import _approve_all
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.org.models import User
from outsourcing.performance import evaluations, improvement, library, periods, reports, slas, values
from outsourcing.performance.models import Evaluation, Kpi, PipStatus, Resolution

G, A, R = "green", "amber", "red"


def _bands(*rows) -> list[dict]:
    return [{"from": str(f), "to": str(t), "rating": r, "score": str(s)} for f, t, r, s in rows]


def _ratio(a: str, b: str, per: int = 100):
    def make(v: Decimal) -> dict:
        base = 2000
        return {a: str((v * base / per).quantize(Decimal("1"))), b: str(base)}

    return [a, b], f"{a} / {b} * {per}", make


def _single(name: str = "value"):
    return [name], name, lambda v: {name: str(v)}


HIGHER_PCT = _bands((0, 85, R, 0), (85, 95, A, 70), (95, 100, G, 100))
# code, name, category, unit, direction, (min, max), target, bands, source, (inputs, formula, make) or computed,
# aggregation, collected by, definition, relevance, achievability
KPIS = [
    (
        "CS-ANSWER",
        "接通率",
        "customer_service",
        "%",
        "higher",
        (0, 100),
        95,
        HIGHER_PCT,
        "vendor",
        _ratio("answered", "offered"),
        "avg",
        "外包商现场质检",
        "人工坐席在20秒内接起的来电占全部进线的比例。",
        "客户能及时联系到客服，是热线服务的首要目标。",
        "行业平均92%–96%，合同约定坐席数可支撑95%。",
    ),
    (
        "CS-FCR",
        "首次解决率",
        "customer_service",
        "%",
        "higher",
        (0, 100),
        85,
        _bands((0, 75, R, 0), (75, 85, A, 70), (85, 100, G, 100)),
        "vendor",
        _ratio("resolved_first", "tickets"),
        "avg",
        "外包商现场质检",
        "首次来电即解决、7日内未再来电的工单占比。",
        "减少重复来电，降低客户投诉。",
        "知识库完善后试点期已达86%。",
    ),
    (
        "CS-CSAT",
        "客户满意度",
        "customer_service",
        "%",
        "higher",
        (0, 100),
        90,
        _bands((0, 80, R, 0), (80, 90, A, 70), (90, 100, G, 100)),
        "company",
        _ratio("satisfied", "surveyed"),
        "avg",
        "客户服务部",
        "短信回访中“满意”和“非常满意”的占比。",
        "客户体验是公司服务质量目标。",
        "上年自营坐席为91%。",
    ),
    (
        "CS-COMPLAINT",
        "有效投诉数",
        "customer_service",
        "件",
        "lower",
        (0, 100),
        2,
        _bands((0, 3, G, 100), (3, 6, A, 60), (6, 100, R, 0)),
        "company",
        _single(),
        "sum",
        "客户服务部",
        "经核实属服务责任的客户投诉件数（月累计）。",
        "投诉直接影响品牌与监管评价。",
        "近半年月均2件。",
    ),
    (
        "CS-RESPONSE",
        "工单响应时长",
        "customer_service",
        "分钟",
        "lower",
        (0, 600),
        20,
        _bands((0, 30, G, 100), (30, 60, A, 70), (60, 600, R, 0)),
        "vendor",
        _single("minutes"),
        "avg",
        "外包商现场质检",
        "在线工单从提交到首次回复的平均时长。",
        "响应速度是P2 2.3(2)的评分项。",
        "排班已覆盖高峰时段。",
    ),
    (
        "IT-AVAIL",
        "系统可用率",
        "it_operations",
        "%",
        "higher",
        (0, 100),
        99.9,
        _bands((0, 99.5, R, 0), (99.5, 99.9, A, 70), (99.9, 100, G, 100)),
        "vendor",
        _ratio("uptime_minutes", "total_minutes"),
        "avg",
        "外包商运维值班",
        "计划停机外核心系统可用时间占比。",
        "业务连续性要求。",
        "双机热备架构设计可用率99.95%。",
    ),
    (
        "IT-RESPONSE",
        "故障响应及时率",
        "it_operations",
        "%",
        "higher",
        (0, 100),
        95,
        HIGHER_PCT,
        "company",
        _ratio("on_time", "incidents"),
        "avg",
        "信息技术部",
        "P1/P2故障在15分钟内响应的占比。",
        "降低故障影响时长。",
        "7×24值班已落实。",
    ),
    (
        "IT-CHANGE",
        "变更成功率",
        "it_operations",
        "%",
        "higher",
        (0, 100),
        98,
        _bands((0, 95, R, 0), (95, 98, A, 70), (98, 100, G, 100)),
        "vendor",
        _ratio("succeeded", "changes"),
        "avg",
        "外包商运维值班",
        "未回退、未引发故障的变更占比。",
        "稳定的变更是系统稳定的前提。",
        "变更评审制度已建立。",
    ),
    (
        "IT-PATCH",
        "季度补丁按期完成",
        "it_operations",
        "",
        "milestone",
        (0, 1),
        1,
        _bands((0, 0.5, R, 0), (0.5, 1, G, 100)),
        "company",
        _single("done"),
        "max",
        "信息技术部",
        "季度安全补丁在计划窗口内全部完成（1=完成，0=未完成）。",
        "信息安全合规要求。",
        "补丁窗口已排入变更日历。",
    ),
    (
        "LG-ACCURACY",
        "理货准确率",
        "production_logistics",
        "%",
        "higher",
        (0, 100),
        99.5,
        _bands((0, 99, R, 0), (99, 99.5, A, 70), (99.5, 100, G, 100)),
        "vendor",
        _ratio("correct", "tallied"),
        "avg",
        "外包商现场负责人",
        "扫码复核无差错的托盘占理货托盘总数的比例。",
        "出库差错直接造成客户投诉与退货。",
        "扫码复核上线后同类仓库达99.6%。",
    ),
    (
        "LG-ONTIME",
        "出库及时率",
        "production_logistics",
        "%",
        "higher",
        (0, 100),
        98,
        _bands((0, 95, R, 0), (95, 98, A, 70), (98, 100, G, 100)),
        "company",
        _ratio("on_time", "shipments"),
        "avg",
        "物流仓储部",
        "在约定装车时间前完成备货的出库单占比。",
        "保障客户交付。",
        "夜班人数按峰值配置。",
    ),
    (
        "LG-DAMAGE",
        "货损率",
        "production_logistics",
        "‰",
        "lower",
        (0, 1000),
        0.5,
        _bands((0, 1, G, 100), (1, 3, A, 60), (3, 1000, R, 0)),
        "company",
        _ratio("damaged", "handled", 1000),
        "avg",
        "物流仓储部",
        "作业中损坏的件数占作业件数的千分比。",
        "控制损耗成本。",
        "上年自营为0.6‰。",
    ),
    (
        "LG-SAFETY",
        "安全事故",
        "production_logistics",
        "起",
        "lower",
        (0, 100),
        0,
        _bands((0, 1, G, 100), (1, 100, R, 0)),
        "company",
        _single(),
        "sum",
        "物流仓储部",
        "作业中发生的须记录的安全事故起数（月累计）。",
        "安全生产法规定的发包方管理职责。",
        "零事故是底线目标。",
    ),
    (
        "HR-STABILITY",
        "人员稳定率",
        "hr_service",
        "%",
        "higher",
        (0, 100),
        90,
        _bands((0, 80, R, 0), (80, 90, A, 70), (90, 100, G, 100)),
        "computed",
        "staff_stability",
        "avg",
        "系统自动计算",
        "100 −（期内离开人数 ÷ 期内在岗人数 × 100），取自人员备案。",
        "人员频繁更换影响服务质量与保密。",
        "合同约定外包商保持核心人员稳定。",
    ),
    (
        "HR-ACK",
        "工作指令按时确认率",
        "hr_service",
        "%",
        "higher",
        (0, 100),
        95,
        HIGHER_PCT,
        "computed",
        "instruction_acknowledgement",
        "avg",
        "系统自动计算",
        "期内发出的工作指令在确认期限内被外包商现场负责人确认的比例。",
        "指令只经现场负责人传达，确认及时才能落实。",
        "确认期限2天，现场负责人每日查看门户。",
    ),
    (
        "HR-CERT",
        "持证上岗率",
        "hr_service",
        "%",
        "higher",
        (0, 100),
        100,
        _bands((0, 95, R, 0), (95, 100, G, 100)),
        "vendor",
        _ratio("certified", "staff"),
        "min",
        "外包商现场负责人",
        "需持证岗位中持有效证书上岗的人员占比。",
        "特种作业与资质合规要求。",
        "证书到期已纳入提醒。",
    ),
    (
        "HR-SCORE",
        "业务部门综合评分",
        "hr_service",
        "分",
        "higher",
        (0, 100),
        85,
        _bands((0, 60, R, 0), (60, 85, A, 70), (85, 100, G, 100)),
        "company",
        _single("score"),
        "avg",
        "项目负责人与人力资源部",
        "效率、质量、配合度与合规的综合评分（P2 2.3(2)评分项）。",
        "反映业务部门对服务的整体评价。",
        "试点期平均86分。",
    ),
]


def _seed(*parts) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Kpi.objects.exists():
        say("performance: already loaded")
        return
    makers = {}
    for (code, name, category, unit, direction, (low, high), target, bands_, source, calc, aggregation, owner,
         definition, relevance, achievability) in KPIS:  # fmt: skip
        data = library.KpiData(code=code, name=name, category=category, unit=unit, direction=direction,
                               minimum=Decimal(str(low)), maximum=Decimal(str(high)), target=Decimal(str(target)),
                               thresholds=bands_, data_source=source, aggregation=aggregation, collection_owner=owner,
                               period="monthly", definition=definition, relevance=relevance,
                               achievability=achievability, precision=0 if unit in ("件", "起", "") else 1)  # fmt: skip
        if source == "computed":
            data.computed_from = calc
        else:
            data.inputs, data.formula, makers[code] = calc
        perform("hr", library.save_kpi, data=data)
    perform(
        "hr",
        library.save_kpi,
        data=library.KpiData(
            code="CS-KB",
            name="知识库更新及时率",
            category="customer_service",
            unit="%",
            direction="higher",
            target=Decimal(95),
            definition="政策变更后知识库在3个工作日内更新的条目占比。",
            data_source="vendor",
            inputs=["updated", "changed"],
            formula="updated / changed * 100",
            collection_owner="外包商现场质检",
            period="monthly",
        ),
    )  # fmt: skip  — no thresholds, relevance or achievability yet: not usable
    callback = Contract.objects.get(title="客户回访外包服务合同（试点）")
    tally = Contract.objects.get(title="成品库夜间理货外包服务合同")
    hotline = Contract.objects.get(title="客服中心热线外包服务合同")
    _callback(callback, makers)
    _tally(tally, makers)
    _hotline(hotline, makers)
    _reports(callback, "youlian")
    _reports(tally, "vendor2", weak=True)
    say(f"performance: {Kpi.objects.count()} KPIs, {Evaluation.objects.count()} evaluations")


def _sla(owner: str, contract: Contract, valid_from: dt.date, items, reason: str, **extra):
    data = slas.SlaData(contract=contract, valid_from=valid_from, reason=reason,
                        items=[slas.ItemData(kpi=Kpi.objects.get(code=c), weight=Decimal(w)) for c, w in items],
                        **extra)  # fmt: skip
    sla = perform(owner, slas.propose_sla, data=data)
    _approve_all(sla, "sla_version")
    return sla


def _figures(contract: Contract, makers, *, month: dt.date, level, people: dict[str, str]) -> None:
    """Three figures per entered KPI in the month (the 5th, 15th, 25th inside the term, before today); `level`
    gives the figure wanted for a KPI code."""
    from outsourcing.performance import selectors

    last = min(periods.period_bounds("monthly", month)[1], contract.end_date, today() - dt.timedelta(days=1))
    for day_number in (5, 15, 25):
        day = month.replace(day=day_number)
        if day < contract.start_date or day > last:
            continue
        sla = selectors.sla_in_force(contract.pk, day)
        for item in sla.items.select_related("kpi"):
            kpi = item.kpi
            if kpi.data_source == "computed":
                continue
            wanted = Decimal(str(level(kpi.code, _seed(contract.pk, kpi.code, day))))
            wanted = min(max(wanted, kpi.minimum), kpi.maximum)
            perform(people[kpi.data_source], values.record_value, data=values.ValueData(
                contract=contract, kpi=kpi, measured_on=day, inputs=makers[kpi.code](wanted)))  # fmt: skip


GOOD = {"CS-ANSWER": 96, "CS-FCR": 87, "CS-CSAT": 92, "CS-COMPLAINT": 1, "CS-RESPONSE": 18, "LG-ACCURACY": 99.6,
        "LG-ONTIME": 98.6, "LG-DAMAGE": 0.4, "LG-SAFETY": 0, "HR-CERT": 100, "HR-SCORE": 88}  # fmt: skip


def _good(code: str, seed: int) -> Decimal:
    wobble = Decimal(seed % 7 - 3) / 10
    if code == "CS-COMPLAINT":
        return Decimal(seed % 3 == 0)  # now and then one complaint in a ten-day batch
    base = Decimal(str(GOOD[code]))
    return base if code in ("LG-SAFETY", "HR-CERT") else base + wobble


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), SHANGHAI)


def _evaluate(owner: str, contract: Contract, month: dt.date, *, answer=None, disputes=None) -> Evaluation:
    """Evaluate and publish the month five days after it ended (the story's dates), then the vendor's answer."""
    evaluation = perform(owner, evaluations.evaluate, contract=contract, day=month, comments="")
    evaluation = perform(owner, evaluations.publish, evaluation=evaluation)
    published = min(evaluation.period_end + dt.timedelta(days=5), today())
    if answer is not None:
        item_ids = {i.kpi.code: i.pk for i in evaluation.items.select_related("kpi")}
        perform(
            answer,
            evaluations.answer,
            evaluation=evaluation,
            disputes={item_ids[code]: reason for code, reason in (disputes or {}).items()},
        )
    Evaluation.objects.filter(pk=evaluation.pk).update(
        published_at=_at(published), answer_by=published + dt.timedelta(days=evaluation.sla.dispute_days),
        answered_at=_at(published + dt.timedelta(days=3), 15) if answer else None)  # fmt: skip
    evaluation.refresh_from_db()
    return evaluation


def _callback(contract: Contract, makers) -> None:
    """杭州优联's callback pilot: ten months, two SLA versions, evaluations in every state."""
    people = {"vendor": "youlian", "company": "requester"}
    v1_items = [("CS-ANSWER", 30), ("CS-FCR", 20), ("CS-CSAT", 25), ("HR-SCORE", 15), ("HR-STABILITY", 10)]
    _sla("requester", contract, contract.start_date, v1_items, "试点合同签订，按招标文件服务标准设定SLA。")
    revised = periods.month_start(contract.start_date + dt.timedelta(days=175))
    months = periods.months(contract.start_date, today() - dt.timedelta(days=1))
    hr = User.objects.get(username="hr")
    for month in months:
        if month == revised:
            _sla("requester", contract, revised,
                 [("CS-ANSWER", 25), ("CS-FCR", 20), ("CS-CSAT", 20), ("CS-COMPLAINT", 10), ("HR-SCORE", 15),
                  ("HR-STABILITY", 10)],
                 "季度业务评审会（QBR）决定：新增有效投诉数指标，调整接通率与满意度权重。")  # fmt: skip
        weak = month == months[len(months) // 2]  # one month below standard
        dip = month == months[3]  # the month whose satisfaction survey the vendor disputes

        def level(code, seed, weak=weak, dip=dip):
            if weak and code in ("CS-ANSWER", "CS-FCR", "CS-CSAT", "HR-SCORE"):
                return {"CS-ANSWER": 82, "CS-FCR": 70, "CS-CSAT": 78, "HR-SCORE": 58}[code] + seed % 3
            if dip and code == "CS-CSAT":
                return Decimal("87.5")
            return _good(code, seed)

        _figures(contract, makers, month=month, level=level, people=people)
    finished = [m for m in months if periods.period_bounds("monthly", m)[1] < today()]
    for index, month in enumerate(finished):
        if index == len(finished) - 1:
            _evaluate("requester", contract, month, answer="youlian", disputes={  # waiting for the owner with HR
                "CS-COMPLAINT": "11月18日投诉系客户对新退换货政策不满，非回访服务责任，请不计入。"})  # fmt: skip
            continue
        if index == len(finished) - 2:  # the month before: the vendor said nothing, silence confirmed it
            _evaluate("requester", contract, month)  # answer by the 15th of last month
            evaluations.confirm_by_silence(day=today())
            continue
        if index == 3:  # disputed: a survey batch counted twice; re-scored with HR
            evaluation = _evaluate("requester", contract, month, answer="youlian", disputes={
                "CS-CSAT": "第三周回访样本中有46条重复计入“不满意”，请剔除后重新计算。"})  # fmt: skip
            item = evaluation.items.get(answer="disputed")
            perform("requester", evaluations.resolve, evaluation=evaluation, item=item, outcome=Resolution.RESCORED,
                    score=Decimal(100), with_hr=hr, reason="经核对回访系统日志，46条样本重复计入，剔除后满意度为91.2%，"
                                                           "按绿色区间重新评分。")  # fmt: skip
            continue
        evaluation = _evaluate("requester", contract, month, answer="youlian")
        if evaluation.passed is False:
            plan = evaluation.rectification
            perform(
                "youlian",
                improvement.submit_plan,
                plan=plan,
                root_cause="暑期进线量较预测高出22%，排班未及时调整；新员工占比过高，首次解决率下降。",
                actions="1. 增加弹性坐席4席；2. 每周按预测调整排班；3. 新员工带教期延长至4周并每日抽检。",
                owner="杭州优联项目经理",
                deadline=min(today() + dt.timedelta(days=20), contract.end_date),
            )
            perform("requester", improvement.decide_plan, plan=plan, accept=True)


def _tally(contract: Contract, makers) -> None:
    """vendor2's night tally: two months below standard in a row open a PIP."""
    people = {"vendor": "vendor2", "company": "logistics"}
    items = [("LG-ACCURACY", 40), ("LG-ONTIME", 20), ("LG-DAMAGE", 20), ("LG-SAFETY", 10), ("HR-STABILITY", 10)]
    _sla("logistics", contract, contract.start_date, items, "合同签订，按比选文件服务标准设定SLA。", pip_after=2)
    bad = {"LG-ACCURACY": 98.2, "LG-ONTIME": 93.5, "LG-DAMAGE": 2.4, "LG-SAFETY": 0}
    months = periods.months(contract.start_date, today() - dt.timedelta(days=1))
    for month in months:
        _figures(contract, makers, month=month, level=lambda code, seed: Decimal(str(bad[code])) + Decimal(seed % 3)
                 / 10 if code != "LG-SAFETY" else 0, people=people)  # fmt: skip
    finished = [m for m in months if periods.period_bounds("monthly", m)[1] < today()][-2:]
    hr = User.objects.get(username="hr")
    first = _evaluate("logistics", contract, finished[0], answer="vendor2", disputes={
        "LG-ONTIME": "10月有3个批次因客户临时改单延误，不应计入外包商责任。"})  # fmt: skip
    item = first.items.get(answer="disputed")
    perform("logistics", evaluations.resolve, evaluation=first, item=item, outcome=Resolution.UPHELD, with_hr=hr,
            reason="改单均在截单时间前2小时以上提出，按合同附件3仍属外包商备货责任，维持原评分。")  # fmt: skip
    plan = first.rectification
    perform(
        "vendor2",
        improvement.submit_plan,
        plan=plan,
        root_cause="夜班新进理货员未经扫码复核培训即上岗，B区货位标识不清。",
        actions="1. 全员扫码复核培训并考核；2. B区货位标识重做；3. 每班抽检20托。",
        owner="钱红（现场负责人）",
        deadline=min(today() + dt.timedelta(days=15), contract.end_date),
    )
    perform("logistics", improvement.decide_plan, plan=plan, accept=True)
    second = _evaluate("logistics", contract, finished[1], answer="vendor2")
    pip = contract.pips.get()
    perform(
        "logistics",
        improvement.plan_pip,
        pip=pip,
        root_cause="连续两月理货准确率与出库及时率未达标：人员培训不足、夜班排班与出库波次不匹配、复核流程未执行。",
        actions="按周跟踪准确率；外包商调整夜班排班并增设复核岗；物流仓储部每两周验证一次。",
    )
    for days, what in ((14, "完成夜班全员扫码复核培训与考核"), (30, "连续两周理货准确率≥99.5%"),
                       (50, "出库及时率恢复至98%以上并保持两周")):  # fmt: skip
        perform(
            "logistics",
            improvement.add_milestone,
            pip=pip,
            description=what,
            due_date=min(today() + dt.timedelta(days=days), pip.deadline),
        )
    assert second.passed is False and pip.status == PipStatus.OPEN


def _hotline(contract: Contract, makers) -> None:
    """vendor1's hotline: its first month, evaluated and waiting for vendor1's answer."""
    people = {"vendor": "vendor1", "company": "requester"}
    items = [("CS-ANSWER", 30), ("CS-FCR", 15), ("CS-CSAT", 20), ("CS-RESPONSE", 15), ("HR-ACK", 10),
             ("HR-STABILITY", 10)]  # fmt: skip
    _sla("requester", contract, contract.start_date, items, "合同签订，按招标文件附件1服务标准设定SLA。")
    months = periods.months(contract.start_date, today() - dt.timedelta(days=1))
    for month in months:
        _figures(
            contract,
            makers,
            month=month,
            people=people,
            level=lambda code, seed: _good(code, seed) - (6 if code == "CS-ANSWER" else 0),
        )
    finished = [m for m in months if periods.period_bounds("monthly", m)[1] < today()]
    if finished:
        _evaluate("requester", contract, finished[-1])


def _reports(contract: Contract, manager: str, *, weak: bool = False) -> None:
    """The vendor's report and feedback on the company for last month (PRF-5, PRF-8)."""
    last = periods.month_start(today()) - dt.timedelta(days=1)
    perform(
        manager,
        reports.submit_report,
        contract=contract,
        day=last,
        figures="各项指标见系统月度数据；理货准确率98.2%，出库及时率93.6%。" if weak else "各项指标均达到或超过目标。",
        analysis="夜班新人占比高，B区货位标识不清导致差错。" if weak else "回访量较上月增加8%，人员稳定。",
        misses="出库波次与夜班排班不匹配。" if weak else "",
        measures="按绩效改进计划执行：培训、标识重做、增设复核岗。" if weak else "继续优化回访话术，建立周度投诉复盘。",
    )
    perform(
        manager,
        reports.give_feedback,
        contract=contract,
        day=last,
        clarity=4,
        confirmations=3 if weak else 4,
        payments=4,
        cooperation=4 if weak else 5,
        comments="改单通知偶有延迟，希望截单时间前2小时确认。" if weak else "需求清晰，配合顺畅。",
    )
