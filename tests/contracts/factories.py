"""Contract builders: an approved award (the selection run as tests/sourcing proves it), a legal-approved
template, complete contract data, and a contract walked to co-review, approval and signing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.selectors import acting_principal
from outsourcing.approvals.services import decide
from outsourcing.contracts import drafting, review, signing
from outsourcing.contracts.models import ContractTemplate, CoreClause
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.sourcing import award as awarding
from tests.sourcing.factories import at_scoring, event_with_answers, sheet, user


def approved_award(amount="1060000"):
    event, vendors = event_with_answers(("1100000", "1000000", "1250000"))
    event = at_scoring(event)
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        sheet(event, username, {vendors[0].name: 92, vendors[1].name: 85, vendors[2].name: 70})
    award = awarding.propose_award(
        actor=user("procurement"),
        event=event,
        winner=event.candidates.get(vendor=vendors[0]),
        amount=Decimal(amount),
        reason="综合得分第一",
    )
    approve_everything(award, "sourcing_award")
    award.refresh_from_db()
    return award, vendors


def approve_everything(document, flow: str, skip=()) -> list[str]:
    """Approve each pending step of `document` as someone who may; returns the roles asked."""
    roles = []
    for _ in range(10):
        tasks = list(ApprovalTask.objects.filter(request__object_id=document.pk, request__flow__document_type=flow,
                                                 status=TaskStatus.PENDING))  # fmt: skip
        if not tasks:
            break
        for task in tasks:
            if task.role in skip:
                return roles
            roles.append(task.role)
            approver = next(u for u in User.objects.filter(is_active=True, kind="internal").order_by("pk")
                            if acting_principal(u, task) is not None)  # fmt: skip
            decide(task=task, actor=approver, decision="approve", comment="同意")
    return roles


def template() -> ContractTemplate:
    found = ContractTemplate.objects.filter(name="劳务外包服务合同（标准范本）", version="2026版").first()
    return found or drafting.save_template(
        actor=user("legal"),
        name="劳务外包服务合同（标准范本）",
        version="2026版",
        is_standard=True,
        summary="公司标准范本：双方信息、服务范围与SLA、期限、费用与结算、用工主体责任、保密、考核、违约、变更解除、不可抗力。",
    )


def contract_data(**overrides) -> drafting.ContractData:
    values = {
        "title": "客服中心热线外包服务合同",
        "template": template(),
        "subject": "service_result",
        "scope": "7×24小时客服热线接听、工单记录与回访，外包商自行组织人员并对结果负责。",
        "sla": "接通率≥95%；一次解决率≥85%；月度满意度≥90分。",
        "acceptance": "业务部门按月依SLA验收服务报告。",
        "start_date": today() + dt.timedelta(days=10),
        "end_date": today() + dt.timedelta(days=375),
        "amount": Decimal("1060000"),
        "pricing_model": "unit_price",
        "unit": "有效通话分钟",
        "unit_price": Decimal("1.06"),
        "estimated_quantity": Decimal("1000000"),
        "settlement_cycle": "monthly",
        "payment_terms": "每月验收后15个工作日内凭发票付款。",
        "invoice_type": "增值税专用发票（数电）",
    }
    values.update(overrides)
    return drafting.ContractData(**values)


ALL_CLAUSES = {clause: f"第{index}条" for index, clause in enumerate(CoreClause.values, start=1)}


def draft(award=None, **overrides):
    award = award or approved_award()[0]
    contract = drafting.draft_from_award(actor=user("procurement"), award=award, data=contract_data(**overrides))
    drafting.record_clauses(actor=user("procurement"), contract=contract, references=ALL_CLAUSES)
    contract.refresh_from_db()
    return contract


def tick_all(contract) -> None:
    """Each co-reviewer ticks their whole checklist (legal, HR, finance, the project's owner)."""
    for username, role in (("legal", "legal"), ("hr", "hr"), ("finance", "finance"), ("requester", "requester")):
        items = [code for code, _label in review.CHECKLISTS[role]]
        review.check_items(actor=user(username), contract=contract, items=items)


def signed(contract=None, **overrides):
    contract = contract or draft(**overrides)
    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    contract.refresh_from_db()
    tick_all(contract)
    approve_everything(contract, "contract")
    contract.refresh_from_db()
    signing.record_signing(
        actor=user("legal"),
        contract=contract,
        signed_on=today(),
        company_signatory="孙丽",
        vendor_signatory="郑国华",
        seal_record="合同专用章 2026-0312",
    )
    contract.refresh_from_db()
    return contract
