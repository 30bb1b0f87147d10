"""Vendor builders: valid master data with a fresh credit code, vendors in any status, vendor1/vendor2's companies.

`admitted_vendor()` walks the real path (documents, diligence, review, legal and finance approve), so a
vendor in the pool here is one the rules let in.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors import admission, qualification, services
from outsourcing.vendors.creditcode import with_check_character
from outsourcing.vendors.models import (
    Criterion,
    DiligenceConclusion,
    DiligenceKind,
    LicenceType,
    ServiceCategory,
    Vendor,
    VendorStatus,
)

_serial = itertools.count(1)


def credit_code() -> str:
    """A fresh valid unified social credit code (9131 0115 + a serial + check character)."""
    return with_check_character(f"91310115MA{next(_serial):07d}")


def vendor_data(*, category="customer_service", **overrides) -> services.VendorData:
    values = {
        "name": f"上海测试客户服务有限公司{next(_serial)}",
        "entity_type": "company",
        "credit_code": credit_code(),
        "legal_representative": "王建国",
        "registered_capital": Decimal("5000000"),
        "business_scope": "客户服务；呼叫中心服务；业务流程外包",
        "address": "上海市浦东新区测试路1号",
        "contact_name": "李娜",
        "contact_phone": "021-50000000",
        "categories": [ServiceCategory.objects.get(code=category)],
    }
    values.update(overrides)
    return services.VendorData(**values)


def hr() -> User:
    return User.objects.get(username="hr")


def prospect(**overrides) -> Vendor:
    return services.register_vendor(actor=hr(), data=vendor_data(**overrides))


def add_licence(vendor: Vendor, code="business_licence", *, valid_from=None, valid_until=None, upload=None):
    return qualification.add_document(
        actor=hr(),
        vendor=vendor,
        licence_type=LicenceType.objects.get(code=code),
        number=f"LIC-{next(_serial)}",
        issuer="市场监督管理局",
        valid_from=valid_from or today() - dt.timedelta(days=400),
        valid_until=valid_until,
        upload=upload,
    )


def add_diligence(vendor: Vendor, kinds=(DiligenceKind.LITIGATION, DiligenceKind.FINANCIALS)) -> None:
    for kind in kinds:
        admission.record_diligence(
            actor=hr(),
            vendor=vendor,
            kind=kind,
            performed_on=today() - dt.timedelta(days=3),
            findings="无涉诉记录" if kind == DiligenceKind.LITIGATION else "财务状况良好",
            conclusion=DiligenceConclusion.SATISFACTORY,
            debt_ratio=Decimal("45") if kind == DiligenceKind.FINANCIALS else None,
            annual_revenue=Decimal("30000000") if kind == DiligenceKind.FINANCIALS else None,
        )


def all_pass() -> list[admission.CriterionFinding]:
    return [admission.CriterionFinding(c, True, f"核验：{Criterion(c).label}") for c in Criterion.values]


def submitted_review(vendor: Vendor, findings=None):
    review = admission.start_review(actor=hr(), vendor=vendor, category=vendor.categories.first())
    admission.save_and_submit(actor=hr(), review=review, findings=findings or all_pass(), conclusion="建议准入")
    review.refresh_from_db()
    return review


def pending_task(review, username: str) -> ApprovalTask:
    return ApprovalTask.objects.get(
        request__object_id=review.pk,
        request__flow__document_type="vendor_admission",
        role={"legal": "legal", "finance": "finance"}[username],
        status=TaskStatus.PENDING,
    )


def approve_review(review) -> None:
    for username in ("legal", "finance"):
        decide(
            task=pending_task(review, username),
            actor=User.objects.get(username=username),
            decision="approve",
            comment="同意",
        )


def admitted_vendor(**overrides) -> Vendor:
    vendor = prospect(**overrides)
    for licence in qualification.required_licences(vendor):
        add_licence(vendor, licence.code)
    add_diligence(vendor)
    approve_review(submitted_review(vendor))
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED
    return vendor


def vendor_companies():
    """vendor1's and vendor2's companies: two different admitted vendors, each with its portal user."""
    first = admitted_vendor(name="汇智客服（测试）")
    second = admitted_vendor(name="安达物流（测试）", category="warehousing", business_scope="仓储；装卸搬运")
    services.link_account(user=User.objects.get(username="vendor1"), vendor=first)
    services.link_account(user=User.objects.get(username="vendor2"), vendor=second)
    return first, second
