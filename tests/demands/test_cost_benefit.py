"""DEM-5: the demand sets the expected outsourced cost against an in-house estimate of the same work (staff,
management, equipment); approvers see the difference and the reserve on the page and in the API."""

from decimal import Decimal

import pytest

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.demands import services
from outsourcing.demands.models import Demand
from tests.demands.factories import demand_data, form_post

pytestmark = pytest.mark.django_db


def test_dem5_cost_benefit_is_computed_in_money():
    """DEM-5: in-house minus the budget lines; after the reserve, in-house minus the whole budget."""
    demand = Demand(budget_total=Decimal("105000"), risk_reserve=Decimal("5000"),
                    inhouse_staff_cost=Decimal("96000"), inhouse_management_cost=Decimal("14000"),
                    inhouse_equipment_cost=Decimal("8000"))  # fmt: skip
    cb = demand.cost_benefit
    assert cb.outsourced == Decimal("100000.00") and cb.inhouse_total == Decimal("118000.00")
    assert cb.difference == Decimal("18000.00") and cb.difference_after_reserve == Decimal("13000.00")
    assert cb.outsourcing_cheaper and cb.cheaper_even_with_reserve and cb.saving_percent == Decimal("15.3")
    demand.inhouse_equipment_cost = None
    assert demand.cost_benefit is None


def test_dem5_approvers_see_the_difference_and_the_reserve(demo, client_for, api_for):
    """DEM-5: the demand page shows outsourced, in-house, the difference and the reserve to the approvers;
    the API answers the same figures."""
    demand = services.save_and_submit(actor=demo.requester, demand=None, data=demand_data(
        inhouse_staff_cost=Decimal("80000"), inhouse_management_cost=Decimal("12000"),
        inhouse_equipment_cost=Decimal("6000")))  # fmt: skip
    page = client_for("depthead").get(demand.get_absolute_url()).content.decode()
    assert 'id="cost-benefit"' in page
    assert "¥98,000.00" in page and "¥100,000.00" in page and "¥-2,000.00" in page.replace("-¥", "¥-")
    assert "外包成本高出" in page and "¥5,000.00" in page
    api = api_for("depthead").get(f"/api/demands/{demand.pk}/").json()
    assert api["inhouse_staff_cost"] == "80000.00"
    assert api["cost_benefit"]["difference"] == "-2000.00" and api["cost_benefit"]["reserve"] == "5000.00"
    assert api["cost_benefit"]["outsourcing_cheaper"] is False


def test_dem5_no_submission_without_the_estimate_page_and_api(demo, client_for, api_for):
    """DEM-5: the page refuses to submit without the estimate, says why, and changes nothing; a negative
    figure is refused; a draft may leave it open."""
    body = form_post(submit="1", inhouse_staff_cost="", inhouse_management_cost="", inhouse_equipment_cost="")
    refused = client_for("requester").post("/demands/new/", body)
    assert refused.status_code == 200 and "自营" in refused.content.decode()
    assert not Demand.objects.filter(status=ApprovalState.IN_APPROVAL).exists()
    negative = client_for("requester").post("/demands/new/", form_post(submit="1", inhouse_staff_cost="-1"))
    assert negative.status_code == 200 and not Demand.objects.exists()
    draft = services.create_draft(actor=demo.requester, data=demand_data(inhouse_staff_cost=None))
    with pytest.raises(RuleViolation) as missing:
        services.submit(actor=demo.requester, demand=draft)
    assert missing.value.code == "inhouse_estimate_missing"
    with pytest.raises(RuleViolation):
        services.create_draft(actor=demo.requester, data=demand_data(inhouse_management_cost=Decimal("-5")))
    page = client_for("requester").get(draft.get_absolute_url()).content.decode()
    assert 'id="cb-missing"' in page
