"""PRF-6, PRF-7 and CON-6: what waits on the home page for the project owner, HR and the vendor's site manager
(evaluations to publish, answer and resolve, plans to write and accept, PIPs to verify), and the contract's
evaluations, disputes, rectification plans and PIPs beside its renewal decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import override

from outsourcing.audit.actor import perform
from outsourcing.contracts.history import history_of
from outsourcing.core.timeutil import today
from outsourcing.core.todos import waiting_items
from outsourcing.performance import evaluations, improvement
from outsourcing.performance.models import Kpi, Pip
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, published, sla, user

pytestmark = pytest.mark.django_db


def _titles(username: str) -> dict[str, int]:
    with override("en"):  # the source strings, whatever the catalogue says
        return {str(item.title): item.count for item in waiting_items(user(username))}


def test_prf6_prf7_home_todos_follow_the_evaluation_from_draft_to_pip(demo):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)], pip_after=2)
    figure(contract, answer, month_ago(2), answered=800, offered=1000)
    draft = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(2))
    assert _titles("requester")["Evaluations to publish to the vendor"] >= 1
    assert "Evaluations to publish to the vendor" in _titles("hr")
    assert "Evaluations to confirm or dispute" not in _titles("vendor1")  # a draft is the company's paper

    evaluation = perform("requester", evaluations.publish, evaluation=draft)
    assert _titles("vendor1")["Evaluations to confirm or dispute"] >= 1
    item = evaluation.items.get()
    perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={item.pk: "样本漏记夜班"})
    assert "Disputed evaluations to resolve with HR" in _titles("requester")
    assert "Disputed evaluations to resolve with HR" not in _titles("vendor1")
    perform("requester", evaluations.resolve, evaluation=evaluation, item=item, outcome="upheld",
            reason="数据核实无误", with_hr=user("hr"))  # fmt: skip
    assert "Disputed evaluations to resolve with HR" not in _titles("requester")
    assert "Rectification plans to write" in _titles("vendor1")  # below standard: the vendor writes a plan

    plan = contract.rectification_plans.get()
    perform("vendor1", improvement.submit_plan, plan=plan, root_cause="夜班人手不足", actions="增派坐席",
            owner="王经理", deadline=month_ago(-1))  # fmt: skip
    assert "Rectification plans to accept or return" in _titles("requester")
    assert "Rectification plans to write" not in _titles("vendor1")

    # The renewal decision reads the same records (CON-6).
    figure(contract, answer, month_ago(1), answered=700, offered=1000)
    second = published(contract, month_ago(1))
    perform("vendor1", evaluations.answer, evaluation=second, disputes={})
    sections = {s["code"]: s["rows"] for s in history_of(contract)}
    assert [row.split(" ")[0] for row in sections["evaluations"]] == [evaluation.number, second.number]
    assert "数据核实无误" in sections["disputes"][0] and len(sections["rectifications"]) == 2
    assert sections["pips"] and contract.pips.get().number in sections["pips"][0]


def test_prf7_a_pip_past_its_deadline_waits_for_the_owners_verification(demo):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)], pip_after=2)
    for back in (2, 1):
        figure(contract, answer, month_ago(back), answered=600, offered=1000)
        perform("vendor1", evaluations.answer, evaluation=published(contract, month_ago(back)), disputes={})
    assert "PIPs past their deadline to verify" not in _titles("requester")
    Pip.objects.filter(contract=contract).update(deadline=today() - dt.timedelta(days=1))
    assert _titles("requester")["PIPs past their deadline to verify"] == 1
    assert "PIPs past their deadline to verify" not in _titles("vendor1")
