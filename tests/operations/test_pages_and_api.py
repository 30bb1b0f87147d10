"""Operations through the pages and the API: the requester issues an instruction on the page (bad addressee
refused beside the field), the site manager acknowledges and completes in the portal and through the API, the
contract page names the interface persons, the isolation sweep with vendor2 as the outsider, Excel exports and
query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from outsourcing.core.timeutil import today
from outsourcing.operations.models import InstructionStatus, WorkInstruction
from tests.operations.factories import contract_in_force, instruct, user

pytestmark = pytest.mark.django_db


def test_ops1_issue_on_the_page_and_the_portal_answers(demo, client_for):
    contract = contract_in_force("vendor1")
    page = client_for("requester")
    form = page.get(f"/operations/instructions/new/?contract={contract.pk}")
    assert form.status_code == 200 and user("vendor1").get_full_name() in form.content.decode()
    post = {"contract": contract.pk, "addressee": user("vendor1").pk, "subject": "热线高峰增派坐席",
            "content": "下周一起 9:00–11:00 高峰时段接通率需达到95%，请调整排班并回复方案。",
            "issued_on": today().isoformat(), "due_date": (today() - dt.timedelta(days=1)).isoformat()}  # fmt: skip
    refused = page.post("/operations/instructions/new/", post)
    assert refused.status_code == 200 and not WorkInstruction.objects.exists()
    assert "due_date" in refused.context["form"].errors
    post["due_date"] = (today() + dt.timedelta(days=7)).isoformat()
    post["addressee"] = user("hr").pk  # not on the list: refused by the form too
    assert page.post("/operations/instructions/new/", post).status_code == 200
    post["addressee"] = user("vendor1").pk
    sent = page.post("/operations/instructions/new/", post)
    instruction = WorkInstruction.objects.get()
    assert sent.status_code == 302 and sent["Location"] == instruction.get_absolute_url()
    portal = client_for("vendor1")
    assert instruction.number in portal.get("/operations/").content.decode()
    assert portal.post(f"/operations/instructions/{instruction.pk}/acknowledge/").status_code == 302
    assert portal.post(f"/operations/instructions/{instruction.pk}/complete/", {"report": " "}).status_code == 200
    done = portal.post(f"/operations/instructions/{instruction.pk}/complete/", {"report": "已调整排班，高峰增派2席。"})
    assert done.status_code == 302
    instruction.refresh_from_db()
    assert instruction.status == InstructionStatus.COMPLETED
    detail = page.get(instruction.get_absolute_url()).content.decode()
    assert "已调整排班" in detail
    contract_page = page.get(contract.get_absolute_url()).content.decode()
    assert 'id="operations"' in contract_page and 'id="interface-persons"' in contract_page


def test_ops1_the_api_issues_acknowledges_and_completes(demo, api_for):
    contract = contract_in_force("vendor1")
    api = api_for("requester")
    body = {"contract": contract.pk, "addressee": user("hr").pk, "subject": "质检抽查整改",
            "content": "请对本周质检发现的3通未记录工单进行复盘。",
            "due_date": (today() + dt.timedelta(days=3)).isoformat()}
    refused = api.post("/api/instructions/", body, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "not_site_manager"
    body["addressee"] = user("vendor1").pk
    created = api.post("/api/instructions/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    portal = api_for("vendor1")
    assert portal.get(f"/api/instructions/{pk}/").json()["available_actions"] == ["acknowledge"]
    assert portal.post(f"/api/instructions/{pk}/complete/", {"report": "好"}, format="json").status_code == 409
    assert portal.post(f"/api/instructions/{pk}/acknowledge/").json()["status"] == "acknowledged"
    assert portal.post(f"/api/instructions/{pk}/complete/", {"report": "已复盘"}, format="json").status_code == 200
    assert api.get("/api/instructions/", {"status": "completed"}).json()["count"] == 1


def test_isolation_sweep_of_every_operations_url_and_endpoint_across_the_two_vendors(demo, client_for, api_for):
    """ORG-3, OPS-1: vendor2 against vendor1's instruction (and back) answers 403 or 404 everywhere and sees none
    in its lists or exports; a department that does not own the project reads nothing either."""
    mine = {username: instruct(contract_in_force(username), to=username) for username in ("vendor1", "vendor2")}
    for outsider, owner in (("vendor2", "vendor1"), ("vendor1", "vendor2")):
        instruction = mine[owner]
        client = client_for(outsider)
        assert instruction.number not in client.get("/operations/").content.decode()
        book = load_workbook(io.BytesIO(client.get("/operations/", {"export": "xlsx"}).content))
        assert instruction.number not in [row[0] for row in book.active.iter_rows(values_only=True)]
        for method, url in [("get", instruction.get_absolute_url()),
                            ("post", f"/operations/instructions/{instruction.pk}/acknowledge/"),
                            ("post", f"/operations/instructions/{instruction.pk}/complete/")]:  # fmt: skip
            status = getattr(client, method)(url, {"report": "好"}).status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
        assert client.get(f"/operations/instructions/new/?contract={instruction.contract_id}").status_code == 403
        api = api_for(outsider)
        assert api.get("/api/instructions/").json()["count"] == 1
        for method, url in [("get", f"/api/instructions/{instruction.pk}/"),
                            ("post", f"/api/instructions/{instruction.pk}/acknowledge/"),
                            ("post", f"/api/instructions/{instruction.pk}/complete/")]:  # fmt: skip
            status = getattr(api, method)(url, {"report": "好"}, format="json").status_code
            assert status in (403, 404), f"{outsider}: {method.upper()} {url} answered {status}"
    assert client_for("itowner").get(mine["vendor1"].get_absolute_url()).status_code in (403, 404)
    assert client_for("vendor1").get(mine["vendor1"].get_absolute_url()).status_code == 200
    assert WorkInstruction.objects.filter(status=InstructionStatus.ISSUED).count() == 2


def test_list_pages_and_endpoints_cost_a_fixed_number_of_queries(demo, client_for, api_for):
    """X-6: the instruction list, its export and its endpoint do not grow with the rows."""
    contract = contract_in_force("vendor1")
    instruct(contract)
    counts = []
    for extra in range(2):
        if extra:
            for _ in range(4):
                instruct(contract_in_force("vendor1"))
        measured = []
        for username, url in (("requester", "/operations/"), ("vendor1", "/operations/"),
                              ("hr", "/operations/?export=xlsx"), ("vendor1", "/api/instructions/")):  # fmt: skip
            client = api_for(username) if url.startswith("/api/") else client_for(username)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1], counts


def test_ops1_the_screen_warns_on_the_page_and_in_the_api_before_sending(demo, client_for, api_for):
    """OPS-1, OPS-2: the page shows the warning with the "send anyway" box; the API answers the code and hits."""
    contract = contract_in_force("vendor1")
    post = {"contract": contract.pk, "addressee": user("vendor1").pk, "subject": "夜班人员考勤",
            "content": "请将夜班坐席的考勤打卡记录每天发给我们，迟到者扣款。", "issued_on": today().isoformat(),
            "due_date": (today() + dt.timedelta(days=3)).isoformat()}  # fmt: skip
    page = client_for("requester")
    warned = page.post("/operations/instructions/new/", post)
    assert warned.status_code == 200 and "send_anyway" in warned.context["form"].errors
    assert not WorkInstruction.objects.exists()
    sent = page.post("/operations/instructions/new/", {**post, "send_anyway": "on"})
    assert sent.status_code == 302
    assert 'id="screen-findings"' in page.get(sent["Location"]).content.decode()
    body = {k: v for k, v in post.items() if k != "issued_on"}
    answer = api_for("requester").post("/api/instructions/", body, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "direct_management_terms"
    assert answer.json()["hits"]
    assert api_for("requester").post("/api/instructions/", {**body, "send_anyway": True},
                                     format="json").status_code == 201  # fmt: skip
