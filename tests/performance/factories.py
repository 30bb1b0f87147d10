"""Performance builders: KPIs saved by HR through the library's service, SLA versions proposed by the project's
owner and approved through the approval engine, figures recorded through the value service; contracts in force
from tests/workforce's builder."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.audit.actor import perform
from outsourcing.contracts.demo import _approve_all
from outsourcing.performance import evaluations, library, slas, values
from outsourcing.performance.bands import DEFAULT_GRADES
from outsourcing.performance.models import Kpi
from tests.workforce.factories import contract_in_force, user

__all__ = ["contract_in_force", "kpi", "sla", "figure", "user", "published", "month_ago"]

BANDS = [{"from": "0", "to": "85", "rating": "red", "score": "0"},
         {"from": "85", "to": "95", "rating": "amber", "score": "70"},
         {"from": "95", "to": "100", "rating": "green", "score": "100"}]  # fmt: skip


def kpi(code: str = "T-ANSWER", **overrides) -> Kpi:
    values_ = {"code": code, "name": f"{code} 接通率", "category": "customer_service", "unit": "%",
               "direction": "higher", "target": Decimal(95), "thresholds": BANDS, "data_source": "vendor",
               "inputs": ["answered", "offered"], "formula": "answered / offered * 100", "aggregation": "avg",
               "collection_owner": "外包商质检", "period": "monthly", "definition": "20秒内接起的来电占比",
               "relevance": "客户及时联系到客服", "achievability": "坐席数可支撑"}  # fmt: skip
    values_.update(overrides)
    return perform("hr", library.save_kpi, data=library.KpiData(**values_))


def sla(contract, items, *, by: str = "requester", valid_from: dt.date | None = None, approve: bool = True,
        **extra):  # fmt: skip
    data = slas.SlaData(contract=contract, valid_from=valid_from or contract.start_date, reason="按合同附件设定",
                        items=[slas.ItemData(kpi=k, weight=Decimal(w)) for k, w in items],
                        grades=list(DEFAULT_GRADES), **extra)  # fmt: skip
    version = perform(by, slas.propose_sla, data=data)
    if approve:
        _approve_all(version, "sla_version")
        version.refresh_from_db()
    return version


def figure(contract, kpi_, day: dt.date, by: str | None = None, **inputs):
    by = by or ("vendor1" if kpi_.data_source == "vendor" else "requester")
    return perform(by, values.record_value, data=values.ValueData(contract=contract, kpi=kpi_, measured_on=day,
                                                                  inputs=inputs))  # fmt: skip


def published(contract, day: dt.date, by: str = "requester"):
    evaluation = perform(by, evaluations.evaluate, contract=contract, day=day)
    return perform(by, evaluations.publish, evaluation=evaluation)


def month_ago(months: int, day: int = 10) -> dt.date:
    from outsourcing.core.timeutil import today

    index = today().year * 12 + today().month - 1 - months
    return dt.date(index // 12, index % 12 + 1, day)


def victims() -> list:
    """vendor1's performance records on a contract of 客户服务部 (the generated sweep's victims): an approved SLA, a
    figure, two failed months with a rectification plan and a PIP with a milestone, and a draft evaluation."""
    from outsourcing.performance import improvement, reports
    from outsourcing.performance.models import Kpi

    contract = contract_in_force("vendor1", start=month_ago(3, day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    version = sla(contract, [(answer, 100)], pip_after=2)
    found = [version, answer]
    for back in (2, 1):
        found.append(figure(contract, answer, month_ago(back), answered=800, offered=1000))
        evaluation = published(contract, month_ago(back))
        found.append(perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={}))
    found.append(figure(contract, answer, month_ago(3, day=20), answered=990, offered=1000))
    found.append(perform("requester", evaluations.evaluate, contract=contract, day=month_ago(3)))  # a draft
    pip = contract.pips.get()
    perform("requester", improvement.add_milestone, pip=pip, description="整改到位", due_date=pip.deadline)
    found += [pip, *contract.rectification_plans.all(), *pip.milestones.all()]
    found.append(perform("vendor1", reports.submit_report, contract=contract, day=month_ago(1), figures="接通率80%",
                         analysis="夜班不足", misses="坐席少", measures="增派"))  # fmt: skip
    found.append(perform("vendor1", reports.give_feedback, contract=contract, day=month_ago(1), clarity=3,
                         confirmations=3, payments=4, cooperation=4))  # fmt: skip
    return found
