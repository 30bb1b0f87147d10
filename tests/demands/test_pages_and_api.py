"""DEM-1..DEM-4 through the pages (form, list, filters, Excel, detail) and the API; who sees what."""

from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from outsourcing.approvals.states import ApprovalState
from outsourcing.demands import services
from outsourcing.demands.models import Demand
from tests.demands.factories import demand_data, form_post

pytestmark = pytest.mark.django_db


def test_owner_fills_in_the_form_saves_a_draft_then_submits(client_for):
    """DEM-1, DEM-4: save as draft, then save and submit from the same form."""
    client = client_for("requester")
    assert client.get("/demands/new/").status_code == 200
    response = client.post("/demands/new/", form_post(save="1"))
    demand = Demand.objects.get(title="客服热线外包")
    assert response.status_code == 302 and response["Location"] == demand.get_absolute_url()
    assert demand.status == ApprovalState.DRAFT
    edit_form = form_post(submit="1", title="客服热线外包（一期）", **{"lines-INITIAL_FORMS": "1",
                                                                     "lines-0-note": "按40席测算"})  # fmt: skip
    response = client.post(f"/demands/{demand.pk}/edit/", edit_form)
    demand.refresh_from_db()
    assert response.status_code == 302 and demand.status == ApprovalState.IN_APPROVAL
    history = client.get(demand.get_absolute_url()).content.decode().split('id="object-history"')[1]
    # what changed in the lines reads on the demand's own history, before and after
    assert "预算明细" in history and "坐席服务费 ¥100,000.00（按40席测算）" in history
    assert demand.title == "客服热线外包（一期）"
    read_only = client.get(f"/demands/{demand.pk}/edit/")  # read-only once submitted: back to its page
    assert read_only.status_code == 302 and read_only["Location"] == demand.get_absolute_url()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"background": ""}, "background"),
        ({"period_end": "2026-06-30"}, "period_end"),
        ({"lines-0-amount": "-5"}, None),
        ({"lines-0-amount": "十万"}, None),
        ({"budget_total": "999"}, "budget_total"),
        ({"sc_pricing": ""}, "sc_pricing"),
    ],
)
def test_bad_form_input_is_refused_beside_the_field_and_nothing_saved(client_for, overrides, field):
    """DEM-1, X-8"""
    response = client_for("requester").post("/demands/new/", form_post(save="1", **overrides))
    assert response.status_code == 200
    assert not Demand.objects.filter(title="客服热线外包").exists()
    summary = response.content.decode().split('id="error-summary"')[1].split("</div>")[0]  # at the top
    if field:
        assert response.context["form"].errors[field]
        assert f'href="#id_{field}"' in summary  # the summary links to the field down the page
    else:
        assert any(f.errors for f in response.context["lines"].forms)
        assert 'href="#budget-lines"' in summary


def test_submitting_someone_elses_draft_is_refused(client_for, demo):
    """DEM-1, X-8"""
    demand = services.create_draft(actor=demo.requester, data=demand_data())
    response = client_for("logistics").post(f"/demands/{demand.pk}/submit/")
    assert response.status_code == 404  # 物流's owner cannot even see 客服部's draft
    assert client_for("depthead").post(f"/demands/{demand.pk}/submit/").status_code == 403
    demand.refresh_from_db()
    assert demand.status == ApprovalState.DRAFT


def test_who_sees_which_demands(demo, client_for):
    """DEM-4, ORG-1: owners see their own department's; heads their tree; HR all; vendors nothing."""
    cs = services.create_draft(actor=demo.requester, data=demand_data(title="客服A"))
    log = services.create_draft(actor=demo.logistics, data=demand_data(title="物流B", department="OPS-LOG"))
    it = services.create_draft(actor=demo.itowner, data=demand_data(title="运维C", department="IT-OPS"))

    def visible(username):
        return {d.title for d in client_for(username).get("/demands/").context["page"]}

    assert visible("requester") == {"客服A"}
    assert visible("depthead") == {"客服A", "物流B"}
    assert visible("hr") >= {"客服A", "物流B", "运维C"}
    assert client_for("vendor1").get("/demands/").status_code == 403
    assert client_for("requester").get(it.get_absolute_url()).status_code == 404
    assert client_for("depthead").get(log.get_absolute_url()).status_code == 200
    assert client_for("auditor").get(cs.get_absolute_url()).status_code == 200


