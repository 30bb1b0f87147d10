"""The lists the administrator keeps for the pool: service categories with the licences and business scope
they require, licence types, and the company's affiliates (VEN-1, VEN-2, VEN-7)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import User
from outsourcing.vendors import creditcode
from outsourcing.vendors.errors import ErrorCode
from outsourcing.vendors.models import Affiliate, LicenceType, ServiceCategory, Vendor
from outsourcing.vendors.services import matching_affiliate

# The licence types and service categories every install starts with; the administrator adds more.
DEFAULT_LICENCE_TYPES = [
    ("business_licence", "营业执照", False),
    ("construction_qualification", "建筑业企业资质（施工劳务）", False),
    ("safety_production", "安全生产许可证", False),
    ("hr_service", "人力资源服务许可证", False),
    ("labour_dispatch", "劳务派遣经营许可证", False),
    ("security_service", "保安服务许可证", False),
    ("road_transport", "道路运输经营许可证", False),
    ("iso9001", "ISO 9001 质量管理体系认证", True),
    ("iso45001", "ISO 45001 职业健康安全管理体系认证", True),
    ("iso27001", "ISO/IEC 27001 信息安全管理体系认证", True),
]

# code, name, required licences, business-scope keywords (one of them must appear in the scope)
DEFAULT_SERVICE_CATEGORIES = [
    (
        "construction_labour",
        "施工劳务",
        ["business_licence", "construction_qualification", "safety_production"],
        "施工劳务,劳务分包,建设工程施工",
    ),
    ("customer_service", "客户服务", ["business_licence"], "客户服务,呼叫中心,电话服务,业务流程外包"),
    ("it_operations", "IT运维", ["business_licence"], "信息技术服务,信息系统运行维护,计算机系统服务,运维"),
    ("warehousing", "仓储物流", ["business_licence"], "仓储,装卸搬运,物流"),
    ("cleaning", "保洁绿化", ["business_licence"], "保洁,清洁服务,绿化,物业管理"),
    ("security", "安保服务", ["business_licence", "security_service"], "保安服务,安全保卫"),
    ("hr_services", "人事服务", ["business_licence", "hr_service"], "人力资源服务,人事代理"),
]


def install_defaults() -> None:
    """Create the default licence types and categories that are missing (after every migrate; idempotent).

    A category the administrator has already changed is left as it is.
    """
    licences = {}
    for code, name, is_certification in DEFAULT_LICENCE_TYPES:
        licences[code], _created = LicenceType.objects.get_or_create(
            code=code, defaults={"name": name, "is_certification": is_certification}
        )
    for code, name, required, keywords in DEFAULT_SERVICE_CATEGORIES:
        category, created = ServiceCategory.objects.get_or_create(
            code=code, defaults={"name": name, "scope_keywords": keywords}
        )
        if created:
            category.required_licences.set([licences[c] for c in required])


def _check_admin(actor: User) -> None:
    if not actor.has_perm("vendors.manage_catalogue"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the administrator keeps the vendor pool's lists."))


def _check_code(model, code: str, pk: int | None) -> str:
    code = (code or "").strip()
    if not code:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the code."), field="code")
    if model.objects.filter(code=code).exclude(pk=pk).exists():
        raise RuleViolation(ErrorCode.CODE_TAKEN, _("The code %(code)s is taken.") % {"code": code}, field="code")
    return code


def _check_name(name: str, model=None, pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the name."), field="name")
    if model is not None and model.objects.filter(name=name).exclude(pk=pk).exists():
        raise RuleViolation(ErrorCode.CODE_TAKEN, _("The name %(name)s is taken.") % {"name": name}, field="name")
    return name


@transaction.atomic
def save_category(
    *,
    actor: User,
    category: ServiceCategory | None,
    code: str,
    name: str,
    required_licences: list[LicenceType],
    scope_keywords: str = "",
    is_active: bool = True,
) -> ServiceCategory:
    _check_admin(actor)
    category = category or ServiceCategory()
    category.code = _check_code(ServiceCategory, code, category.pk)
    category.name = _check_name(name, ServiceCategory, category.pk)
    category.scope_keywords = (scope_keywords or "").strip()
    category.is_active = is_active
    category.stamp(actor)
    category.save()
    category.required_licences.set(required_licences)
    return category


@transaction.atomic
def save_licence_type(
    *, actor: User, licence_type: LicenceType | None, code: str, name: str, is_certification: bool = False
) -> LicenceType:
    _check_admin(actor)
    licence_type = licence_type or LicenceType()
    licence_type.code = _check_code(LicenceType, code, licence_type.pk)
    licence_type.name = _check_name(name, LicenceType, licence_type.pk)
    licence_type.is_certification = is_certification
    licence_type.save()
    return licence_type


def _reflag_vendors(actor: User) -> None:
    """Match every vendor against the affiliates list again (services.matching_affiliate's rule)."""
    affiliates = list(Affiliate.objects.order_by("pk"))
    codes = {a.credit_code for a in affiliates if a.credit_code}
    names = {a.name for a in affiliates}
    for vendor in Vendor.objects.filter(Q(affiliate__isnull=False) | Q(credit_code__in=codes) | Q(name__in=names)):
        match = matching_affiliate(name=vendor.name, credit_code=vendor.credit_code, affiliates=affiliates)
        if vendor.affiliate_id != (match.pk if match else None):
            vendor.affiliate = match
            vendor.stamp(actor)
            vendor.save(update_fields=["affiliate", "updated_by", "updated_at"])


@transaction.atomic
def save_affiliate(
    *, actor: User, affiliate: Affiliate | None, name: str, credit_code: str = "", relation: str = ""
) -> Affiliate:
    """Add or correct an affiliate; vendors matching it are flagged at once (劳动合同法 art. 67)."""
    _check_admin(actor)
    code = creditcode.normalise(credit_code)
    if code and not creditcode.is_valid(code):
        raise RuleViolation(
            ErrorCode.CREDIT_CODE_INVALID,
            _("“%(code)s” is not a valid unified social credit code.") % {"code": code},
            field="credit_code",
        )
    affiliate = affiliate or Affiliate()
    affiliate.name = _check_name(name)
    affiliate.credit_code = code
    affiliate.relation = (relation or "").strip()
    affiliate.stamp(actor)
    affiliate.save()
    _reflag_vendors(actor)
    return affiliate


@transaction.atomic
def remove_affiliate(*, actor: User, affiliate: Affiliate) -> None:
    _check_admin(actor)
    for vendor in Vendor.objects.filter(affiliate=affiliate):  # one by one, so the audit trail records each
        vendor.affiliate = None
        vendor.stamp(actor)
        vendor.save(update_fields=["affiliate", "updated_by", "updated_at"])
    affiliate.delete()
    _reflag_vendors(actor)
