"""Demo data for the organisation: a real-looking company, its people and its authority matrix.

Idempotent: each record is created only if missing, always through the services.
"""

from __future__ import annotations

from decimal import Decimal

from outsourcing.org import services
from outsourcing.org.models import AuthorityMatrixVersion, Department, Role, User, UserKind

DEMO_PASSWORD = "outsourcing-demo"

# code, name, parent code
DEPARTMENTS = [
    ("GMO", "总经理办公室", None),
    ("HR", "人力资源部", None),
    ("FIN", "财务部", None),
    ("LEGAL", "法务部", None),
    ("PROC", "采购部", None),
    ("AUDIT", "内控审计部", None),
    ("IT", "信息技术部", None),
    ("IT-OPS", "IT运维组", "IT"),
    ("OPS", "运营中心", None),
    ("OPS-CS", "客户服务部", "OPS"),
    ("OPS-LOG", "物流仓储部", "OPS"),
    ("ADM", "行政部", None),
]

# username, full name, department code, title, kind, roles [(role, scope department code or None)]
USERS = [
    ("admin", "周明", "IT", "系统管理员", UserKind.INTERNAL, [(Role.ADMIN, None)]),
    ("hr", "王芳", "HR", "人力资源经理（外包归口管理）", UserKind.INTERNAL, [(Role.HR, None)]),
    ("requester", "李强", "OPS-CS", "客服外包项目负责人", UserKind.INTERNAL, [(Role.REQUESTER, "OPS-CS")]),
    ("depthead", "张伟", "OPS", "运营中心总监", UserKind.INTERNAL, [(Role.DEPT_HEAD, "OPS")]),
    ("legal", "陈静", "LEGAL", "法务经理", UserKind.INTERNAL, [(Role.LEGAL, None)]),
    ("finance", "刘洋", "FIN", "财务经理", UserKind.INTERNAL, [(Role.FINANCE, None)]),
    ("procurement", "赵磊", "PROC", "采购主管", UserKind.INTERNAL, [(Role.PROCUREMENT, None)]),
    ("manager", "孙丽", "GMO", "分管副总经理", UserKind.INTERNAL, [(Role.MANAGEMENT, None)]),
    ("auditor", "吴敏", "AUDIT", "内控审计经理", UserKind.INTERNAL, [(Role.AUDITOR, None)]),
    ("ithead", "黄涛", "IT", "信息技术部经理", UserKind.INTERNAL, [(Role.DEPT_HEAD, "IT")]),
    ("itowner", "马骏", "IT-OPS", "IT运维外包项目负责人", UserKind.INTERNAL, [(Role.REQUESTER, "IT-OPS")]),
    ("logistics", "陈磊", "OPS-LOG", "仓储外包项目负责人", UserKind.INTERNAL, [(Role.REQUESTER, "OPS-LOG")]),
    ("vendor1", "郑海", None, "现场项目经理", UserKind.VENDOR, [(Role.VENDOR_MANAGER, None)]),
    ("vendor2", "钱红", None, "现场负责人", UserKind.VENDOR, [(Role.VENDOR_MANAGER, None)]),
]

# The fixed points other documents rely on: these eleven log in with DEMO_PASSWORD.
DEMO_LOGINS = [u[0] for u in USERS if u[0] not in ("ithead", "itowner", "logistics")]

Y = Decimal
# The types are the codes the apps register (org.document_types); the demo loads after every app is ready.
MATRIX_V1 = [
    ("demand", Role.MANAGEMENT, Y("1000000"), None),
    ("contract", Role.MANAGEMENT, Y("1000000"), None),
]
MATRIX_V2 = [
    ("demand", Role.MANAGEMENT, Y("500000"), None),
    ("sourcing_award", Role.MANAGEMENT, Y("500000"), None),
    ("contract", Role.MANAGEMENT, Y("1000000"), None),
    ("contract_change", Role.MANAGEMENT, Y("500000"), None),
    ("termination", Role.MANAGEMENT, Y("0"), None),
    ("settlement", Role.MANAGEMENT, Y("500000"), None),  # a period's settlement of ¥500,000 or more (SET-5)
]


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    departments: dict[str, Department] = {d.code: d for d in Department.objects.all()}
    for code, name, parent in DEPARTMENTS:
        if code not in departments:
            departments[code] = services.create_department(
                actor=None,
                name=name,
                code=code,
                parent=departments.get(parent) if parent else None,
                sort_order=len(departments),
            )
    say(f"departments: {len(departments)}")

    admin = User.objects.filter(username="admin").first()
    for username, full_name, dept, title, kind, roles in USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = services.create_user(
            actor=admin,
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            kind=kind,
            email=f"{username}@demo.example.cn",
            department=departments[dept] if dept else None,
            title=title,
            roles=[services.RoleGrant(role, departments[scope] if scope else None) for role, scope in roles],
        )
        admin = admin or user
    say(f"users: {User.objects.count()}")

    if not AuthorityMatrixVersion.objects.exists():
        for rows, note in (
            (MATRIX_V1, "依据《劳务外包管理制度》初始发布授权体系"),
            (MATRIX_V2, "2026年授权调整：外包需求50万元以上须公司管理层审批（总经理办公会决议）"),
        ):
            services.publish_authority_matrix(
                actor=admin, note=note, rules=[services.RuleDraft(d, lvl, lo, hi) for d, lvl, lo, hi in rows]
            )
    say(f"authority matrix versions: {AuthorityMatrixVersion.objects.count()}")
