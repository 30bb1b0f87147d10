"""PRF-7 and PRF-4: a result below standard asks the vendor for a rectification plan the company accepts or
returns; two failed months in a row (across a month end) open a PIP; a PIP is extended once, and a failed PIP
proposes a termination notice to legal. The dashboard shows each KPI's actual per period from the evaluation's
own figures, with the bands, to the company and to the vendor — never to another vendor."""

from __future__ import annotations

import json

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.performance import evaluations, improvement
from outsourcing.performance.models import Kpi, Pip, RectificationPlan, TerminationProposal
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, published, sla, user

pytestmark = pytest.mark.django_db


def _failing_contract(months: int = 3):
    contract = contract_in_force("vendor1", start=month_ago(months, day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)], pip_after=2)
    return contract, answer


def _month(contract, answer, back: int, rate: int, *, confirm: bool = True):
    figure(contract, answer, month_ago(back), answered=rate * 10, offered=1000)
    evaluation = published(contract, month_ago(back))
    if confirm:
        evaluation = perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={})
    return evaluation


def test_prf7_two_failed_months_in_a_row_across_a_month_end_open_a_pip(demo):
    contract, answer = _failing_contract()
    first = _month(contract, answer, 3, 80)
    assert first.passed is False and RectificationPlan.objects.filter(evaluation=first).exists()
    assert not Pip.objects.exists()
    passing = _month(contract, answer, 2, 97)  # a pass breaks the run
    assert passing.passed is True and not Pip.objects.exists()
    second = _month(contract, answer, 1, 70, confirm=False)
    assert not Pip.objects.exists()  # not final yet: the vendor may still dispute
    perform("vendor1", evaluations.answer, evaluation=second, disputes={})
    assert not Pip.objects.exists()  # one failure since the pass
    contract2, answer2 = _failing_contract(2)
    _month(contract2, answer2, 2, 80)
    last = _month(contract2, answer2, 1, 60)
    pip = Pip.objects.get(contract=contract2)
    assert pip.status == "open" and set(pip.triggered_by.all()) == {last, contract2.evaluations.get(
        period_start=month_ago(2, day=1))}  # fmt: skip
    assert Notification.objects.filter(recipient=user("vendor1"), title__contains=pip.number).exists()


def test_prf7_the_vendor_writes_the_plan_the_company_returns_then_accepts(demo, client_for):
    contract, answer = _failing_contract(2)
    evaluation = _month(contract, answer, 1, 80)
    plan = evaluation.rectification
    portal, owner = client_for("vendor1"), client_for("requester")
    body = {"root_cause": "夜班坐席不足", "actions": "增派2席", "owner": "郑海", "deadline": today().isoformat()}
    early = portal.post(plan.get_absolute_url(), body)
    assert early.status_code == 200 and early.context["plan_form"].errors  # the deadline must be after today
    body["deadline"] = min(contract.end_date, today().replace(day=28) if today().day < 28 else contract.end_date)
    body["deadline"] = body["deadline"].isoformat()
    assert portal.post(plan.get_absolute_url(), body).status_code == 302
    assert client_for("vendor2").get(plan.get_absolute_url()).status_code == 404
    no_reason = owner.post(plan.get_absolute_url(), {"decision": "return", "reason": ""})
    assert no_reason.status_code == 200
    assert owner.post(plan.get_absolute_url(), {"decision": "return", "reason": "措施未量化"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "returned" and plan.return_reason == "措施未量化"
    assert portal.post(plan.get_absolute_url(), {**body, "actions": "增派2席，接通率每周≥95%"}).status_code == 302
    assert owner.post(plan.get_absolute_url(), {"decision": "accept"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "accepted" and plan.actions.endswith("≥95%")


def test_prf7_a_pip_is_extended_once_and_its_failure_proposes_termination_to_legal(demo, client_for):
    contract, answer = _failing_contract(2)
    _month(contract, answer, 2, 80)
    _month(contract, answer, 1, 80)
    pip = Pip.objects.get()
    page = client_for("requester")
    assert (
        page.post(
            pip.get_absolute_url(),
            {
                "action": "milestone",
                "milestone-description": "夜班增派到位",
                "milestone-due_date": pip.deadline.isoformat(),
            },
        ).status_code
        == 302
    )
    assert client_for("vendor2").get(pip.get_absolute_url()).status_code == 404
    assert (
        client_for("vendor1")
        .post(pip.get_absolute_url(), {"action": "close", "close-outcome": "failed", "close-verification": "x"})
        .status_code
        == 200
    )
    pip.refresh_from_db()
    assert pip.status == "open"  # the vendor does not close its own PIP
    until = min(contract.end_date, pip.deadline + (pip.deadline - today()))
    perform("requester", improvement.extend_pip, pip=pip, until=until, reason="培训周期延长")
    with pytest.raises(RuleViolation) as twice:
        perform("requester", improvement.extend_pip, pip=pip, until=until, reason="再延")
    assert twice.value.code == "extended_once"
    with pytest.raises(RuleViolation):  # an open milestone: the PIP cannot pass
        perform("requester", improvement.close_pip, pip=pip, passed=True, verification="已达标")
    closed = page.post(pip.get_absolute_url(), {"action": "close", "close-outcome": "failed",
                                                "close-verification": "两周抽检准确率仍低于目标"})  # fmt: skip
    assert closed.status_code == 302
    pip.refresh_from_db()
    proposal = TerminationProposal.objects.get(pip=pip)
    assert pip.status == "failed" and contract.number in proposal.facts
    assert Notification.objects.filter(recipient=user("legal"), title__contains=pip.number).exists()
    assert 'id="termination-proposal"' in page.get(pip.get_absolute_url()).content.decode()


def test_prf4_the_dashboard_shows_the_evaluations_figures_to_the_vendor_and_not_to_others(demo, client_for):
    contract, answer = _failing_contract(2)
    evaluation = _month(contract, answer, 1, 80)
    figure(contract, answer, month_ago(2, day=15), answered=965, offered=1000)
    page = client_for("vendor1").get(f"/performance/dashboards/{contract.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and 'id="kpi-charts"' in text and "<script>" not in text
    assert "vendor/chartjs/chart.umd.min.js" in text
    charts = page.context["charts"]
    points = {p["period"]: p for p in charts[0]["points"]}
    item = evaluation.items.get()
    assert points[f"{month_ago(1):%Y-%m}"]["actual"] == float(item.actual) and points[f"{month_ago(1):%Y-%m}"][
        "rating"] == "red"  # fmt: skip
    assert points[f"{month_ago(2):%Y-%m}"]["rating"] == "green"
    assert (
        json.loads(text.split('id="kpi-charts" type="application/json">')[1].split("</script>")[0])[0]["target"] == 95
    )
    assert client_for("vendor2").get(f"/performance/dashboards/{contract.pk}/").status_code == 404
    assert client_for("logistics").get(f"/performance/dashboards/{contract.pk}/").status_code == 404
    assert client_for("requester").get(f"/performance/dashboards/{contract.pk}/").status_code == 200
    contract_page = client_for("requester").get(contract.get_absolute_url()).content.decode()
    assert 'id="performance"' in contract_page and evaluation.period_label in contract_page
