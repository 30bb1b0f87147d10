"""SET-5 on PostgreSQL: twenty finance clicks pay one approved settlement once; twenty opens of one period make one
settlement (the row lock queues them, the constraint is the last line)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.settlements import opening, payments
from outsourcing.settlements.models import Payment, Settlement
from tests.settlements.factories import approve_everything, contract_in_force, last_month, requested

THREADS = 20


def _race(action) -> list[str]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def press():
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except RuleViolation as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_set5_twenty_concurrent_payments_make_exactly_one(demo):
    """SET-5: 20 threads record the payment of one approved settlement at once: one payment, 19 refusals."""
    settlement = requested()
    approve_everything(settlement, "settlement")
    outcomes = _race(lambda: perform("finance", payments.record_payment, settlement=settlement, paid_on=today(),
                                     amount="50000.00", bank_reference="ICBC-RACE"))  # fmt: skip
    assert outcomes.count("done") == 1 and set(outcomes) - {"done"} == {"already_paid"}
    assert Payment.objects.filter(settlement=settlement).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_set5_twenty_concurrent_opens_of_one_period_make_one_settlement(demo):
    """SET-5: 20 threads open the same period: one settlement, the others a 409 duplicate."""
    import datetime as dt

    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    outcomes = _race(lambda: perform("requester", opening.open_settlement, contract=contract, day=last_month()))
    assert outcomes.count("done") == 1 and set(outcomes) - {"done"} == {"duplicate"}
    assert Settlement.objects.filter(contract=contract).count() == 1
