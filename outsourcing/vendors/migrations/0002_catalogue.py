"""The licence types and service categories every install needs (VEN-1, VEN-2); the administrator adds more."""

from django.db import migrations

LICENCE_TYPES = [
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
SERVICE_CATEGORIES = [
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


def load(apps, schema_editor):
    LicenceType = apps.get_model("vendors", "LicenceType")
    ServiceCategory = apps.get_model("vendors", "ServiceCategory")
    licences = {}
    for code, name, is_certification in LICENCE_TYPES:
        licences[code], _ = LicenceType.objects.get_or_create(
            code=code, defaults={"name": name, "is_certification": is_certification}
        )
    for code, name, required, keywords in SERVICE_CATEGORIES:
        category, created = ServiceCategory.objects.get_or_create(
            code=code, defaults={"name": name, "scope_keywords": keywords}
        )
        if created:
            category.required_licences.set([licences[c] for c in required])


def unload(apps, schema_editor):
    apps.get_model("vendors", "ServiceCategory").objects.filter(code__in=[row[0] for row in SERVICE_CATEGORIES]).delete()
    apps.get_model("vendors", "LicenceType").objects.filter(code__in=[c for c, _, _ in LICENCE_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
