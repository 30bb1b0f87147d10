"""PRF-9: half-year and annual roll-ups of the final results; an annual average below the threshold proposes
suspension or removal from the pool to HR, who applies it through the vendor's status machine (VEN-5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.timeutil import today
from outsourcing.performance import evaluations, reminders, rollups
from outsourcing.performance.models import Evaluation, PoolProposal
from outsourcing.vendors.models import StatusChange
from tests.performance.factories import contract_in_force, figure, kpi, published, sla, user

pytestmark = pytest.mark.django_db


def test_prf9_a_weak_year_proposes_removal_to_hr_who_decides_through_the_status_machine(demo, client_for):
    last_year = today().year - 1
    contract = contract_in_force("vendor1", start=dt.date(last_year, 5, 1), months=20)
    answer = kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    for month, rate in ((5, 96), (10, 80), (11, 80)):
        figure(contract, answer, dt.date(last_year, month, 10), answered=rate * 10, offered=1000)
        evaluation = published(contract, dt.date(last_year, month, 10))
        perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={})
    rows = rollups.rollup(Evaluation.objects.all(), last_year)
    assert rows[0]["h1"] == Decimal("100.00") and rows[0]["h2"] == Decimal("0.00")
    assert rows[0]["year"] == Decimal("33.33") and rows[0]["below"] and rows[0]["year_count"] == 3
    notices = reminders.annual_rollup(today())
    proposal = PoolProposal.objects.get()
    assert proposal.vendor == contract.vendor and proposal.year == last_year and proposal.status == "open"
    assert {n.recipient_id for n in notices} == {user("hr").pk}
    assert reminders.annual_rollup(today()) == []  # once a year
    page = client_for("requester").get(f"/performance/rollups/?year={last_year}").content.decode()
    assert "33.33" in page and 'id="pool-proposals"' not in page
    assert client_for("requester").post(f"/performance/rollups/proposals/{proposal.pk}/",
                                        {"to_status": "removed", "reason": "x"}).status_code == 403  # fmt: skip
    assert "33.33" not in client_for("vendor2").get(f"/performance/rollups/?year={last_year}").content.decode()
    hr = client_for("hr")
    assert 'id="pool-proposals"' in hr.get(f"/performance/rollups/?year={last_year}").content.decode()
    assert hr.post(f"/performance/rollups/proposals/{proposal.pk}/", {"to_status": "removed", "reason": ""},
                   HTTP_REFERER="/performance/rollups/").status_code == 302  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "open"
    hr.post(f"/performance/rollups/proposals/{proposal.pk}/", {"to_status": "removed", "reason": "连续两月未达标"})
    proposal.refresh_from_db()
    contract.vendor.refresh_from_db()
    assert proposal.status == "applied" and contract.vendor.status == "removed"
    change = StatusChange.objects.get(vendor=contract.vendor, to_status="removed")
    assert "33.33" in change.reason and change.changed_by == user("hr")
