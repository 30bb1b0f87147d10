"""Demo selections, run through the services as the people would:

- 客服中心热线外包服务商比选 on the approved hotline project: three answers, all stages, five independent
  score sheets, negotiation and the award to vendor1's company, approved (award notice and result letters).
- 区域配送中心仓储作业外包比选 on a new warehousing project: vendor2's company and two others answered,
  the stages are done, two of five members have scored; the others still see no ranking.

The days between the invitations and the opening are compressed: the deadline is moved back once the
answers are in, as if the week had passed. Idempotent: skipped when the first event exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from outsourcing.approvals.models import ApprovalRequest, ApprovalTask, TaskStatus
from outsourcing.approvals.selectors import acting_principal
from outsourcing.approvals.services import decide
from outsourcing.audit.actor import perform
from outsourcing.core.timeutil import local, today
from outsourcing.demands import demo as demands_demo
from outsourcing.demands.models import Project
from outsourcing.org.models import User
from outsourcing.sourcing import award, bidding, events, scoring
from outsourcing.sourcing.models import DEFAULT_WEIGHTS, SCORED_BY_HAND, Award, Bid, ScoreSheet, SourcingEvent, Stage
from outsourcing.vendors.models import ServiceCategory, Vendor

HOTLINE = "客服中心热线外包服务商比选"
WAREHOUSE = "区域配送中心仓储作业外包比选"
PANEL = [("requester", "business"), ("hr", "hr"), ("legal", "legal"), ("finance", "finance"), ("itowner", "technology")]


def _answer(vendor: Vendor, total: str, seats: str) -> bidding.Answer:
    amount = Decimal(total)
    return bidding.Answer(
        company_profile=f"{vendor.name}，注册资本{vendor.registered_capital:,.0f}元，自有员工逾800人，"
        "已通过ISO 9001认证。",
        similar_cases="近三年为两家股份制银行、一家大型电商提供同类外包服务，合同履约率100%。",
        service_proposal=f"{seats}；设现场项目经理与AB角，按月提交服务报告，接受业务部门按SLA验收。",
        quote_total=amount,
        lines=[
            bidding.QuoteItem("服务费", amount * Decimal("0.9"), "按有效服务量结算"),
            bidding.QuoteItem("管理与质检费", amount * Decimal("0.1"), "外包商自行组织"),
        ],
    )


def _event(project: Project, title: str, category: str, requirements: str, *, justification: str = "") -> SourcingEvent:
    event = perform(
        "procurement",
        events.create_event,
        data=events.EventData(
            project=project,
            title=title,
            category=ServiceCategory.objects.get(code=category),
            method="single_source" if justification else "competitive_negotiation",
            kind="rfp",
            requirements=requirements,
            deadline=timezone.now() + dt.timedelta(days=7),
            weights=dict(DEFAULT_WEIGHTS),
            single_source_justification=justification,
        ),
    )
    for username, discipline in PANEL:
        perform(
            "procurement",
            scoring.add_member,
            event=event,
            user=User.objects.get(username=username),
            discipline=discipline,
        )
    return event


def _run_to_scoring(event: SourcingEvent, answers: list[tuple[Vendor, str, str, str]]) -> SourcingEvent:
    for vendor, *_rest in answers:
        perform("procurement", events.add_candidate, event=event, vendor=vendor)
    event = perform("procurement", events.issue_invitations, event=event)
    for vendor, username, total, seats in answers:
        candidate = event.candidates.get(vendor=vendor)
        perform(username, bidding.submit_answer, candidate=candidate, answer=_answer(vendor, total, seats))
    # The demo tells a past selection: invitations a fortnight ago, the answers within the next days, the
    # deadline three days ago (plain updates: the demo's dates, not business changes).
    now = timezone.now()
    SourcingEvent.objects.filter(pk=event.pk).update(
        invited_at=now - dt.timedelta(days=14), deadline=now - dt.timedelta(days=3)
    )
    for hours, bid in enumerate(Bid.objects.filter(candidate__event=event).order_by("pk")):
        Bid.objects.filter(pk=bid.pk).update(submitted_at=now - dt.timedelta(days=8) + dt.timedelta(hours=5 * hours))
    event = perform("procurement", events.open_answers, event=SourcingEvent.objects.get(pk=event.pk))
    for member in event.panel.all():
        perform(member.user, scoring.declare, member=member, has_conflict=False)
    findings = {
        Stage.COMPLETENESS: "营业执照、资质证书、报价明细齐全",
        Stage.SITE_VISIT: "实地考察办公与坐席场地，人员与设备与响应文件一致",
        Stage.PRESENTATION: "方案陈述清晰，答辩中对人员稳定与应急预案回答充分",
    }
    for stage, note in findings.items():
        for candidate in event.candidates.filter(eliminated_at=""):
            perform("procurement", events.record_stage_result, candidate=candidate, passed=True, note=note)
        assert event.stage == stage
        event = perform("procurement", events.advance_stage, event=event)
    return event


def settle_in_the_past(chosen: Award, signed_on: dt.date) -> None:
    """The demo's selections run "now"; a contract signed from one on an earlier day moves the whole selection —
    invitations, deadline, answers, score sheets, the award and its approval — back so that the award was
    approved the day before the signing (plain updates: the demo's dates, not business changes)."""
    event = chosen.event
    approved = local(chosen.approved_at).date() if chosen.approved_at else None
    if approved is None or approved < signed_on:
        return
    shift = dt.timedelta(days=(approved - signed_on).days + 1)
    SourcingEvent.objects.filter(pk=event.pk).update(
        invited_at=F("invited_at") - shift, deadline=F("deadline") - shift, opened_at=F("opened_at") - shift
    )
    Bid.objects.filter(candidate__event=event).update(submitted_at=F("submitted_at") - shift)
    ScoreSheet.objects.filter(member__event=event).update(submitted_at=F("submitted_at") - shift)
    Award.objects.filter(pk=chosen.pk).update(approved_at=F("approved_at") - shift)
    for document in (event, chosen):
        requests = ApprovalRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=document.pk
        )
        requests.update(submitted_at=F("submitted_at") - shift, finished_at=F("finished_at") - shift)
        ApprovalTask.objects.filter(request__in=requests).update(
            opened_at=F("opened_at") - shift, decided_at=F("decided_at") - shift
        )


