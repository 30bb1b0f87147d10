"""Periods from the settlement cycle, one settlement per period (SET-5), the state machine, acceptance (SET-2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.audit.actor import perform
from outsourcing.contracts.models import Contract, Milestone
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.states import FORBIDDEN_TRANSITION
from outsourcing.settlements import acceptance, opening
from outsourcing.settlements.models import MACHINE, Settlement, SettlementStatus
from outsourcing.settlements.periods import periods_of
from tests.settlements.factories import accepted, contract_in_force, last_month, opened

pytestmark = pytest.mark.django_db


def _contract(**fields) -> Contract:
    contract = Contract(start_date=dt.date(2026, 1, 15), end_date=dt.date(2026, 8, 20), settlement_cycle="monthly")
    for name, value in fields.items():
        setattr(contract, name, value)
    return contract


def test_set2_monthly_and_quarterly_periods_follow_the_cycle():
    """SET-2: a monthly contract from 15 Jan to 20 Aug has 8 periods, clipped to its term; quarterly has 3."""
    monthly = periods_of(_contract())
    assert [(p.start, p.end) for p in monthly][:2] == [(dt.date(2026, 1, 15), dt.date(2026, 1, 31)),
                                                      (dt.date(2026, 2, 1), dt.date(2026, 2, 28))]  # fmt: skip
    assert len(monthly) == 8 and monthly[-1].end == dt.date(2026, 8, 20) and monthly[-1].is_final
    assert not any(p.is_final for p in monthly[:-1])
    quarterly = periods_of(_contract(settlement_cycle="quarterly"))
    assert [(p.start, p.end) for p in quarterly] == [(dt.date(2026, 1, 15), dt.date(2026, 3, 31)),
                                                     (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
                                                     (dt.date(2026, 7, 1), dt.date(2026, 8, 20))]  # fmt: skip


def test_set2_milestone_periods_end_at_each_milestone():
    """SET-2: at each milestone, one period ending on its due date."""
    contract = _contract(settlement_cycle="milestone")
    milestones = [Milestone(pk=1, name="上线", due_date=dt.date(2026, 3, 1), amount=Decimal(1)),
                  Milestone(pk=2, name="验收", due_date=dt.date(2026, 8, 20), amount=Decimal(1))]  # fmt: skip
    spans = periods_of(contract, milestones)
    assert [(p.start, p.end, p.milestone_id, p.is_final) for p in spans] == [
        (dt.date(2026, 1, 15), dt.date(2026, 3, 1), 1, False),
        (dt.date(2026, 3, 2), dt.date(2026, 8, 20), 2, True),
    ]


def test_set5_one_settlement_per_contract_and_period_a_second_is_409():
    """SET-5: the period's settlement is opened once; a second open of the same period is a conflict."""
    settlement = opened()
    assert settlement.status == SettlementStatus.DRAFT and settlement.period_start == last_month(1)
    line = settlement.acceptance_lines.get()
    assert line.unit_price == Decimal("50000") and line.contract_quantity == 1  # the fixed fee, pre-filled
    with pytest.raises(Conflict) as second:
        perform("requester", opening.open_settlement, contract=settlement.contract, day=last_month(20))
    assert second.value.code == "duplicate" and second.value.status == 409
    assert Settlement.objects.filter(contract=settlement.contract).count() == 1


def test_set5_the_database_refuses_a_duplicate_even_past_the_service():
    """SET-5: the unique constraint holds when the check is skipped (the race's last line of defence)."""
    settlement = opened()
    span = next(p for p in periods_of(settlement.contract) if p.start == settlement.period_start)
    from django.db import transaction

    with pytest.raises(Conflict), transaction.atomic():
        opening.create_settlement(settlement.contract, span, None)