def test_list_filters_and_excel_export(demo, client_for):
    """DEM-4, X-5: filter by status, department and period; the export holds the filtered rows."""
    services.create_draft(actor=demo.requester, data=demand_data(title="客服草稿"))
    submitted = services.create_draft(actor=demo.logistics, data=demand_data(title="物流已提交", department="OPS-LOG"))
    services.submit(actor=demo.logistics, demand=submitted)
    client = client_for("hr")
    page = client.get("/demands/?status=in_approval").context["page"]
    assert [d.title for d in page] == ["物流已提交"]
    ops_cs = demo.requester.department.pk
    assert [d.title for d in client.get(f"/demands/?department={ops_cs}").context["page"]] == ["客服草稿"]
    assert not list(client.get("/demands/?period_to=2026-01-01").context["page"])
    response = client.get("/demands/?status=in_approval&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and len(rows) == 2
    assert rows[1][1] == "物流已提交" and rows[1][8] == 105000


def test_detail_shows_the_self_check_risk_to_hr(demo, client_for):
    """DEM-3: HR sees the risk level and the answers that raised it."""
    demand = services.create_draft(
        actor=demo.requester,
        data=demand_data(
            self_check={
                "direction": "company",
                "pricing": "headcount",
                "deliverable": "result",
                "attendance": "vendor",
                "selection": "vendor",
                "rules": "no",
                "mixed_posts": "no",
            }
        ),
    )
    response = client_for("hr").get(demand.get_absolute_url())
    assert response.context["assessment"].level == "high"
    assert len(response.context["assessment"].signs) == 2
    assert "risk-level" in response.content.decode()


def test_list_page_and_api_cost_a_fixed_number_of_queries(demo, client_for, api_for, django_assert_max_num_queries):
    """DEM-4: 2 or 25 demands cost the same."""
    for i in range(25):
        services.create_draft(actor=demo.requester, data=demand_data(title=f"需求{i}"))
    page, api = client_for("hr"), api_for("hr")
    with django_assert_max_num_queries(12):
        assert len(page.get("/demands/").context["page"]) == 25
    with django_assert_max_num_queries(6):
        assert api.get("/api/demands/?page_size=100").json()["count"] == 25


def test_api_create_edit_submit(demo, api_for):
    """DEM-1, DEM-4, X-6: a draft through the API, then an edit, then submission."""
    api = api_for("requester")
    body = {
        "title": "接口创建的需求",
        "department": demo.requester.department.pk,
        "background": "背景",
        "work_scope": "范围",
        "boundaries": "边界",
        "deliverables": "成果",
        "sla_outline": "SLA",
        "period_start": "2027-01-01",
        "period_end": "2027-06-30",
        "estimated_headcount": 3,
        "budget_total": "60000.00",
        "risk_reserve": "0",
        "funding_source": "department_budget",
        "risk_analysis": "风险",
        "contingency_plan": "预案",
        "declared_nature": "temporary",
        "nature_explanation": "阶段性工作",
        "self_check": {
            "direction": "vendor",
            "pricing": "fixed",
            "deliverable": "result",
            "attendance": "vendor",
            "selection": "vendor",
            "rules": "no",
            "mixed_posts": "no",
        },
        "budget_lines": [{"item": "服务费", "amount": "60000.00"}],
    }
    created = api.post("/api/demands/", body, format="json")
    assert created.status_code == 201, created.json()
    demand_id = created.json()["id"]
    assert created.json()["number"].startswith("DEM-") and created.json()["status"] == "draft"
    mismatch = api.patch(f"/api/demands/{demand_id}/", {"budget_total": "1.00"}, format="json")
    assert mismatch.status_code == 400 and mismatch.json()["code"] == "budget_mismatch"
    edited = api.patch(f"/api/demands/{demand_id}/", {"title": "接口创建的需求（改）"}, format="json")
    assert edited.status_code == 200 and edited.json()["title"] == "接口创建的需求（改）"
    assert api_for("logistics").post(f"/api/demands/{demand_id}/submit/").status_code == 404
    # DEM-5: no submission without the in-house estimate of the same work; nothing changes.
    early = api.post(f"/api/demands/{demand_id}/submit/")
    assert early.status_code == 400 and early.json()["code"] == "inhouse_estimate_missing"
    assert api.get(f"/api/demands/{demand_id}/").json()["status"] == "draft"
    api.patch(f"/api/demands/{demand_id}/", {"inhouse_staff_cost": "50000", "inhouse_management_cost": "9000",
                                             "inhouse_equipment_cost": "3000"}, format="json")  # fmt: skip
    submitted = api.post(f"/api/demands/{demand_id}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "in_approval"
    assert submitted.json()["cost_benefit"]["difference"] == "2000.00"
    again = api.post(f"/api/demands/{demand_id}/submit/")
    assert again.status_code == 409


def test_api_bad_input(api_for, demo):
    """DEM-1, X-8: end before start and non-numeric amounts are 400 with field messages."""
    response = api_for("requester").post(
        "/api/demands/",
        {
            "title": "x",
            "department": demo.requester.department.pk,
            "period_start": "2027-02-01",
            "period_end": "2027-01-01",
            "budget_total": "abc",
            "budget_lines": [],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "budget_total" in response.json()["fields"] and "background" in response.json()["fields"]


def test_vendors_get_nothing_from_the_api(api_for):
    """DEM-4, ORG-3, X-6"""
    for url in ("/api/demands/", "/api/projects/"):
        assert api_for("vendor1").get(url).status_code == 403
        assert Client().get(url).status_code == 401


def test_a_double_submit_is_told_already_submitted(client_for, api_for, demo):
    """DEM-4, X-8 (security finding 10): the second press of "submit" (or a second API call) answers "already
    submitted" — a 409 with its code on the API — never the permission page; one approval is started."""
    from outsourcing.approvals.models import ApprovalRequest

    demand = services.create_draft(actor=demo.requester, data=demand_data())
    page = client_for("requester")
    assert page.post(f"/demands/{demand.pk}/submit/").status_code == 302
    again = page.post(f"/demands/{demand.pk}/submit/", HTTP_REFERER=f"/demands/{demand.pk}/", follow=True)
    assert again.status_code == 200 and "已提交" in again.content.decode()
    answer = api_for("requester").post(f"/api/demands/{demand.pk}/submit/")
    assert answer.status_code == 409 and answer.json()["code"] == "already_submitted"
    assert ApprovalRequest.objects.filter(object_id=demand.pk, flow__document_type="demand").count() == 1
