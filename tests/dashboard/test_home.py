"""ORG-1, X-4: every demo user logs in and lands on their role's home page."""

from decimal import Decimal

import pytest
from django.test import Client

from outsourcing.org.demo import DEMO_LOGINS, DEMO_PASSWORD
from outsourcing.org.models import Role, User
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_ROLE_LABEL = {
    "admin": "系统管理员",
    "hr": "人力资源部（归口管理）",
    "requester": "项目负责人",
    "depthead": "部门负责人",
    "legal": "法务",
    "finance": "财务",
    "procurement": "采购",
    "manager": "公司管理层",
    "auditor": "内控审计",
    "vendor1": "外包商现场负责人",
    "vendor2": "外包商现场负责人",
}


# Navigation in lifecycle order, only what the role may open.
EXPECTED_NAV = {
    "admin": [
        *["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "operations", "performance"],
        *["settlements", "compliance", "incidents", "reports", "org", "audit"],
    ],
    "auditor": [
        *["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "operations", "performance"],
        *["settlements", "compliance", "incidents", "reports", "org", "audit"],
    ],
    "vendor1": [*["home", "portal", "invitations", "contracts", "workers", "operations", "performance"],
                *["settlements", "incidents", "reports"]],
    "vendor2": [*["home", "portal", "invitations", "contracts", "workers", "operations", "performance"],
                *["settlements", "incidents", "reports"]],
}
# Risk and compliance (RSK-1) for its readers; incidents (INC-1) also for those who record them.
COMPLIANCE_NAV = {"hr": ["compliance", "incidents"], "legal": ["compliance", "incidents"],
                  "manager": ["compliance", "incidents"], "requester": ["incidents"], "depthead": ["incidents"]}
# The dashboards for management, department heads, HR, finance (and audit, the administrator, vendors).
REPORTS_NAV = {"hr", "depthead", "finance", "manager"}


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_each_demo_user_logs_in_and_lands_on_their_home(demo, username):
    """ORG-1, X-4: the fixed demo logins work with the demo password and show the role's home in Chinese."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    html = home.content.decode()
    user = User.objects.get(username=username)
    assert f"您好，{user.full_name}" in html
    assert EXPECTED_ROLE_LABEL[username] in html
    nav = [item["key"] for item in home.context["nav_items"]]
    default = ["home", "inbox", "vendors", "demands", "sourcing", "contracts", "workers", "operations", "performance"]
    reports = ["reports"] if username in REPORTS_NAV else []
    default += ["settlements", *COMPLIANCE_NAV.get(username, []), *reports, "org"]
    assert nav == EXPECTED_NAV.get(username, default)


def test_scoped_roles_show_their_departments_on_the_home_page(client_for):
    """ORG-1"""
    html = client_for("depthead").get("/").content.decode()
    assert "部门负责人" in html and "运营中心" in html


def test_admin_sees_users_waiting_for_a_role(client_for, demo):
    """ORG-1: an active user without a role is something waiting for the administrator."""
    assert client_for("admin").get("/").context["waiting"] == []
    UserFactory(username="norole")
    waiting = client_for("admin").get("/").context["waiting"]
    assert [(str(w.title), w.count) for w in waiting] == [("未分配角色的在用账号", 1)]
    # the same user is not the HR manager's business
    assert client_for("hr").get("/").context["waiting"] == []


def test_a_user_without_role_is_told_what_to_do(demo):
    """ORG-1"""
    client = Client()
    client.force_login(UserFactory(username="lonely"))
    assert "请联系系统管理员" in client.get("/").content.decode()


def test_home_page_query_count_does_not_grow_with_roles(demo, django_assert_max_num_queries):
    """The home page stays cheap for a user holding many roles."""
    user = UserFactory(roles=[Role.HR, Role.LEGAL, Role.FINANCE, Role.AUDITOR, Role.PROCUREMENT, Role.MANAGEMENT])
    client = Client()
    client.force_login(user)
    # Session, user, roles, delegations, permission fallback (2), the inbox count (page and nav), unread
    # notices, and one count each for the vendor pool's waiting items: fixed, whatever the roles.
    # + the contracts ending of which the user is the owner, and HR's three worker counts (filed, proofs to
    # check, access open after an exit); + legal's termination requests to review and the owner's closed
    # contracts without a post-project evaluation (CON-10); + performance's three counts (the evaluations to publish
    # and the disputes in one, the rectification plans to accept, the PIPs to verify).
    # + HR's compliance items: findings without a risk, the high-score projects (count and first), risks due (RSK);
    # + finance's approved settlements to pay (SET-5).
    with django_assert_max_num_queries(27):
        assert client.get("/").status_code == 200


def test_a_vendor_user_sees_what_its_company_must_answer_or_confirm(demo, client_for):
    """ORG-3, CON-1, CON-7, OPS-2, WRK-6: the site manager's home lists the signature to confirm, the notice and
    the request to answer and the month HR returned, each linking to where it is done; answered, it goes."""
    import datetime as dt

    from outsourcing.contracts import changes, signing
    from outsourcing.core.timeutil import today
    from outsourcing.workforce import proofs, selectors
    from outsourcing.workforce import requests as worker_requests
    from tests.contracts.factories import approve_everything
    from tests.workforce.factories import contract_in_force, on_site, user

    assert client_for("vendor1").get("/").context["waiting"] == []  # the demo company has nothing open
    month = selectors.months_back(proofs.first_of_month(today()), 1)
    contract = contract_in_force("vendor2", start=month - dt.timedelta(days=40))
    worker = on_site(contract, "vendor2", entered=month, planned_start=month)
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="夜班交接",
                                   description="交接记录不完整，请现场负责人核实")  # fmt: skip
    notice = changes.draft_notice(
        actor=user("requester"), contract=contract, kind="rectification", clause="第5条 服务标准",
        facts="接通率低于约定", found_on=today(), demand="提交整改报告", respond_by=today() + dt.timedelta(days=15),
    )  # fmt: skip
    approve_everything(notice, "contract_rectification")
    proof = proofs.submit_proof(actor=user("vendor2"), project=contract.project, month=month,
                                lines=[proofs.LineData(worker_id=worker.pk, wage_paid=True, social_insurance=False,
                                                       housing_fund=True, tax_filed=True, wage_amount=Decimal("6000"),
                                                       own_account=True)])  # fmt: skip
    proofs.check_proof(actor=user("hr"), proof=proof, accept=False, note="补缴社保")

    waiting = {str(w.title): (w.count, w.url) for w in client_for("vendor2").get("/").context["waiting"]}
    assert waiting == {
        "我方尚未确认签署的合同": (1, contract.get_absolute_url()),
        "待答复的公司通知书": (1, contract.get_absolute_url() + "#notices"),
        "待答复的人员问题": (1, worker.get_absolute_url() + "#requests"),
        "被人力资源部退回的月度证明": (1, "/workers/proofs/?status=gaps"),
    }
    assert client_for("vendor1").get("/").context["waiting"] == []  # another company's business

    signing.vendor_confirms_signature(actor=user("vendor2"), contract=contract)
    changes.vendor_answers_notice(actor=user("vendor2"), notice=notice, response="已提交整改报告")
    worker_requests.answer_request(actor=user("vendor2"), request=request, response="已核实并补全交接记录")
    assert [str(w.title) for w in client_for("vendor2").get("/").context["waiting"]] == ["被人力资源部退回的月度证明"]


def test_each_app_contributes_its_waiting_items_and_a_new_app_plugs_in(client_for, demo):
    """X-2, ORG-1 (issue 13, item 4): the home page's "waiting for me" comes from the apps' registrations in
    lifecycle order, not from a list in the dashboard; an app outside it (the test app) adds its own items."""
    from outsourcing.core.todos import registered_sources
    from tests.testapp.models import SampleDocument

    assert registered_sources() == ["approvals", "demands", "vendors", "contracts", "workforce", "performance",
                                    "settlements", "partnership", "compliance", "org", "testapp"]  # fmt: skip
    assert client_for("requester").get("/").context["waiting"] == []
    SampleDocument.objects.create(
        title="示例", department=demo.requester.department, author=demo.requester, status="returned"
    )
    waiting = client_for("requester").get("/").context["waiting"]
    assert [(w.title, w.count) for w in waiting] == [("退回的示例单据", 1)]
