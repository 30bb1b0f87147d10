"""Demo vendor pool: thirteen vendors in every status with valid credit codes, their documents (some expiring, one
expired), admission reviews through the approval engine, due diligence, and vendor1/vendor2's companies.

Everything goes through the services, as people would do it. Idempotent: skipped when the first vendor
exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.approvals import selectors as approval_selectors
from outsourcing.approvals import services as approvals
from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.audit.actor import perform
from outsourcing.core.timeutil import today
from outsourcing.org.demo import DEMO_PASSWORD
from outsourcing.org.models import User
from outsourcing.vendors import admission, catalogue, creditcode, qualification, services
from outsourcing.vendors.models import (
    Criterion,
    DiligenceConclusion,
    DiligenceKind,
    LicenceType,
    ServiceCategory,
    Vendor,
    VendorStatus,
)

FIRST_VENDOR = "上海汇智客户服务外包有限公司"

# name, 17 characters of the credit code, category, legal representative, capital, scope, address, contact
VENDORS = [
    (
        FIRST_VENDOR,
        "91310115MA1H7X3K1",
        "customer_service",
        "郑国华",
        "10000000",
        "客户服务；呼叫中心服务；业务流程外包；企业管理咨询",
        "上海市浦东新区张江路1288号8楼",
        "郑海",
        "021-58880001",
    ),
    (
        "江苏安达仓储物流服务有限公司",
        "91320100MA1MY8KA2",
        "warehousing",
        "钱立新",
        "8000000",
        "普通货物仓储服务；装卸搬运；国内货物运输代理；供应链管理服务",
        "南京市江宁区秣陵街道物流园路66号",
        "钱红",
        "025-52220002",
    ),
    (
        "广州恒信信息技术服务有限公司",
        "91440101MA59C2PL3",
        "it_operations",
        "林志强",
        "20000000",
        "信息技术咨询服务；信息系统运行维护服务；计算机系统服务；软件开发",
        "广州市天河区天河北路233号15楼",
        "林婷",
        "020-38880003",
    ),
    (
        "浙江宏远建设劳务有限公司",
        "91330100MA2B4R7N4",
        "construction_labour",
        "何建军",
        "30000000",
        "施工劳务作业；建设工程施工（劳务分包）；建筑劳务分包",
        "杭州市萧山区建设一路100号",
        "何平",
        "0571-82220004",
    ),
    (
        "北京众诚人力资源服务有限公司",
        "91110105MA00FL6T5",
        "hr_services",
        "赵明远",
        "5000000",
        "人力资源服务；人事代理；劳务服务（不含劳务派遣）",
        "北京市朝阳区建国路88号SOHO现代城",
        "赵倩",
        "010-85550005",
    ),
    (
        "深圳洁美物业服务有限公司",
        "91440300MA5F3JWQ6",
        "cleaning",
        "黄美玲",
        "3000000",
        "物业管理；专业保洁、清洗、消毒服务；城市绿化管理",
        "深圳市南山区科技园南区高新南七道18号",
        "黄小燕",
        "0755-26660006",
    ),
    (
        "天津卫安保安服务有限公司",
        "91120116MA06K8DG7",
        "security",
        "孙卫东",
        "2000000",
        "保安服务；安全技术防范系统设计施工服务",
        "天津市滨海新区第三大街51号",
        "孙强",
        "022-66660007",
    ),
    (
        "成都锦程客户服务有限公司",
        "91510100MA61R9XB8",
        "customer_service",
        "罗锦程",
        "6000000",
        "客户服务；呼叫中心（不含电信增值业务）；市场调查",
        "成都市高新区天府大道中段666号",
        "罗敏",
        "028-85550008",
    ),
    (
        "苏州集团后勤服务有限公司",
        "91320500MA1P2E4U9",
        "cleaning",
        "周建国",
        "1000000",
        "物业管理；保洁服务；餐饮管理",
        "苏州市工业园区星湖街328号",
        "周颖",
        "0512-62220009",
    ),
]

# Further qualified vendors, so that each selection has three eligible candidates (SRC-2).
MORE_QUALIFIED = [
    ("杭州优联客户服务有限公司", "91330106MA2H8K3T1", "customer_service", "吴优", "12000000",
     "客户服务；呼叫中心服务；数据处理服务", "杭州市西湖区文三路478号", "吴丹", "0571-88880010"),
    ("武汉楚天呼叫中心服务有限公司", "91420100MA4K9L2R2", "customer_service", "楚天明", "8000000",
     "呼叫中心服务；客户服务；业务流程外包", "武汉市东湖高新区光谷大道77号", "楚瑶", "027-87770011"),
    ("上海顺畅仓储服务有限公司", "91310112MA1G6M5P3", "warehousing", "顾顺", "6000000",
     "普通货物仓储服务；装卸搬运；包装服务", "上海市闵行区申富路99号", "顾畅", "021-64440012"),
    ("苏州通达物流有限公司", "91320506MA1X7N8Q4", "warehousing", "陆通", "15000000",
     "道路普通货物运输；仓储服务；装卸搬运；供应链管理服务", "苏州市吴中区东方大道888号", "陆达", "0512-66660013"),
]  # fmt: skip

AFFILIATE = (
    "苏州集团后勤服务有限公司",
    creditcode.with_check_character("91320500MA1P2E4U9"),
    "本公司全资子公司（2019年设立）",
)

EVIDENCE = {
    Criterion.LEGAL_ENTITY: "营业执照原件核验，国家企业信用信息公示系统查询状态为存续",
    Criterion.QUALIFICATIONS: "行业许可与认证证书原件核验，均在有效期内",
    Criterion.REPUTATION: "近三年无重大违法违规记录；审计报告无保留意见",
    Criterion.CAPABILITY: "自有员工规模与设备清单经现场核实，具备同类项目经验",
    Criterion.MANAGEMENT: "人力资源、质量、安全管理制度齐全，现场抽查执行记录",
}


def _document(vendor, code, number, issuer, valid_from, valid_until=None, scope=""):
    return perform(
        "hr",
        qualification.add_document,
        vendor=vendor,
        licence_type=LicenceType.objects.get(code=code),
        number=number,
        issuer=issuer,
        valid_from=valid_from,
        valid_until=valid_until,
        scope=scope,
    )


def _diligence(vendor, day):
    perform(
        "hr",
        admission.record_diligence,
        vendor=vendor,
        kind=DiligenceKind.LITIGATION,
        performed_on=day,
        findings="中国裁判文书网、信用中国、劳动保障监察信用查询：无劳动争议败诉及欠薪记录",
        conclusion=DiligenceConclusion.SATISFACTORY,
    )
    perform(
        "hr",
        admission.record_diligence,
        vendor=vendor,
        kind=DiligenceKind.FINANCIALS,
        performed_on=day,
        findings="近两年经审计财务报表：营业收入稳定增长，经营性现金流为正",
        conclusion=DiligenceConclusion.SATISFACTORY,
        debt_ratio=Decimal("46.50"),
        annual_revenue=Decimal("86000000"),
    )


def _review(vendor, *, submit=True, approve=True):
    review = perform(
        "hr",
        admission.start_review,
        vendor=vendor,
        category=vendor.categories.first(),
    )
    findings = [admission.CriterionFinding(c, True, text) for c, text in EVIDENCE.items()]
    perform(
        "hr",
        admission.record_findings,
        review=review,
        findings=findings,
        conclusion="五项准入标准均符合，尽职调查无重大风险，建议纳入合格外包商资源库。",
        affiliate_assessment="",
    )
    if submit:
        perform("hr", admission.submit_review, review=review)
    if approve:
        for username in ("legal", "finance"):
            user = User.objects.get(username=username)
            task = next(
                t
                for t in ApprovalTask.objects.filter(
                    request__object_id=review.pk,
                    request__flow__document_type="vendor_admission",
                    status=TaskStatus.PENDING,
                )
                if approval_selectors.acting_principal(user, t)
            )
            perform(username, approvals.decide, task=task, decision="approve", comment="同意准入")
    return review


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    if Vendor.objects.filter(name=FIRST_VENDOR).exists():
        say(f"vendors: {Vendor.objects.count()} (already loaded)")
        return
    day = today()
    perform(
        "admin",
        catalogue.save_affiliate,
        affiliate=None,
        name=AFFILIATE[0],
        credit_code=AFFILIATE[1],
        relation=AFFILIATE[2],
    )
    vendors = {}
    for name, first17, category, legal, capital, scope, address, contact, phone in [*VENDORS, *MORE_QUALIFIED]:
        vendors[name] = perform(
            "hr",
            services.register_vendor,
            data=services.VendorData(
                name=name,
                entity_type="company",
                credit_code=creditcode.with_check_character(first17),
                legal_representative=legal,
                registered_capital=Decimal(capital),
                business_scope=scope,
                address=address,
                contact_name=contact,
                contact_phone=phone,
                contact_email=f"service@{first17[-5:].lower()}.example.cn",
                bank_name="中国工商银行",
                bank_account=f"6222 0{first17[8:12]} {first17[12:16]} 0001",
                company_size="medium",
                categories=[ServiceCategory.objects.get(code=category)],
            ),
        )
    v = [vendors[row[0]] for row in VENDORS]
    long_ago = day - dt.timedelta(days=900)
    for vendor in v:
        _document(vendor, "business_licence", vendor.credit_code, "市场监督管理局", long_ago)
    _document(
        v[0],
        "iso9001",
        "00126Q31588R2M",
        "中国质量认证中心",
        day - dt.timedelta(days=1050),
        day + dt.timedelta(days=45),
    )
    _document(
        v[1],
        "road_transport",
        "苏交运管许可宁字320100012345号",
        "南京市交通运输局",
        long_ago,
        day + dt.timedelta(days=800),
    )
    _document(
        v[2],
        "iso27001",
        "ISMS-2024-0318",
        "中国网络安全审查认证和市场监管大数据中心",
        long_ago,
        day + dt.timedelta(days=500),
    )
    _document(
        v[3],
        "construction_qualification",
        "D233012345",
        "杭州市城乡建设委员会",
        long_ago,
        day + dt.timedelta(days=30),
        "施工劳务不分等级",
    )
    _document(
        v[3],
        "safety_production",
        "(浙)JZ安许证字〔2023〕010234",
        "浙江省住房和城乡建设厅",
        long_ago,
        day + dt.timedelta(days=200),
    )
    _document(
        v[4],
        "hr_service",
        "110105202300123",
        "北京市朝阳区人力资源和社会保障局",
        long_ago,
        day + dt.timedelta(days=400),
    )
    _document(v[6], "security_service", "津公保服20210056号", "天津市公安局", long_ago, day + dt.timedelta(days=300))

    more = [vendors[row[0]] for row in MORE_QUALIFIED]
    for vendor in more:
        _document(vendor, "business_licence", vendor.credit_code, "市场监督管理局", long_ago)
    for vendor in [*v[:5], v[6], *more]:
        _diligence(vendor, day - dt.timedelta(days=20))
        _review(vendor)
    perform("manager", services.change_status, vendor=v[2], to_status=VendorStatus.STRATEGIC,
        reason="连续两年绩效评估为优秀，纳入战略供应商管理（篇四第八条）")  # fmt: skip
    perform("hr", services.change_status, vendor=v[4], to_status=VendorStatus.SUSPENDED,
        reason="连续两个月未提交外包人员社保缴纳证明，暂停新业务合作，待整改验收后恢复")  # fmt: skip
    perform("hr", services.change_status, vendor=v[6], to_status=VendorStatus.REMOVED,
        reason="拖欠外包人员工资被劳动保障监察部门通报，依制度列入黑名单")  # fmt: skip
    # 浙江宏远's safety licence: HR's check of the issuing authority found it lapsed five days ago; the pool
    # shows the vendor ineligible until a renewed licence is recorded.
    safety = v[3].documents.get(licence_type__code="safety_production")
    perform("hr", qualification.update_document, document=safety, licence_type=safety.licence_type,
            number=safety.number, issuer=safety.issuer, valid_from=safety.valid_from,
            valid_until=day - dt.timedelta(days=5))  # fmt: skip
    # 广州恒信 was admitted eleven months ago: its annual re-review falls due within the month.
    v[2].next_review_due = day + dt.timedelta(days=20)
    v[2].save(update_fields=["next_review_due", "updated_at"])

    _diligence(v[5], day - dt.timedelta(days=7))
    _review(v[5], approve=False)  # waiting for legal and finance
    _review(v[7], submit=False, approve=False)  # HR's draft

    for vendor, username in zip(more, ("youlian", "chutian", "shunchang", "tongda"), strict=True):
        perform("hr", services.create_vendor_account, vendor=vendor, username=username, full_name=vendor.contact_name,
                password=DEMO_PASSWORD, email=f"{username}@demo.example.cn")  # fmt: skip
    services.link_account(user=User.objects.get(username="vendor1"), vendor=v[0])
    services.link_account(user=User.objects.get(username="vendor2"), vendor=v[1])
    perform("vendor1", services.request_profile_change, vendor=v[0], changes={"contact_phone": "021-58880099"})
    say(f"vendors: {Vendor.objects.count()}")
