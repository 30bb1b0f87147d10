"""Demo workers, through the services as the people would (WRK-1..WRK-11, OPS-2):

- the hotline (vendor1's company, 上海汇智): ten on site with briefing, access and cards; one filed with both
  proofs and the worker's consent file waiting for HR although its planned start has passed (flagged), one
  missing its social-insurance proof, a 17-year-old waiting for HR's confirmation,
  one exited three days ago with a system access and a card still open (the alert), a request to the site
  manager, and an exit the company asked vendor1 for, waiting for vendor1 to record it; its first month's
  proofs with one worker without a social-insurance line (returned by HR);
- 成品库夜间理货 (vendor2's company, 江苏安达): a contract in force since two months, eight on site, one left;
  last month's proofs sent and waiting for HR, one worker ticked as insured but missing from the office's list;
- 客户回访 (杭州优联): on site for ten months, two left (one at the company's request), proofs of the last two
  months accepted;
- 新建成品库配套工程劳务 (浙江宏远, portal login hongyuan): construction work with special work, chosen by single
  source; one electrician registered under the real-name system, certified (the certificate expires within
  the reminder period) and on site with the site's area access; another filed without the registration, his
  entry blocked (no_realname_registration) and no site access possible.

Every month's proofs carry the wages paid to the workers' own accounts and the social-insurance office's list
(Excel, read and dropped: only hashes and masks kept); the hotline's returned month has a difference both
ways (a worker missing from the list, a listed person not on the roster).

ID numbers are generated with valid check digits (GB 11643) from real region codes; none is a real person's.
Idempotent: skipped when any worker exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF
from openpyxl import Workbook

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.attachments.services import attach
from outsourcing.audit.actor import perform
from outsourcing.contracts import demo as contracts_demo
from outsourcing.contracts.models import Contract
from outsourcing.core import personal_data
from outsourcing.core.excel import XLSX
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.demands import demo as demands_demo
from outsourcing.notifications.models import Notification
from outsourcing.org.demo import DEMO_PASSWORD
from outsourcing.sourcing import demo as sourcing_demo
from outsourcing.vendors import qualification
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import Vendor
from outsourcing.workforce import access, certificates, exits, filing, insurance_list, proofs, selectors
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.idnumber import with_check_character
from outsourcing.workforce.models import ExitReason, GrantStatus, Worker, WorkerFileKind

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "华", "建国", "晓燕", "子涵", "雨轩", "思远", "浩然", "欣怡"]  # fmt: skip
REGIONS = ["310115", "320583", "330106", "420106", "110101", "340104", "370102", "410105"]
_counter = {"n": 0}


def _person(*, birth: dt.date | None = None) -> tuple[str, str, str]:
    n = _counter["n"] = _counter["n"] + 1
    name = SURNAMES[n * 7 % len(SURNAMES)] + GIVEN[n * 11 % len(GIVEN)]
    birth = birth or dt.date(1984 + n * 3 % 19, 1 + n * 5 % 12, 1 + n * 7 % 28)
    sequence = f"{(n * 37) % 1000:03d}"
    id_number = with_check_character(f"{REGIONS[n % len(REGIONS)]}{birth:%Y%m%d}{sequence}")
    phone = f"13{n % 10}{(n * 7919) % 100000000:08d}"
    return name, id_number, phone


def _pdf(title: str) -> bytes:
    """A small real PDF standing in for a scanned proof (the demo's files)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 10, title)
    out = BytesIO(bytes(pdf.output()))
    return out.getvalue()


_files: dict[str, bytes] = {}


def _attach(username: str, document, kind: str, name: str) -> None:
    content = _files.setdefault(kind, _pdf(f"Demo scan: {kind}"))
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    perform(username, attach, document=document, upload=upload, kind=kind)


def _file(vendor_user: str, contract: Contract, post: str, start: dt.date, *, birth=None, proofs_for=(True, True)):
    name, id_number, phone = _person(birth=birth)
    data = filing.WorkerData(name=name, id_number=id_number, phone=phone, post=post, planned_start=start,
                             planned_end=contract.end_date, contract=contract,
                             consent_reference=f"个人信息告知同意书 {contract.number}-{_counter['n']:03d}")  # fmt: skip
    worker = perform(vendor_user, filing.file_worker, data=data)
    if proofs_for[0]:
        _attach(vendor_user, worker, WorkerFileKind.LABOR_CONTRACT, f"劳动合同-{name}.pdf")
    if proofs_for[1]:
        _attach(vendor_user, worker, WorkerFileKind.SOCIAL_INSURANCE_PROOF, f"社保缴纳证明-{name}.pdf")
    _attach(vendor_user, worker, WorkerFileKind.WORKER_CONSENT, f"个人信息单独同意书-{name}.pdf")  # PIPL art. 23
    return worker


def _approve_grant(grant) -> None:
    task = ApprovalTask.objects.get(request__object_id=grant.pk, request__flow__document_type="access_grant",
                                    status=TaskStatus.PENDING)  # fmt: skip
    perform("depthead", decide, task=task, decision="approve", comment="同意，限工作所需")


def _on_site(vendor_user, contract, owner, post, entered: dt.date, *, grants, card: str | None = "门禁卡",
             prepare=None):  # fmt: skip
    worker = _file(vendor_user, contract, post, entered)
    if prepare:  # what this work asks before HR's approval (real-name registration, certificates)
        prepare(worker)
    perform("hr", worker_entry.decide_entry, worker=worker, approve=True)
    # The history is loaded today: HR's approval is dated the morning of the entry, as it happened then.
    approved_at = timezone.make_aware(dt.datetime.combine(entered, dt.time(9)), SHANGHAI)
    Worker.objects.filter(pk=worker.pk).update(decided_at=approved_at)
    worker.refresh_from_db()
    perform(owner, worker_entry.record_entry, worker=worker, briefing_on=entered, topics=["safety", "confidentiality",
            "workplace"], undertaking_signed_on=entered,
            workplace_conditions="工位、电脑与耳机由外包商配备；公司提供场地、网络接入与消防通道指引。")  # fmt: skip
    for kind, resource, reason in grants:
        grant = perform(owner, access.request_grant, worker=worker, kind=kind, resource=resource, reason=reason,
                        valid_from=entered, valid_until=worker.planned_end)  # fmt: skip
        _approve_grant(grant)
    if card:
        perform(owner, access.issue_item, worker=worker, kind="card", description=f"{card} {worker.badge_number}",
                issued_on=entered)  # fmt: skip
    worker.refresh_from_db()
    return worker


def _leave(vendor_user: str, owner: str, worker: Worker, day: dt.date, *, close: bool = True) -> None:
    """The vendor records its worker's exit (OPS-2); the project's owner closes the access and takes the items."""
    perform(vendor_user, worker_entry.record_exit, worker=worker, exited_on=day)
    if close:
        for grant in worker.grants.filter(status=GrantStatus.APPROVED):
            perform(owner, access.revoke_grant, grant=grant, revoked_on=day)
        for item in worker.items.filter(returned_on__isnull=True):
            perform(owner, access.return_item, item=item, returned_on=day)


HOTLINE_ACCESS = [
    ("system", "客服工单系统（坐席账号，仅工单模块）", "接听热线后需在工单系统中记录与流转客户诉求"),
    ("network", "办公内网（客服中心VLAN）", "坐席电脑接入呼叫中心平台所需"),
    ("area", "客服中心3楼坐席区", "在约定坐席区提供服务"),
]
TALLY_ACCESS = [
    ("area", "成品库A区、B区", "夜间理货作业区域"),
    ("system", "仓储管理系统（PDA扫码账号）", "理货扫码出入库所需"),
]


def send_proofs(vendor_user: str, project, month: dt.date, *, gap_worker=None, unlisted=None, files=True):
    workers = list(proofs.active_workers(vendor_id=Vendor.objects.get(accounts__user__username=vendor_user).pk,
                                         project_id=project.pk, month=month))  # fmt: skip
    # Wages by the worker's line (a post's pay with a little spread), paid to each worker's own card.
    lines = [proofs.LineData(worker_id=w.pk, wage_paid=True, social_insurance=w != gap_worker, housing_fund=True,
                             tax_filed=True, wage_amount=Decimal(6200 + w.pk % 7 * 150), own_account=True)
             for w in workers]  # fmt: skip
    proof = perform(vendor_user, proofs.submit_proof, project=project, month=month, lines=lines)
    if files:
        for kind in proofs.REQUIRED_FILES:
            _attach(vendor_user, proof, kind, f"{month:%Y%m}-{kind}.pdf")
        # The office's list: without the gap worker and, in a month with a gap, with someone the roster lacks.
        listed = [personal_data.decrypt(w.id_cipher) for w in workers if w not in (gap_worker, unlisted)]
        if gap_worker is not None:
            listed.append(_person()[1])
        perform(vendor_user, insurance_list.upload_insurance_list, proof=proof, upload=_insurance_xlsx(listed))
    return proof


def _insurance_xlsx(id_numbers: list[str]) -> SimpleUploadedFile:
    """The social-insurance office's detail (社保缴费明细) as downloaded: name, ID number, insurance, base."""
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码", "险种", "缴费基数"])
    for number in id_numbers:
        for kind in ("基本养老保险", "基本医疗保险"):  # one row per insurance: one person, counted once
            sheet.append(["（略）", number, kind, 6200])
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("社保缴费明细.xlsx", buffer.getvalue(), content_type=XLSX)


SITE_ACCESS = [("area", "新建成品库施工现场（二区）", "按施工进度计划进入作业区域进行临时用电与电气安装作业")]


def _certificate(vendor_user: str, worker: Worker, valid_until: dt.date) -> None:
    """The vendor records the worker's special-operation certificate with its scan (CON-9)."""
    certificate = perform(vendor_user, certificates.record_certificate, worker=worker,
                          operation="电工作业（低压电工作业）", certificate_number=f"T{worker.pk:04d}33010919880512",
                          issuer="浙江省应急管理厅", valid_until=valid_until)  # fmt: skip
    scan = f"特种作业操作证-{worker.badge_number}.pdf"
    _attach(vendor_user, certificate, WorkerFileKind.SPECIAL_OPERATION_CERTIFICATE, scan)


def _construction(day: dt.date) -> None:
    """Construction work (工程劳务, CST-1) on the company's premises with special work (CON-9): 浙江宏远 chosen by
    single source; one electrician registered under the real-name system (实名制), certified and on site with
    the site's area access; another filed without the registration, so HR's entry is blocked
    (no_realname_registration) and no site access can be granted to him."""
    hongyuan = Vendor.objects.get(name="浙江宏远建设劳务有限公司")
    perform("hr", vendor_services.create_vendor_account, vendor=hongyuan, username="hongyuan", full_name="何平",
            password=DEMO_PASSWORD, phone="0571-82220004")  # fmt: skip
    # Its safety licence lapsed five days ago (the vendors' story); the renewed one is recorded with its scan and
    # verified by HR, the lapsed one kept. The selection and the signing below fall before the lapse.
    lapsed = hongyuan.documents.get(licence_type__code="safety_production")
    renewed = perform("hongyuan", qualification.add_document, vendor=hongyuan, licence_type=lapsed.licence_type,
                      number="(浙)JZ安许证字〔2026〕010561", issuer=lapsed.issuer,
                      valid_from=day - dt.timedelta(days=4), valid_until=day + dt.timedelta(days=3 * 365),
                      upload=SimpleUploadedFile("安全生产许可证（延续）.pdf", _pdf("Demo scan: safety licence"),
                                                content_type="application/pdf"))  # fmt: skip
    perform("hr", qualification.verify_document, document=renewed)
    project = demands_demo.approved_project(
        "新建成品库配套工程劳务", "OPS-LOG", "logistics", "depthead", headcount=12, reserve="10000",
        lines=[("施工劳务费", "480000", "按完成工程量结算")],
        work_scope="新建成品库的临时用电、电气安装与钢筋作业，按图纸与工程量清单完成，外包商自行组织施工班组。",
    )  # fmt: skip
    award = sourcing_demo.single_source_selection(
        project, "新建成品库配套工程劳务（单一来源）", "construction_labour",
        (hongyuan, "hongyuan", "470000", "施工班组12人"), "465000",
        "库区改造须由原厂房施工单位衔接施工，供应商库中唯一具备施工劳务资质与安全生产许可证的单位。",
    )  # fmt: skip
    contract = contracts_demo.signed_contract(
        award, "新建成品库配套工程劳务分包合同", start=day - dt.timedelta(days=5), months=6, owner="logistics",
        on_premises=True, safety_clause="安全生产管理协议（附件4）", special_work="电工作业（临时用电与电气安装）",
    )  # fmt: skip

    def registered_and_certified(worker: Worker) -> None:
        perform("hr", worker_entry.register_realname, worker=worker, reference="浙建劳实名-2026-000381")
        _certificate("hongyuan", worker, day + dt.timedelta(days=20))  # expires soon: the daily reminder

    _on_site("hongyuan", contract, "logistics", "电工", day - dt.timedelta(days=3), grants=SITE_ACCESS,
             card="工地门禁卡", prepare=registered_and_certified)  # fmt: skip
    unregistered = _file("hongyuan", contract, "电工", day + dt.timedelta(days=2))
    _certificate("hongyuan", unregistered, day + dt.timedelta(days=700))


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Worker.objects.exists():
        say("workforce: already loaded")
        return
    day = today()
    hotline = Contract.objects.get(title="客服中心热线外包服务合同")
    callback = Contract.objects.get(title="客户回访外包服务合同（试点）")

    # vendor2's company gets a contract in force (its second-phase loading contract is still in co-review).
    names = ("江苏安达仓储物流服务有限公司", "上海顺畅仓储服务有限公司", "苏州通达物流有限公司")
    anda, shunchang, tongda = (Vendor.objects.get(name=n) for n in names)
    tally_project = demands_demo.approved_project(
        "成品库夜间理货外包", "OPS-LOG", "logistics", "depthead", headcount=8, reserve="6000",
        lines=[("理货服务费", "260000", "按托盘量结算")], work_scope="成品库夜间理货与扫码出入库，外包商自行排班。",
    )  # fmt: skip
    tally_award = sourcing_demo.quick_selection(
        tally_project, "成品库夜间理货外包比选", "warehousing",
        [(anda, "vendor2", "258000", "夜班8人"), (shunchang, "shunchang", "266000", "夜班9人"),
         (tongda, "tongda", "271000", "夜班9人")],
        anda, "255000",
    )  # fmt: skip
    tally = contracts_demo.signed_contract(tally_award, "成品库夜间理货外包服务合同", start=day - dt.timedelta(days=60),
                                           months=12, owner="logistics", on_premises=True,
                                           safety_clause="安全生产管理协议（附件4）")  # fmt: skip

    # The hotline (vendor1).
    hotline_start = hotline.start_date
    on_site = [
        _on_site("vendor1", hotline, "requester", "热线坐席", hotline_start + dt.timedelta(days=2 + i % 5),
                 grants=HOTLINE_ACCESS if i < 4 else HOTLINE_ACCESS[:2])
        for i in range(10)
    ]  # fmt: skip
    leaver = _on_site("vendor1", hotline, "requester", "热线坐席", hotline_start + dt.timedelta(days=3),
                      grants=HOTLINE_ACCESS[:1])  # fmt: skip
    # Access and card still open: the alert.
    _leave("vendor1", "requester", leaver, day - dt.timedelta(days=3), close=False)
    # Filed after its planned start: flagged to HR on the list and the page (is the person already working?).
    _file("vendor1", hotline, "热线坐席（夜班）", max(day - dt.timedelta(days=3), hotline_start))
    _file("vendor1", hotline, "热线坐席（夜班）", max(day, hotline_start), proofs_for=(True, False))
    minor_birth = day.replace(year=day.year - 17) - dt.timedelta(days=40)
    _file("vendor1", hotline, "回访助理", max(day, hotline_start), birth=minor_birth)
    perform("requester", exits.ask_for_exit, worker=on_site[9], reason=ExitReason.END_OF_NEED,
            evidence="夜间话务量已转由智能语音分流，按合同约定减少1个坐席岗位。")  # fmt: skip
    perform("requester", worker_requests.raise_request, worker=on_site[3], subject="夜班交接记录不完整",
            description="近一周夜班交接记录有3次缺少未结工单说明，请现场经理安排改进并回复。")  # fmt: skip
    # The hotline's first month (HR may return a month before it ends); the others' last, ended month.
    gapped = send_proofs("vendor1", hotline.project, proofs.first_of_month(hotline_start + dt.timedelta(days=6)),
                     gap_worker=on_site[6])  # fmt: skip
    proof_month = selectors.months_back(proofs.first_of_month(day), 1)
    perform("hr", proofs.check_proof, proof=gapped, accept=False,
            note="1名人员缺少社保缴纳记录，请补缴并提交证明。")  # fmt: skip

    # 成品库夜间理货 (vendor2).
    tally_workers = [
        _on_site("vendor2", tally, "logistics", "理货员", tally.start_date + dt.timedelta(days=1 + i % 3),
                 grants=TALLY_ACCESS, card="库区门禁卡")
        for i in range(8)
    ]  # fmt: skip
    _leave("vendor2", "logistics", tally_workers[7], day - dt.timedelta(days=25))
    # Ticked as insured, yet missing from the office's list: the system names the difference for HR.
    send_proofs("vendor2", tally.project, proof_month, unlisted=tally_workers[2])

    # 客户回访 (杭州优联).
    callback_workers = [
        _on_site("youlian", callback, "requester", "回访专员", callback.start_date + dt.timedelta(days=2 + i),
                 grants=HOTLINE_ACCESS[:1])
        for i in range(10)
    ]  # fmt: skip
    _leave("youlian", "requester", callback_workers[6], day - dt.timedelta(days=120))
    # The company asked for this exit (the pilot's need shrank); the vendor answered by recording it (OPS-2).
    perform("requester", exits.ask_for_exit, worker=callback_workers[7], reason=ExitReason.END_OF_NEED,
            evidence="试点回访量下降，按合同约定减少1个岗位。")  # fmt: skip
    _leave("youlian", "requester", callback_workers[7], day - dt.timedelta(days=40))
    for month in (proofs.first_of_month(proof_month - dt.timedelta(days=1)), proof_month):
        accepted = send_proofs("youlian", callback.project, month)
        perform("hr", proofs.check_proof, proof=accepted, accept=True)

    # 新建成品库配套工程劳务 (浙江宏远): construction work, real-name registration, special-operation certificates.
    _construction(day)

    # The history above sent its people routine notices (grants approved, exits recorded): shown as read, so
    # the demo inboxes open on what matters now (alerts, gaps, decisions waiting).
    Notification.objects.filter(url__startswith="/workers/", level="info", read_at__isnull=True).update(
        read_at=timezone.now()
    )
    say(f"workforce: {Worker.objects.count()} workers")