def _own_view(username: str, criterion_index: int) -> int:
    """A member's own judgement around the panel's common view, −2 to +2 by member and criterion, the same on
    every load: members score independently, so no two sheets are alike (SRC-6), and no ranking turns."""
    return int(hashlib.sha256(f"{username}:{criterion_index}".encode()).hexdigest(), 16) % 5 - 2


def _score(event: SourcingEvent, username: str, marks: dict[str, int]) -> None:
    scores = [
        scoring.GivenScore(candidate.pk, criterion, Decimal(marks[candidate.vendor.name] + _own_view(username, index)))
        for candidate in event.candidates.filter(eliminated_at="").select_related("vendor")
        for index, criterion in enumerate(SCORED_BY_HAND)
    ]
    perform(username, scoring.submit_sheet, event=event, scores=scores)


def _approve(document, flow: str = "sourcing_award") -> None:
    for _ in range(5):
        task = ApprovalTask.objects.filter(request__object_id=document.pk, status=TaskStatus.PENDING,
                                           request__flow__document_type=flow).first()  # fmt: skip
        if task is None:
            return
        approver = next(
            u for u in User.objects.filter(is_active=True, kind="internal") if acting_principal(u, task) is not None
        )
        perform(approver, decide, task=task, decision="approve", comment="同意")


def _warehouse_project() -> Project:
    """A warehousing demand of 物流仓储部 approved below the management threshold."""
    return demands_demo.approved_project(
        "区域配送中心仓储作业外包",
        "OPS-LOG",
        "logistics",
        "depthead",
        headcount=25,
        reserve="20000",
        lines=[("仓储作业服务费", "420000", "按出入库件数 × 单价结算")],
        work_scope="区域配送中心的收货、上架、拣选、包装与装车作业，由外包商自行组织人员并对作业质量负责。",
    )


