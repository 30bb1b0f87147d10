"""Demo contracts in every state, through the services as people would:

- 客服中心热线外包服务合同 (vendor1's company, from the awarded hotline selection): signed and in force,
  confidentiality agreement and performance bond, a rectification notice issued and answered;
- 仓储装卸搬运外包服务合同（二期） (vendor2's company): in co-review, legal and HR have approved;
- 客户回访外包服务合同（试点） (杭州优联): in force, ending within three months (the renewal reminder); it was
  suspended for two weeks in its third month (a system migration) and resumed (CON-10);
- 客服质检外包服务合同（一期） (武汉楚天): terminated, its exit and handover plan half done, and its post-project
  evaluation recorded on the vendor's record (CON-10);
- a draft for the IT desktop project is not made: that project has no award yet.

Idempotent: skipped when the standard template exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Max, Min
from django.utils import timezone

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.selectors import acting_principal
from outsourcing.approvals.services import decide
from outsourcing.approvals.states import ApprovalState
from outsourcing.audit.actor import perform
from outsourcing.contracts import changes, drafting, review, signing
from outsourcing.contracts import ending as ending_steps
from outsourcing.contracts.models import ContractTemplate, CoreClause
from outsourcing.core.timeutil import today
from outsourcing.demands import demo as demands_demo
from outsourcing.demands.models import Demand, Project
from outsourcing.org.models import User
from outsourcing.sourcing import demo as sourcing_demo
from outsourcing.sourcing.models import Award
from outsourcing.vendors.models import Vendor

STANDARD = ("劳务外包服务合同（标准范本）", "2026版")
CLAUSES = {
    CoreClause.PARTIES: "首部、第1条",
    CoreClause.SCOPE: "第2条、附件1服务标准",
    CoreClause.TERM: "第3条",
    CoreClause.FEES: "第4条、附件2报价",
    CoreClause.EMPLOYER_DUTIES: "第5条（用工主体责任）",
    CoreClause.IP_CONFIDENTIALITY: "第6条及保密协议",
    CoreClause.PERFORMANCE: "第7条、附件3考核办法",
    CoreClause.BREACH: "第8条、第12条",
    CoreClause.CHANGE_EXIT: "第9条、第10条（交接）",
    CoreClause.FORCE_MAJEURE: "第11条",
}


def _approve_all(document, flow: str, stop_before=()) -> None:
    for _ in range(10):
        tasks = list(
            ApprovalTask.objects.filter(
                request__object_id=document.pk, request__flow__document_type=flow, status=TaskStatus.PENDING
            )
        )
        tasks = [t for t in tasks if t.role not in stop_before]
        if not tasks:
            return
        for task in tasks:
            approver = next(
                u
                for u in User.objects.filter(is_active=True, kind="internal").order_by("pk")
                if acting_principal(u, task) is not None
            )
            perform(approver, decide, task=task, decision="approve", comment="同意")


def _tick(contract, roles) -> None:
    for username, role in roles:
        items = [code for code, _label in review.CHECKLISTS[role]]
        perform(username, review.check_items, contract=contract, items=items)


REVIEWERS = [("legal", "legal"), ("hr", "hr"), ("finance", "finance")]


def _contract(award: Award, title: str, *, start: dt.date, months: int, owner: str, **terms):
    data = drafting.ContractData(
        title=title,
        template=ContractTemplate.objects.get(name=STANDARD[0], version=STANDARD[1]),
        subject="service_result",
        scope=terms.pop("scope", f"{award.event.project.name}：外包商自行组织人员完成约定服务，对服务结果负责。"),
        sla=terms.pop("sla", "服务达成率≥95%；重大差错为0；月度满意度≥90分。"),
        acceptance="业务部门按月依服务标准验收外包商提交的服务报告与工作量确认单。",
        start_date=start,
        end_date=start + dt.timedelta(days=30 * months - 1),
        amount=award.amount,
        pricing_model="fixed",
        period_fee=(award.amount / months).quantize(Decimal("0.01")),
        settlement_cycle="monthly",
        payment_terms="每月验收合格后15个工作日内凭合规发票付款；绩效奖惩按附件3在次月结算中体现。",
        invoice_type="增值税专用发票（数电），税率6%",
        **terms,
    )
    contract = perform("procurement", drafting.draft_from_award, award=award, data=data)
    perform("procurement", drafting.record_clauses, contract=contract, references=CLAUSES)
    perform("procurement", drafting.submit_for_review, contract=contract)
    contract.refresh_from_db()
    return contract


def _sign(contract, signed_on: dt.date) -> None:
    if contract.award_id:  # the selection ended before the signing
        sourcing_demo.settle_in_the_past(contract.award, signed_on)
    _tick(contract, [*REVIEWERS, (contract.project.owner.username, "requester")])
    _approve_all(contract, "contract")
    contract.refresh_from_db()
    perform(
        "legal",
        signing.record_signing,
        contract=contract,
        signed_on=signed_on,
        company_signatory="孙丽",
        vendor_signatory=contract.vendor.legal_representative,
        seal_record=f"合同专用章 用印登记{contract.number}",
    )
    for holder in ("archive", "legal", "finance", "business"):
        perform(
            "legal",
            signing.record_archive_copy,
            contract=contract,
            holder=holder,
            handed_over_on=signed_on,
            received_by={"archive": "档案室", "legal": "陈静", "finance": "刘洋", "business": "项目负责人"}[holder],
        )


def _nda(contract, valid_from: dt.date, years: int = 3) -> None:
    perform(
        "legal",
        signing.record_confidentiality_agreement,
        vendor=contract.vendor,
        contract=contract,
        signed_on=valid_from,
        valid_from=valid_from,
        valid_until=valid_from + dt.timedelta(days=365 * years),
        scope="公司商业秘密、客户个人信息、信息系统账号与数据；外包人员逐一签署保密承诺书。",
    )


def signed_contract(award: Award, title: str, *, start: dt.date, months: int, owner: str, **terms):
    """A contract drafted from the award, co-reviewed, approved, signed and archived, with the vendor's
    confidentiality agreement from the signing day (for later stages' demo data)."""
    contract = _contract(award, title, start=start, months=months, owner=owner, **terms)
    _sign(contract, start - dt.timedelta(days=2))
    _nda(contract, start - dt.timedelta(days=2))
    contract.refresh_from_db()
    return contract


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if ContractTemplate.objects.filter(name=STANDARD[0]).exists():
        say("contracts: already loaded")
        return
    day = today()
    perform(
        "legal",
        drafting.save_template,
        name=STANDARD[0],
        version=STANDARD[1],
        is_standard=True,
        summary="依据《劳务外包管理制度》第八条：十项核心条款齐全，明确外包商用工主体责任，按服务成果计价。",
    )
    perform(
        "admin",
        drafting.save_template,
        name="劳务外包服务合同（简易版）",
        version="2026版",
        is_standard=False,
        summary="小额短期服务适用，待法务部审核。",
    )
    vendor = {v.name: v for v in Vendor.objects.all()}

    hotline_award = Award.objects.get(event__title=sourcing_demo.HOTLINE, status=ApprovalState.APPROVED)
    hotline = _contract(
        hotline_award, "客服中心热线外包服务合同", start=day - dt.timedelta(days=20), months=12, owner="requester"
    )
    _sign(hotline, day - dt.timedelta(days=22))
    _nda(hotline, day - dt.timedelta(days=22))
    perform(
        "finance",
        signing.record_bond,
        contract=hotline,
        issuer="中国工商银行上海张江支行",
        guarantee_number="LG31001202600123",
        amount=Decimal("114000"),
        issued_on=day - dt.timedelta(days=22),
        expires_on=day + dt.timedelta(days=25),
    )
    perform("vendor1", signing.vendor_confirms_signature, contract=hotline)
    notice = perform(
        "requester",
        changes.draft_notice,
        contract=hotline,
        kind="rectification",
        clause="第2条、附件1服务标准",
        facts="上线第二周夜班（22:00–次日8:00）接通率为81.6%，低于约定的95%；质检抽查发现3通未按话术记录工单。",
        found_on=day - dt.timedelta(days=3),
        demand="增补夜班坐席不少于6席，组织话术复训，并于期限内提交书面整改报告。",
        respond_by=day + dt.timedelta(days=12),
    )
    _approve_all(notice, "contract_rectification")
    perform(
        "vendor1",
        changes.vendor_answers_notice,
        notice=notice,
        response="已于次日增补夜班坐席6席，完成全员话术复训；整改报告将于期限内提交。",
    )

    anda, shunchang, tongda = (
        vendor[n] for n in ("江苏安达仓储物流服务有限公司", "上海顺畅仓储服务有限公司", "苏州通达物流有限公司")
    )
    loading = demands_demo.approved_project(
        "仓储装卸搬运外包（二期）",
        "OPS-LOG",
        "logistics",
        "depthead",
        headcount=18,
        reserve="15000",
        lines=[("装卸服务费", "320000", "按吨位结算")],
        work_scope="成品库装卸、搬运与理货，外包商自行排班。",
    )
    loading_award = sourcing_demo.quick_selection(
        loading,
        "仓储装卸搬运外包（二期）比选",
        "warehousing",
        [
            (anda, "vendor2", "330000", "两班制18人"),
            (shunchang, "shunchang", "342000", "两班制20人"),
            (tongda, "tongda", "355000", "三班制21人"),
        ],
        anda,
        "328000",
    )
    in_review = _contract(
        loading_award,
        "仓储装卸搬运外包服务合同（二期）",
        start=day + dt.timedelta(days=15),
        months=12,
        owner="logistics",
        on_premises=True,
        safety_clause="安全生产管理协议（附件4）",
    )
    _tick(in_review, [("legal", "legal"), ("hr", "hr")])
    _approve_all(in_review, "contract", stop_before=("finance", "requester", "management"))

    youlian, chutian, huizhi = (
        vendor[n] for n in ("杭州优联客户服务有限公司", "武汉楚天呼叫中心服务有限公司", "上海汇智客户服务外包有限公司")
    )
    callback = demands_demo.approved_project(
        "客户回访外包（试点）",
        "OPS-CS",
        "requester",
        "depthead",
        headcount=6,
        reserve="5000",
        lines=[("回访服务费", "120000", "按有效回访量结算")],
    )
    callback_award = sourcing_demo.quick_selection(
        callback,
        "客户回访外包（试点）比选",
        "customer_service",
        [
            (youlian, "youlian", "118000", "6席"),
            (chutian, "chutian", "122000", "6席"),
            (huizhi, "vendor1", "125000", "8席"),
        ],
        youlian,
        "116000",
    )
    expiring = _contract(
        callback_award, "客户回访外包服务合同（试点）", start=day - dt.timedelta(days=300), months=12, owner="requester"
    )
    _sign(expiring, day - dt.timedelta(days=302))
    _nda(expiring, day - dt.timedelta(days=302), years=1)
    perform("requester", ending_steps.suspend_contract, contract=expiring, starts_on=day - dt.timedelta(days=200),
            reason="公司客户服务系统迁移，回访数据接口停用两周，双方约定暂停回访服务。")  # fmt: skip
    perform("requester", ending_steps.resume_contract, contract=expiring, resumed_on=day - dt.timedelta(days=186),
            note="系统迁移完成，回访接口恢复，按原合同继续履行。")  # fmt: skip

    quality = demands_demo.approved_project(
        "客服质检外包（一期）",
        "OPS-CS",
        "requester",
        "depthead",
        headcount=4,
        reserve="4000",
        lines=[("质检服务费", "96000", "按抽检通话量结算")],
    )
    quality_award = sourcing_demo.quick_selection(
        quality,
        "客服质检外包（一期）比选",
        "customer_service",
        [
            (chutian, "chutian", "95000", "4人"),
            (youlian, "youlian", "99000", "4人"),
            (huizhi, "vendor1", "101000", "5人"),
        ],
        chutian,
        "94000",
    )
    ending = _contract(
        quality_award, "客服质检外包服务合同（一期）", start=day - dt.timedelta(days=150), months=12, owner="requester"
    )
    _sign(ending, day - dt.timedelta(days=152))
    termination = perform(
        "hr",
        changes.draft_notice,
        contract=ending,
        kind="termination",
        clause="第5条（用工主体责任）",
        facts="经核查，外包商连续两个月未为4名质检人员缴纳社会保险，经书面催告后仍未补缴。",
        found_on=day - dt.timedelta(days=10),
        demand="自本通知送达之日起合同解除，请按交接计划完成移交与结算。",
    )
    _approve_all(termination, "contract_termination")
    ending.refresh_from_db()
    for item in ending.exit_items.filter(category__in=["knowledge", "assets"]):
        perform("requester", changes.complete_exit_item, item=item, evidence="已移交并签字确认（交接清单另行归档）")
    perform(
        "requester",
        ending_steps.record_post_evaluation,
        contract=ending,
        quality_score=3,
        delivery_score=3,
        compliance_score=1,
        cooperation_score=2,
        performance_summary="五个月内质检抽样量按期完成，准确率约92%；连续两个月未为质检人员缴纳社会保险，经催告未补缴，合同因此解除。",
        business_outlook="质检业务量稳定，拟重新遴选外包商；新一轮比选将社保缴纳证明的核查前置。",
        lessons="月度合规证明须在首月即核对到人；用工合规问题应在整改通知阶段同步通报人力资源部。",
        recommendation="not_again",
    )
    say(f"contracts: {ending.__class__.objects.count()}")


def tell_a_consistent_past() -> None:
    """The demo is made in a few seconds but tells a story of many months: each project's period covers its
    contracts (its demand said so), and each contracted vendor was admitted before its first signature and
    agreement. Plain updates: these are the demo's dates, not business changes to audit."""
    for project in Project.objects.filter(contracts__isnull=False).distinct():
        span = project.contracts.aggregate(start=Min("start_date"), end=Max("end_date"))
        start, end = min(span["start"], project.period_start), max(span["end"], project.period_end)
        Project.objects.filter(pk=project.pk).update(period_start=start, period_end=end)
        Demand.objects.filter(pk=project.demand_id).update(period_start=start, period_end=end)
    for found in Vendor.objects.filter(contracts__isnull=False).distinct():
        signed = [
            found.contracts.aggregate(first=Min("signed_on"))["first"],
            found.confidentiality_agreements.aggregate(first=Min("signed_on"))["first"],
        ]
        first = min((day for day in signed if day is not None), default=None)
        if first is None:  # drafts only: nothing signed yet
            continue
        admitted = timezone.make_aware(dt.datetime.combine(first - dt.timedelta(days=30), dt.time(10)))
        if found.admitted_at is None or found.admitted_at > admitted:
            Vendor.objects.filter(pk=found.pk).update(admitted_at=admitted)
