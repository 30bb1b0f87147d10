"""Compliance builders: risks recorded through the register's service, findings opened by the real daily job."""

from __future__ import annotations

import datetime as dt

from outsourcing.compliance import daily, risks
from outsourcing.compliance.models import FindingStatus, IndicatorFinding
from outsourcing.core.timeutil import today
from tests.workforce.factories import contract_in_force, on_site, user

__all__ = ["risk_data", "recorded", "open_finding", "user"]


def risk_data(**overrides) -> risks.RiskData:
    values = {"title": "外包商拖欠工资引发连带责任", "category": "legal", "likelihood": 3, "impact": 4,
              "residual_likelihood": 2, "residual_impact": 3, "owner": user("hr"),
              "review_on": today() + dt.timedelta(days=90), "controls": "每月核验工资发放凭证"}  # fmt: skip
    values.update(overrides)
    return risks.RiskData(**values)


def recorded(by: str = "hr", **overrides):
    return risks.record_risk(actor=user(by), data=risk_data(**overrides))


def open_finding() -> tuple[IndicatorFinding, dt.date]:
    """A worker still on site the day after the vendor's confidentiality agreement ended: the indicator's finding."""
    contract = contract_in_force(months=1)
    on_site(contract)
    day = contract.end_date + dt.timedelta(days=1)
    daily.run_all(day)
    return IndicatorFinding.objects.get(indicator="worker_without_confidentiality", status=FindingStatus.OPEN), day


def victims(contract, mark: str) -> list:
    """The generated sweep's compliance records about the department's and vendor1's contract: a risk linked to it
    and a work-injury incident with an action (marked), and the findings today's indicators open."""
    from outsourcing.compliance import audits, incidents
    from outsourcing.compliance.models import IndicatorFinding

    risk = recorded(title=f"{mark}合同风险", contract=contract)
    incident = incidents.record_incident(
        actor=user("requester"),
        data=incidents.IncidentData(
            kind="work_injury", title=f"{mark}工伤", description="搬运时扭伤", occurred_on=today(), contract=contract
        ),
    )
    action = incidents.add_action(actor=user("hr"), incident=incident, description="提交事故报告", owner=user("hr"),
                                  due_on=today())  # fmt: skip
    daily.run_all(today())
    audit = audits.open_audit(actor=user("auditor"), data=audits.AuditData(
        year=today().year, title=f"{mark}专项审计", scope="全部外包合同", period_start=today().replace(day=1),
        period_end=today(), lead=user("auditor"), areas=["security"]))  # fmt: skip
    finding = audits.record_finding(actor=user("auditor"), audit=audit, title=f"{mark}权限未回收", owner=user("hr"))
    fix = audits.require_action(actor=user("auditor"), finding=finding, description="补关权限", owner=user("hr"),
                                due_on=today())  # fmt: skip
    return [risk, incident, action, *IndicatorFinding.objects.all(), audit, finding, fix]