def quick_selection(project: Project, title: str, category: str, answers, winner: Vendor, amount: str):
    """A whole selection, compressed: three answers, the stages, five sheets, the award approved."""
    event = _event(project, title, category, f"{project.name}：请提交服务方案与分项报价。")
    event = _run_to_scoring(event, answers)
    marks = {vendor.name: (90 if vendor == winner else 80 - index) for index, (vendor, *_r) in enumerate(answers)}
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        _score(event, username, marks)
    chosen = perform("procurement", award.propose_award, event=event, winner=event.candidates.get(vendor=winner),
                     amount=Decimal(amount), reason="综合得分第一")  # fmt: skip
    _approve(chosen)
    chosen.refresh_from_db()
    return chosen


def single_source_selection(project: Project, title: str, category: str, answer, amount: str, justification: str):
    """A single-source selection (SRC-1): management approves the written justification first; the one vendor
    answers, the stages and five sheets follow, the award is approved."""
    requirements = f"{project.name}：请提交施工劳务方案与分项报价。"
    event = _event(project, title, category, requirements, justification=justification)
    _approve(perform("procurement", events.request_single_source, event=event), "sourcing_single_source")
    event = _run_to_scoring(SourcingEvent.objects.get(pk=event.pk), [answer])
    winner = answer[0]
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        _score(event, username, {winner.name: 86})
    chosen = perform("procurement", award.propose_award, event=event, winner=event.candidates.get(vendor=winner),
                     amount=Decimal(amount), reason="单一来源，经管理层批准")  # fmt: skip
    _approve(chosen)
    chosen.refresh_from_db()
    return chosen


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if SourcingEvent.objects.filter(title=HOTLINE).exists():
        say(f"sourcing events: {SourcingEvent.objects.count()} (already loaded)")
        return
    vendor = {v.name: v for v in Vendor.objects.all()}
    huizhi, youlian, chutian = (vendor[n] for n in ("上海汇智客户服务外包有限公司", "杭州优联客户服务有限公司",
                                                    "武汉楚天呼叫中心服务有限公司"))  # fmt: skip
    anda, shunchang, tongda = (vendor[n] for n in ("江苏安达仓储物流服务有限公司", "上海顺畅仓储服务有限公司",
                                                   "苏州通达物流有限公司"))  # fmt: skip

    hotline_project = Project.objects.get(name="客服中心热线外包服务")
    hotline = _event(
        hotline_project,
        HOTLINE,
        "customer_service",
        "7×24小时客服热线，40席，服务期12个月；按接通率、一次解决率、满意度考核。请提交公司介绍、类似案例、服务方案与分项报价。",
    )
    hotline = _run_to_scoring(
        hotline,
        [
            (huizhi, "vendor1", "1180000", "40席三班倒"),
            (youlian, "youlian", "1120000", "38席加弹性坐席"),
            (chutian, "chutian", "1260000", "42席"),
        ],
    )
    marks = {huizhi.name: 90, youlian.name: 84, chutian.name: 78}
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        _score(hotline, username, marks)
    winner = hotline.candidates.get(vendor=huizhi)
    perform("procurement", award.record_negotiation, candidate=winner, held_on=today(),
            participants="采购部赵磊、客户服务部李强、上海汇智郑海",
            notes="报价由118万元降至114万元，增加夜间质检抽检比例至5%", final_quote=Decimal("1140000"))  # fmt: skip
    chosen = perform("procurement", award.propose_award, event=hotline, winner=winner, amount=Decimal("1140000"),
                     reason="综合得分第一，谈判后报价在预算内")  # fmt: skip
    _approve(chosen)

    warehouse = _event(
        _warehouse_project(),
        WAREHOUSE,
        "warehousing",
        "区域配送中心收货、上架、拣选、包装与装车作业，服务期12个月；按作业差错率、时效考核。请提交服务方案与分项报价。",
    )
    warehouse = _run_to_scoring(
        warehouse,
        [
            (anda, "vendor2", "398000", "两班制25人"),
            (shunchang, "shunchang", "376000", "两班制22人加旺季弹性"),
            (tongda, "tongda", "415000", "三班制28人"),
        ],
    )
    marks = {anda.name: 86, shunchang.name: 82, tongda.name: 75}
    for username in ("requester", "hr"):
        _score(warehouse, username, marks)
    say(f"sourcing events: {SourcingEvent.objects.count()}")
