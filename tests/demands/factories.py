"""Demand data builders: a complete, valid form for 客户服务部 unless told otherwise."""

import datetime as dt
from decimal import Decimal

from outsourcing.demands import selfcheck
from outsourcing.demands.services import BudgetItem, DemandData
from outsourcing.org.models import Department

SAFE_ANSWERS = selfcheck.NO_SIGNS


def demand_data(
    *, department="OPS-CS", lines=(("坐席服务费", "100000"),), reserve="5000", total=None, **overrides
) -> DemandData:
    items = [BudgetItem(item, Decimal(amount), "") for item, amount in lines]
    computed = sum((i.amount for i in items), Decimal("0")) + Decimal(reserve)
    values = {
        "title": "客服热线外包",
        "department": Department.objects.get(code=department),
        "background": "话务量增长",
        "work_scope": "热线接听与工单记录",
        "boundaries": "不含投诉处理决策",
        "deliverables": "月度服务报告",
        "sla_outline": "接通率≥95%",
        "period_start": dt.date(2027, 1, 1),
        "period_end": dt.date(2027, 12, 31),
        "estimated_headcount": 12,
        "budget_total": Decimal(total) if total is not None else computed,
        "risk_reserve": Decimal(reserve),
        "funding_source": "department_budget",
        "risk_analysis": "人员流动风险",
        "contingency_plan": "AB角备岗",
        "declared_nature": "auxiliary",
        "nature_explanation": "辅助性服务",
        "self_check": dict(SAFE_ANSWERS),
        "budget_lines": items,
        "inhouse_staff_cost": Decimal("96000"),
        "inhouse_management_cost": Decimal("14000"),
        "inhouse_equipment_cost": Decimal("8000"),
    }
    values.update(overrides)
    return DemandData(**values)


def form_post(**overrides) -> dict:
    """The demand page's POST body for a complete demand of 客户服务部."""
    data = {
        "title": "客服热线外包",
        "department": str(Department.objects.get(code="OPS-CS").pk),
        "background": "话务量增长",
        "work_scope": "热线接听",
        "boundaries": "不含投诉处理决策",
        "deliverables": "月度服务报告",
        "sla_outline": "接通率≥95%",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "estimated_headcount": "12",
        "budget_total": "105000.00",
        "risk_reserve": "5000",
        "funding_source": "department_budget",
        "budget_notes": "",
        "risk_analysis": "人员流动",
        "contingency_plan": "AB角",
        "declared_nature": "auxiliary",
        "nature_explanation": "辅助性服务",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-item": "坐席服务费",
        "lines-0-amount": "100000",
        "lines-0-note": "",
        "inhouse_staff_cost": "96000",
        "inhouse_management_cost": "14000",
        "inhouse_equipment_cost": "8000",
        "inhouse_basis": "",
    }
    data.update({f"sc_{k}": v for k, v in SAFE_ANSWERS.items()})
    data.update(overrides)
    return data
