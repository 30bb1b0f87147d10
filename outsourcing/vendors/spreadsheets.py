"""The vendor list in Excel: export as filtered, and import from the template, all or nothing (X-5)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import (
    Column,
    ImportColumn,
    RowError,
    checked_by_form,
    choice_code,
    import_all_or_nothing,
    read_rows,
)
from outsourcing.core.text import join_reasons
from outsourcing.org.models import User
from outsourcing.vendors import creditcode, services
from outsourcing.vendors.errors import ErrorCode
from outsourcing.vendors.forms import VendorForm
from outsourcing.vendors.models import CompanySize, EntityType, ServiceCategory, Vendor
from outsourcing.vendors.qualification import ineligibility_reasons

EXPORT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda v: v.number, 16),
    Column(gettext_lazy("Legal name"), lambda v: v.name, 34),
    Column(gettext_lazy("Unified social credit code"), lambda v: v.credit_code, 22),
    Column(gettext_lazy("Status"), lambda v: v.get_status_display(), 10),
    Column(gettext_lazy("Service categories"), lambda v: "、".join(c.name for c in v.categories.all()), 24),
    Column(gettext_lazy("Legal representative"), lambda v: v.legal_representative, 12),
    Column(gettext_lazy("Registered capital (CNY)"), lambda v: v.registered_capital, 16, money=True),
    Column(gettext_lazy("Contact person"), lambda v: v.contact_name, 12),
    Column(gettext_lazy("Contact phone"), lambda v: v.contact_phone, 16),
    Column(gettext_lazy("Annual re-review due"), lambda v: v.next_review_due, 14),
    Column(gettext_lazy("Eligible for sourcing"), lambda v: "" if ineligibility_reasons(v) else "✓", 10),
    Column(gettext_lazy("Why not eligible"), lambda v: join_reasons(ineligibility_reasons(v)), 50),
    Column(gettext_lazy("Matches affiliate"), lambda v: v.affiliate.name if v.affiliate else "", 20),
]

IMPORT_COLUMNS = [
    ImportColumn("name", gettext_lazy("Legal name"), True, "上海示例客户服务有限公司", 34),
    ImportColumn("entity_type", gettext_lazy("Entity type"), True, EntityType.COMPANY.label, 16),
    ImportColumn("credit_code", gettext_lazy("Unified social credit code"), True, "91310115MA1H7X3K2G", 22),
    ImportColumn("legal_representative", gettext_lazy("Legal representative"), True, "张三", 12),
    ImportColumn("registered_capital", gettext_lazy("Registered capital (CNY)"), False, 5000000, 16),
    ImportColumn("business_scope", gettext_lazy("Business scope"), True, "客户服务；呼叫中心服务；业务流程外包", 40),
    ImportColumn("address", gettext_lazy("Registered address"), True, "上海市浦东新区示例路1号", 30),
    ImportColumn("contact_name", gettext_lazy("Contact person"), True, "李四", 12),
    ImportColumn("contact_phone", gettext_lazy("Contact phone"), True, "021-50000000", 16),
    ImportColumn("contact_email", gettext_lazy("Contact e-mail"), False, "contact@example.cn", 22),
    ImportColumn("bank_name", gettext_lazy("Bank"), False, "中国工商银行上海浦东支行", 22),
    ImportColumn("bank_account", gettext_lazy("Bank account"), False, "1001 2345 6789 0123 456", 24),
    ImportColumn("company_size", gettext_lazy("Company size"), False, CompanySize.MEDIUM.label, 16),
    ImportColumn("categories", gettext_lazy("Service categories"), True, "客户服务", 20),
]


def template_notes() -> list[str]:
    return [
        _("One vendor per row on the first sheet; columns marked * are required."),
        _("Entity type: %(types)s.") % {"types": "、".join(str(label) for label in EntityType.labels)},
        _("Company size: %(sizes)s.") % {"sizes": "、".join(str(label) for label in CompanySize.labels)},
        _("Service categories, separated by 、: %(categories)s.")
        % {"categories": "、".join(c.name for c in ServiceCategory.objects.filter(is_active=True).order_by("code"))},
        _("If any row is wrong, nothing is imported: the page lists every wrong row; correct them and import again."),
    ]


def _categories(value, known: dict[str, ServiceCategory]) -> list[ServiceCategory]:
    names = [n.strip() for n in re.split(r"[、,，;；/]+", str(value or "")) if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise RuleViolation(
            ErrorCode.BAD_CATEGORY, _("“%(name)s” is not a service category.") % {"name": "、".join(unknown)}
        )
    return [known[n] for n in names]


def _capital(value) -> str:
    """The cell as the form's amount field reads it: Excel's number as written, text without thousands separators."""
    if value is None:
        return ""
    return str(value).replace(",", "").replace("，", "").strip()


TEXT_COLUMNS = ("name", "credit_code", "legal_representative", "business_scope", "address", "contact_name",
                "contact_phone", "contact_email", "bank_name", "bank_account")  # fmt: skip


def _row_form(record: dict, known: dict[str, ServiceCategory]) -> VendorForm:
    """The row as HR's registration form would receive it; the form's checks are the import's (one path)."""
    text = {key: str(value).strip() if value is not None else "" for key, value in record.items()}
    data = {name: text.get(name, "") for name in TEXT_COLUMNS}
    data.update(
        entity_type=choice_code(record.get("entity_type"), EntityType.choices, str(_("entity type"))),
        registered_capital=_capital(record.get("registered_capital")),
        company_size=choice_code(record.get("company_size"), CompanySize.choices, str(_("company size")))
        if text.get("company_size")
        else "",
        categories=[category.pk for category in _categories(record.get("categories"), known)],
    )
    return VendorForm(data=data)


def import_vendors(*, actor: User, upload) -> tuple[list[Vendor], list[RowError]]:
    """Register every vendor of the workbook as a prospect, or none of them when any row is refused."""
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR imports vendors."), status=403)
    rows = read_rows(upload, IMPORT_COLUMNS)
    known = {}
    for category in ServiceCategory.objects.filter(is_active=True):  # by name or by code, read once
        known[category.name] = known[category.code] = category
    first_row: dict[str, int] = {}

    def save(number: int, record: dict):
        code = creditcode.normalise(str(record.get("credit_code") or ""))
        if code and code in first_row:  # a duplicate inside the file: say which row, not a rolled-back vendor
            raise RuleViolation(
                ErrorCode.DUPLICATE,
                _("The credit code %(code)s is also on row %(row)s of this file.")
                % {"code": code, "row": first_row[code]},
            )
        first_row.setdefault(code, number)
        form = checked_by_form(_row_form(record, known), IMPORT_COLUMNS)
        return services.register_vendor(actor=actor, data=form.to_data())

    return import_all_or_nothing(rows, save)