def test_set5_every_forbidden_move_of_the_settlement_is_refused():
    """SET-5: the declared machine refuses every pair it does not list (409, forbidden_transition)."""
    pairs = list(MACHINE.forbidden_pairs())
    assert (SettlementStatus.PAID, SettlementStatus.APPROVED) in pairs
    assert (SettlementStatus.DRAFT, SettlementStatus.PAID) in pairs
    for current, to in pairs:
        with pytest.raises(Conflict) as refused:
            MACHINE.check(current, to)
        assert refused.value.code == FORBIDDEN_TRANSITION


def test_set2_the_business_department_accepts_and_the_vendor_confirms():
    """SET-2: the project's owner confirms the quantity; vendor1 confirms it; billing follows the accepted."""
    settlement = accepted(quantity="1")
    assert settlement.status == SettlementStatus.ACCEPTED and settlement.accepted_by.username == "requester"
    with pytest.raises(RuleViolation):
        perform("vendor2", acceptance.confirm_acceptance, settlement=settlement)
    settlement = perform("vendor1", acceptance.confirm_acceptance, settlement=settlement)
    assert settlement.vendor_confirmed_at is not None


def test_set2_acceptance_above_the_contract_quantity_is_refused_and_saves_nothing():
    """SET-2 bad input: a unit-price contract accepts at most its quantity, counted over earlier periods."""
    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    Contract.objects.filter(pk=contract.pk).update(pricing_model="unit_price", unit="工单", unit_price=Decimal("12.50"),
                                                   estimated_quantity=Decimal("1000"))  # fmt: skip
    contract.refresh_from_db()
    earlier = opened(contract, day=last_month(1) - dt.timedelta(days=5))
    accepted(earlier, quantity="600")
    settlement = opened(contract)
    line = settlement.acceptance_lines.get()
    assert line.unit == "工单" and line.unit_price == Decimal("12.50")
    with pytest.raises(RuleViolation) as refused:
        perform("requester", acceptance.accept, settlement=settlement, quantities={line.pk: "400.01"},
                reported={line.pk: "450"})  # fmt: skip
    assert refused.value.code == "above_contract_quantity"
    line.refresh_from_db()
    settlement.refresh_from_db()
    assert line.accepted_quantity == 0 and line.reported_quantity == 0 and settlement.status == SettlementStatus.DRAFT
    for bad in (1.5, "1.234", "abc"):
        with pytest.raises(RuleViolation) as refused:
            perform("requester", acceptance.accept, settlement=settlement, quantities={line.pk: bad})
        assert refused.value.code == "bad_money"
    settlement = perform("requester", acceptance.accept, settlement=settlement, quantities={line.pk: "400"},
                         reported={line.pk: "450"})  # fmt: skip
    from outsourcing.settlements.amounts import figures

    assert figures(settlement).fee == Decimal("5000.00")  # 400 accepted × 12.50, not the 450 reported


def test_set2_only_the_projects_department_accepts():
    """SET-2: vendor1 and another department's owner may not accept."""
    settlement = opened()
    lines = {line.pk: "1" for line in settlement.acceptance_lines.all()}
    for who in ("vendor1", "itowner"):
        with pytest.raises(RuleViolation) as refused:
            perform(who, acceptance.accept, settlement=settlement, quantities=lines)
        assert refused.value.status == 403


def test_set2_set3_the_monthly_run_opens_each_contract_once_with_a_fixed_number_of_queries():
    """SET-2, SET-3 (Scale): the run opens every signed contract's period once, pre-filled; a second run opens
    nothing; two or four contracts cost the same queries per contract."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from outsourcing.settlements import run

    def make(count):
        return [contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31)) for _ in range(count)]

    first = make(2)
    with CaptureQueriesContext(connection) as two:
        opened = run.open_period_for_all(day=last_month())
    assert {s.contract_id for s in opened} >= {c.pk for c in first}
    assert all(s.acceptance_lines.count() == 1 for s in opened)
    assert run.open_period_for_all(day=last_month()) == []
    make(4)
    with CaptureQueriesContext(connection) as four:
        assert len(run.open_period_for_all(day=last_month())) == 4
    assert (len(four) - 4) / 4 <= (len(two) - 2) / 2 + 1  # per contract, not growing
