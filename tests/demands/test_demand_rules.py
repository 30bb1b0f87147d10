"""DEM-1..DEM-3: the demand form's parts, its bad input, the core-business guard and the self-check."""

from decimal import Decimal

import pytest

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.demands import selfcheck, services
from outsourcing.demands.models import BudgetLine, Demand
from tests.demands.factories import SAFE_ANSWERS, demand_data

pytestmark = pytest.mark.django_db


def test_a_project_owner_saves_a_complete_draft_with_a_readable_number(demo):
    """DEM-1: every part of the form is kept; the draft gets DEM-YYYY-NNNN."""
    demand = services.create_draft(
        actor=demo.requester,
        data=demand_data(lines=(("坐席服务费", "100000"), ("质检服务费", "20000.50")), reserve="5000"),
    )
    assert demand.status == ApprovalState.DRAFT
    assert demand.number.startswith("DEM-") and len(demand.number) == len("DEM-2026-0001")
    assert demand.budget_total == Decimal("125000.50")
    assert [(b.item, b.amount) for b in demand.budget_lines.all()] == [
        ("坐席服务费", Decimal("100000.00")),
        ("质检服务费", Decimal("20000.50")),
    ]
    assert demand.requester == demo.requester and demand.self_check == SAFE_ANSWERS


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"background": "  "}, "required"),
        ({"period_end": __import__("datetime").date(2026, 12, 31)}, "period_order"),
        ({"estimated_headcount": 0}, "headcount"),
        ({"lines": ()}, "budget_empty"),
        ({"lines": (("坐席服务费", "-1"),)}, "budget_negative"),
        ({"total": "999999"}, "budget_mismatch"),
        ({"self_check": {**SAFE_ANSWERS, "pricing": ""}}, "self_check_incomplete"),
    ],
)
def test_bad_demands_are_refused_and_nothing_is_saved(demo, overrides, code):
    """DEM-1, X-8: missing parts, end before start, negative amounts, lines not adding up."""
    count, lines = Demand.objects.count(), BudgetLine.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.create_draft(actor=demo.requester, data=demand_data(**overrides))
    assert refused.value.code == code
    assert (Demand.objects.count(), BudgetLine.objects.count()) == (count, lines)


def test_budget_mismatch_says_the_amounts(demo):
    """DEM-1, X-4: the message names the lines, the reserve, their sum and the total, in CNY."""
    with pytest.raises(RuleViolation) as refused:
        services.create_draft(actor=demo.requester, data=demand_data(total="100000"))
    message = str(refused.value)
    assert "¥100,000.00" in message and "¥5,000.00" in message and "¥105,000.00" in message


def test_only_project_owners_of_the_department_raise_demands(demo):
    """DEM-1, ORG-1: 李强 owns 客户服务部, not 物流仓储部; HR owns none."""
    with pytest.raises(RuleViolation) as refused:
        services.create_draft(actor=demo.requester, data=demand_data(department="OPS-LOG"))
    assert refused.value.code == "not_requester"
    with pytest.raises(RuleViolation):
        services.create_draft(actor=demo.hr, data=demand_data())


def test_only_the_author_edits_and_only_while_draft_or_returned(demo):
    """DEM-1: submitted demands are read-only; someone else's draft cannot be changed or submitted."""
    demand = services.create_draft(actor=demo.requester, data=demand_data())
    with pytest.raises(RuleViolation) as refused:
        services.update_draft(actor=demo.logistics, demand=demand, data=demand_data(title="改名"))
    assert refused.value.code == "not_author"
    with pytest.raises(RuleViolation):
        services.submit(actor=demo.depthead, demand=demand)
    services.submit(actor=demo.requester, demand=demand)
    with pytest.raises(RuleViolation) as frozen:
        services.update_draft(actor=demo.requester, demand=demand, data=demand_data(title="改名"))
    assert frozen.value.code == "not_editable"
    demand.refresh_from_db()
    assert demand.title == "客服热线外包"


@pytest.mark.parametrize("nature", ["core_business", "key_technology", "main_management"])
def test_core_business_cannot_be_submitted(demo, nature):
    """DEM-2: a demand declared as core business, key technology or main management stays a draft."""
    demand = services.create_draft(actor=demo.requester, data=demand_data(declared_nature=nature))
    with pytest.raises(RuleViolation) as refused:
        services.submit(actor=demo.requester, demand=demand)
    assert refused.value.code == "nature"
    demand.refresh_from_db()
    assert demand.status == ApprovalState.DRAFT


@pytest.mark.parametrize(
    ("changes", "level", "signs"),
    [
        ({}, "low", 0),
        ({"mixed_posts": "yes"}, "medium", 1),
        ({"mixed_posts": "yes", "rules": "yes"}, "high", 2),
        ({"pricing": "headcount"}, "high", 1),
        ({"direction": "company", "attendance": "company", "selection": "company"}, "high", 3),
    ],
)
def test_self_check_scores_the_answers_that_point_to_dispatch(changes, level, signs):
    """DEM-3: who directs, how it is priced, what is delivered: each dispatch-like answer is a sign."""
    result = selfcheck.assess({**SAFE_ANSWERS, **changes})
    assert result.level == level and len(result.signs) == signs
