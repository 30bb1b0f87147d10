"""Demo demands in every state across departments, and the projects approved ones became.

Everything goes through the services and the approval engine, as people would do it. Idempotent: a
demand whose title exists is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.approvals import selectors as approval_selectors
from outsourcing.approvals import services as approvals
from outsourcing.approvals.models import ApprovalTask, Decision, TaskStatus
from outsourcing.audit.actor import perform
from outsourcing.core.money import to_money
from outsourcing.core.timeutil import today
from outsourcing.demands import selfcheck, services
from outsourcing.demands.models import Demand, Project, WorkNature
from outsourcing.org.models import Department, User

SAFE_ANSWERS = selfcheck.NO_SIGNS
INHOUSE_BASIS = "按同岗位自有员工薪酬（含社保公积金）、管理人员分摊及工位设备折旧测算。"


def demand_data(
    title,
    department,
    *,
    lines,
    reserve,
    start_in_days=30,
    months=12,
    headcount=10,
    nature=WorkNature.AUXILIARY,
    answers=None,
    inhouse=None,
    **texts,
) -> services.DemandData:
    start = today() + dt.timedelta(days=start_in_days)
    items = [services.BudgetItem(item, Decimal(amount), note) for item, amount, note in lines]
    total = sum((i.amount for i in items), Decimal("0")) + Decimal(reserve)
    # DEM-5: the same work in-house, by default a tenth dearer than the vendor's lines (staff, management,
    # equipment in the usual proportions); a demand may give its own figures.
    outsourced = total - Decimal(reserve)
    staff, management, equipment = inhouse or (
        to_money(outsourced * Decimal("0.86")), to_money(outsourced * Decimal("0.16")),
        to_money(outsourced * Decimal("0.08")),
    )  # fmt: skip
    return services.DemandData(
        title=title,
        department=Department.objects.get(code=department),
        background=texts.get("background", f"{title}：业务量持续增长，现有人员无法满足需求，拟通过劳务外包解决。"),
        work_scope=texts.get("work_scope", "由外包商自行组织人员完成约定范围内的工作，并对成果负责。"),
        boundaries=texts.get("boundaries", "不含公司核心业务决策、客户数据的导出与二次使用、人员的直接管理。"),
        deliverables=texts.get("deliverables", "按月提交服务报告，业务部门按服务标准验收。"),
        sla_outline=texts.get("sla_outline", "服务达成率≥95%；重大差错为0；月度满意度≥90分。"),
        period_start=start,
        period_end=start + dt.timedelta(days=30 * months - 1),
        estimated_headcount=headcount,
        budget_total=total,
        risk_reserve=Decimal(reserve),
        funding_source="department_budget",
        risk_analysis=texts.get("risk_analysis", "主要风险：人员流动导致服务中断；外包商用工不规范引发连带责任。"),
        contingency_plan=texts.get("contingency_plan", "要求外包商设置AB角与备岗人员；按月核查工资与社保缴纳证明。"),
        declared_nature=nature,
        nature_explanation=texts.get("nature_explanation", "属于辅助性、可独立划分的服务，不涉及核心业务与关键技术。"),
        self_check=answers or SAFE_ANSWERS,
        budget_lines=items,
        inhouse_staff_cost=Decimal(staff),
        inhouse_management_cost=Decimal(management),
        inhouse_equipment_cost=Decimal(equipment),
        inhouse_basis=texts.get("inhouse_basis", INHOUSE_BASIS),
    )


def decide_as(demand, username, decision=Decision.APPROVE, comment=""):
    user = User.objects.get(username=username)
    task = next(
        t
        for t in ApprovalTask.objects.filter(
            request__object_id=demand.pk, request__flow__document_type="demand", status=TaskStatus.PENDING
        )
        if approval_selectors.acting_principal(user, t)
    )
    perform(user, approvals.decide, task=task, decision=decision, comment=comment)


def confirm_nature(demand, nature=None, comment=""):
    perform("hr", services.confirm_nature, demand=demand, nature=nature or demand.declared_nature, comment=comment)


def approved_project(title: str, department: str, owner: str, head: str, **data) -> Project:
    """A demand written by `owner`, approved along the whole chain (management when the matrix asks)."""
    demand = perform(owner, services.create_draft, data=demand_data(title, department, **data))
    perform(owner, services.submit, demand=demand)
    decide_as(demand, head)
    confirm_nature(demand)
    for username in ("hr", "finance", "legal", "manager"):
        if ApprovalTask.objects.filter(request__object_id=demand.pk, request__flow__document_type="demand",
                                       status=TaskStatus.PENDING).exists():  # fmt: skip
            decide_as(demand, username)
    return Project.objects.get(demand=demand)


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Demand.objects.filter(title="客服中心热线外包服务").exists():
        say(f"demands: {Demand.objects.count()} (already loaded)")
        return
    requester, logistics, itowner = (User.objects.get(username=u) for u in ("requester", "logistics", "itowner"))

    # Approved above the management threshold (500,000): the whole chain, management included.
    hotline = perform(
        requester,
        services.create_draft,
        data=demand_data(
            "客服中心热线外包服务",
            "OPS-CS",
            headcount=40,
            reserve="60000",
            lines=[
                ("坐席服务费", "1080000", "40席 × 2250元/席/月 × 12个月，按有效服务量结算"),
                ("质检与培训服务费", "140000", "外包商自行组织的服务质量管理"),
            ],
            work_scope="7×24小时客服热线接听、工单记录与回访，由外包商现场负责人统一调度。",
        ),
    )
    perform(requester, services.submit, demand=hotline)
    decide_as(hotline, "depthead")
    confirm_nature(hotline)
    for username in ("hr", "finance", "legal", "manager"):
        decide_as(hotline, username)

    # Approved below the threshold: no management step.
    desktop = perform(
        itowner,
        services.create_draft,
        data=demand_data(
            "IT桌面运维外包",
            "IT-OPS",
            headcount=6,
            reserve="20000",
            nature=WorkNature.NON_CORE_SERVICE,
            lines=[("桌面运维服务费", "300000", "按工单量与响应时效结算"), ("备品备件", "40000", "实报实销上限")],
            work_scope="办公电脑、打印机等终端设备的安装、维护与故障处理。",
        ),
    )
    perform(itowner, services.submit, demand=desktop)
    decide_as(desktop, "ithead")
    confirm_nature(desktop)
    for username in ("hr", "finance", "legal"):
        decide_as(desktop, username)

    # Waiting for management: 仓储分拣, above the threshold.
    sorting = perform(
        logistics,
        services.create_draft,
        data=demand_data(
            "仓储分拣外包",
            "OPS-LOG",
            headcount=30,
            reserve="40000",
            lines=[("分拣服务费", "720000", "按分拣件数 × 单价结算"), ("设备使用费", "60000", "")],
        ),
    )
    perform(logistics, services.submit, demand=sorting)
    decide_as(sorting, "depthead")
    confirm_nature(sorting)
    for username in ("hr", "finance", "legal"):
        decide_as(sorting, username)

    # Waiting at HR, nature not yet confirmed; the self-check shows a medium risk (mixed posts).
    quality = perform(
        requester,
        services.create_draft,
        data=demand_data(
            "客服质检外包",
            "OPS-CS",
            headcount=5,
            reserve="10000",
            answers={**SAFE_ANSWERS, "mixed_posts": "yes"},
            lines=[("质检服务费", "180000", "按抽检通话量结算")],
        ),
    )
    perform(requester, services.submit, demand=quality)
    decide_as(quality, "depthead", comment="同意，请人力资源部重点审核混岗问题")

    # Waiting at the department head.
    callback = perform(
        requester,
        services.create_draft,
        data=demand_data(
            "客户回访外包", "OPS-CS", headcount=8, reserve="8000", lines=[("回访服务费", "150000", "按有效回访量结算")]
        ),
    )
    perform(requester, services.submit, demand=callback)

    # Returned by the department head with a comment.
    loading = perform(
        logistics,
        services.create_draft,
        data=demand_data(
            "仓储装卸搬运外包", "OPS-LOG", headcount=20, reserve="15000", lines=[("装卸服务费", "260000", "按吨位结算")]
        ),
    )
    perform(logistics, services.submit, demand=loading)
    decide_as(loading, "depthead", Decision.RETURN, "请补充装卸作业的安全管理要求和特种设备操作资质要求")

    # Rejected by HR: the work is key technology (HR's confirmation differs from the declaration).
    core = perform(
        itowner,
        services.create_draft,
        data=demand_data(
            "核心交易系统开发外包",
            "IT-OPS",
            headcount=12,
            reserve="50000",
            nature=WorkNature.NON_CORE_SERVICE,
            answers={**SAFE_ANSWERS, "pricing": "headcount", "direction": "company"},
            lines=[("开发人员费用", "900000", "12人 × 12个月")],
        ),
    )
    perform(itowner, services.submit, demand=core)
    decide_as(core, "ithead")
    confirm_nature(core, WorkNature.KEY_TECHNOLOGY, "核心交易系统属于公司关键技术，不得外包")
    decide_as(
        core,
        "hr",
        Decision.REJECT,
        "属于关键技术，依据制度第四条不得外包；且按人头计价、由我方直接指挥，存在假外包风险",
    )

    # A draft still being written.
    perform(
        requester,
        services.create_draft,
        data=demand_data(
            "客服中心夜班热线外包",
            "OPS-CS",
            headcount=10,
            reserve="10000",
            start_in_days=60,
            lines=[("夜班坐席服务费", "240000", "10席 × 2000元/席/月 × 12个月")],
        ),
    )
    say(f"demands: {Demand.objects.count()}")
