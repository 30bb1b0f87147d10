"""Budget control (SET-6, RSK-2): a project's actual (paid, hidden costs) and committed (approved unpaid, remaining
contract value) spend against its budget and risk reserve; alerts at the configured thresholds to the project owner,
the department's heads and finance, once per project and threshold; hidden costs recorded against the project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.indicators import indicator
from outsourcing.core.notices import send
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.settlements import budget, payments, reminders
from outsourcing.settlements.models import HiddenCost
from tests.settlements.factories import approve_everything, requested, user

pytestmark = pytest.mark.django_db


def _cost(project, amount, by="requester", **overrides):
    values = {"kind": "management_time", "description": "项目经理管理工时", "incurred_on": today(), "amount": amount}
    values.update(overrides)
    return perform(by, budget.record_hidden_cost, project=project, **values)


def test_set6_actual_and_committed_spend_follow_approval_payment_and_hidden_costs(demo):
    """SET-6: a signed ¥600,000 contract on a ¥1,200,000 budget commits ¥600,000; the approved settlement moves its
    amount from the contract's remainder to approved-unpaid, the payment to actual; a hidden cost adds to actual."""
    settlement = requested()
    project = settlement.contract.project
    start = budget.figures(project)
    assert (start.paid, start.approved_unpaid, start.remaining_contracts) == (0, 0, Decimal("600000.00"))
    assert start.percent == Decimal("50.0") and start.threshold is None
    approve_everything(settlement, "settlement")
    settlement.refresh_from_db()
    approved = budget.figures(project)
    assert approved.approved_unpaid == settlement.approved_amount
    assert approved.remaining_contracts == Decimal("600000.00") - settlement.approved_amount
    perform("finance", payments.record_payment, settlement=settlement, paid_on=today(),
            amount=settlement.approved_amount, bank_reference="ICBC-SET6")  # fmt: skip
    _cost(project, "12000.50", kind="equipment", description="工位与电脑")
    paid = budget.figures(project)
    assert (paid.paid, paid.hidden, paid.approved_unpaid) == (settlement.approved_amount, Decimal("12000.50"), 0)
    assert paid.actual == settlement.approved_amount + Decimal("12000.50")
    assert paid.used == Decimal("612000.50") and paid.percent == Decimal("51.0")


def test_set6_alerts_at_80_and_100_percent_once_to_owner_department_head_and_finance(demo, settings):
    """SET-6, RSK-2: at 80 % the owner, the head of the department above and finance are told once (a second run
    sends nothing); at 100 % a new alert; the indicator finds the project; a threshold setting moves the line."""
    settlement = requested()
    project = settlement.contract.project
    _cost(project, "359999.99")  # 959,999.99 of 1,200,000: below 80 %
    assert [n for n in reminders.budget_threshold(today()) if str(project.number) in n.title] == []
    assert [f for f in indicator("budget_over_threshold").compute(today()) if f.project_id == project.pk] == []
    _cost(project, "0.01", by="finance")
    notices = [n for n in reminders.budget_threshold(today()) if project.number in n.title]
    assert {n.recipient_id for n in notices} == {user("requester").pk, user("depthead").pk, user("finance").pk}
    assert {n.dedup_key for n in notices} == {f"budget-threshold:{project.pk}:80"}
    assert send(notices) == 3 and send(reminders.budget_threshold(today())) == 0
    [finding] = [f for f in indicator("budget_over_threshold").compute(today()) if f.project_id == project.pk]
    assert "80.0%" in finding.evidence and finding.url.endswith("#budget")
    _cost(project, "240000")
    notices = [n for n in reminders.budget_threshold(today()) if project.number in n.title]
    assert {n.dedup_key for n in notices} == {f"budget-threshold:{project.pk}:100"} and notices[0].level == "danger"
    assert send(notices) == 3
    assert Notification.objects.filter(recipient=user("depthead"), url__endswith="#budget").count() == 2
    settings.SETTLEMENT_BUDGET_ALERT_PERCENTS = [120]
    assert [f for f in indicator("budget_over_threshold").compute(today()) if f.project_id == project.pk] == []


def test_set6_bad_hidden_costs_are_refused_and_nothing_is_saved(demo):
    """SET-6 bad input: a float, a third decimal, zero, no description, a vendor user or another department's owner:
    refused with its code, nothing saved."""
    project = requested().contract.project
    for amount, code in ((12.5, "bad_money"), ("1.005", "bad_money"), ("0", "bad_money")):
        with pytest.raises(RuleViolation) as refused:
            _cost(project, amount)
        assert refused.value.code == code
    with pytest.raises(RuleViolation) as refused:
        _cost(project, "100", description="  ")
    assert refused.value.code == "required"
    for outsider in ("vendor1", "itowner"):
        with pytest.raises(RuleViolation) as refused:
            _cost(project, "100", by=outsider)
        assert refused.value.status == 403
    assert not HiddenCost.objects.exists()


def test_set6_project_page_and_api_show_the_budget_and_take_hidden_costs(demo, client_for, api_for):
    """SET-6: the budget section on the project's page (section registry); /api/project-budgets/ and
    /api/hidden-costs/ for the department and finance; a vendor user is refused."""
    project = requested().contract.project
    page = client_for("requester").get(project.get_absolute_url())
    assert page.status_code == 200 and 'id="budget"' in page.content.decode()
    form = client_for("requester").post(
        f"/settlements/project/{project.pk}/hidden-cost/",
        {"kind": "equipment", "description": "现场设备", "incurred_on": today().isoformat(), "amount": "800.00"},
    )
    assert form.status_code == 302 and HiddenCost.objects.get().amount == Decimal("800.00")
    answer = api_for("finance").get(f"/api/project-budgets/{project.pk}/")
    assert answer.status_code == 200
    assert answer.json()["hidden_costs"] == "800.00" and answer.json()["committed"] == "600000.00"
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    created = api_for("finance").post("/api/hidden-costs/", {"project": project.pk, "kind": "management_time",
                                                            "description": "财务对账工时", "amount": "1200.00",
                                                            "incurred_on": yesterday}, format="json")  # fmt: skip
    assert created.status_code == 201, created.json()
    assert api_for("vendor1").get("/api/project-budgets/").status_code == 403
    assert api_for("vendor1").post("/api/hidden-costs/", {}, format="json").status_code == 403
    assert client_for("vendor1").get(f"/settlements/project/{project.pk}/hidden-cost/").status_code == 403
