"""DEM-4, DEM-2: the approval chain on both sides of the threshold, HR's confirmation, the project."""

from decimal import Decimal

import pytest

from outsourcing.approvals import selectors as approval_selectors
from outsourcing.approvals import services as approvals
from outsourcing.approvals.models import ApprovalTask, Decision, TaskStatus
from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.demands import services
from outsourcing.demands.models import Project
from outsourcing.org.models import Role
from tests.demands.factories import demand_data

pytestmark = pytest.mark.django_db


def pending_role(demand) -> list[str]:
    return list(
        ApprovalTask.objects.filter(
            request__object_id=demand.pk, request__flow__document_type="demand", status=TaskStatus.PENDING
        ).values_list("role", flat=True)
    )


def approve(demand, user, comment=""):
    task = next(
        t
        for t in ApprovalTask.objects.filter(
            request__object_id=demand.pk, request__flow__document_type="demand", status=TaskStatus.PENDING
        )
        if approval_selectors.acting_principal(user, t)
    )
    approvals.decide(task=task, actor=user, decision=Decision.APPROVE, comment=comment)


def submitted_demand(demo, amount):
    demand = services.create_draft(actor=demo.requester, data=demand_data(lines=(("服务费", amount),), reserve="0"))
    return services.submit(actor=demo.requester, demand=demand)


@pytest.mark.parametrize(("amount", "needs_management"), [("499999.99", False), ("500000", True)])
def test_chain_head_hr_finance_legal_then_management_above_the_threshold(demo, amount, needs_management):
    """DEM-4, ORG-2: 部门负责人 → HR → 财务 → 法务 (→ 管理层 at ≥ 500,000); approval creates the project."""
    demand = submitted_demand(demo, amount)
    order = []
    for username in ("depthead", "hr", "finance", "legal", "manager"):
        if not pending_role(demand):
            break
        order.append(pending_role(demand)[0])
        if username == "hr":
            services.confirm_nature(actor=demo.hr, demand=demand, nature="auxiliary")
        approve(demand, getattr(demo, username))
    expected = [Role.DEPT_HEAD, Role.HR, Role.FINANCE, Role.LEGAL] + ([Role.MANAGEMENT] if needs_management else [])
    assert order == expected
    demand.refresh_from_db()
    assert demand.status == ApprovalState.APPROVED
    project = Project.objects.get(demand=demand)
    assert project.number.startswith("PRJ-") and project.budget == Decimal(amount)
    assert project.owner == demo.requester and project.department == demand.department


def test_hr_must_confirm_the_nature_before_approving(demo):
    """DEM-2: HR's approval is blocked until HR confirms the nature of the work."""
    demand = submitted_demand(demo, "100000")
    approve(demand, demo.depthead)
    with pytest.raises(RuleViolation) as blocked:
        approve(demand, demo.hr)
    assert blocked.value.code == "nature_not_confirmed" and "确认" in str(blocked.value)
    services.confirm_nature(actor=demo.hr, demand=demand, nature="auxiliary")
    approve(demand, demo.hr)
    assert pending_role(demand) == [Role.FINANCE]


def test_a_demand_hr_finds_to_be_core_business_cannot_be_approved(demo):
    """DEM-2: HR corrects the nature to key technology (with a reason); nobody can approve it any more."""
    demand = submitted_demand(demo, "100000")
    approve(demand, demo.depthead)
    with pytest.raises(RuleViolation):
        services.confirm_nature(actor=demo.hr, demand=demand, nature="key_technology", comment="")
    services.confirm_nature(actor=demo.hr, demand=demand, nature="key_technology", comment="属于关键技术")
    with pytest.raises(RuleViolation) as blocked:
        approve(demand, demo.hr)
    assert "关键技术" in str(blocked.value)
    task = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    approvals.decide(task=task, actor=demo.hr, decision=Decision.REJECT, comment="关键技术不得外包")
    demand.refresh_from_db()
    assert demand.status == ApprovalState.REJECTED and not Project.objects.filter(demand=demand).exists()


def test_returned_demand_is_edited_and_resubmitted(demo):
    """DEM-4, WF-2: the department head returns it; the owner edits and resubmits; round 2 starts."""
    demand = submitted_demand(demo, "100000")
    task = ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING)
    approvals.decide(task=task, actor=demo.depthead, decision=Decision.RETURN, comment="补充风险分析")
    demand.refresh_from_db()
    assert demand.status == ApprovalState.RETURNED and demand.is_editable
    services.update_draft(
        actor=demo.requester,
        demand=demand,
        data=demand_data(lines=(("服务费", "100000"),), reserve="0", risk_analysis="补充后的风险分析"),
    )
    services.submit(actor=demo.requester, demand=demand)
    demand.refresh_from_db()
    assert demand.status == ApprovalState.IN_APPROVAL and demand.risk_analysis == "补充后的风险分析"
    assert ApprovalTask.objects.get(request__object_id=demand.pk, status=TaskStatus.PENDING).round == 2


def test_only_hr_confirms_and_only_in_approval(demo):
    """DEM-2"""
    draft = services.create_draft(actor=demo.requester, data=demand_data())
    with pytest.raises(RuleViolation):
        services.confirm_nature(actor=demo.hr, demand=draft, nature="auxiliary")
    demand = services.submit(actor=demo.requester, demand=draft)
    with pytest.raises(RuleViolation) as refused:
        services.confirm_nature(actor=demo.finance, demand=demand, nature="auxiliary")
    assert refused.value.code == "not_hr"
