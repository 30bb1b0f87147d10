"""PTN-4, PTN-5, VEN-5 with INC-1 and RSK-1: compliance tells partnership what it alone knows, through partnership's
hooks — the year's incidents and labour disputes show beside each award candidate and a serious incident takes the
vendor off the list; a live high risk stops the strategic tier's entry and proposes a strategic vendor's exit."""

from __future__ import annotations

import pytest
from django.test import override_settings

from outsourcing.compliance import incidents
from outsourcing.compliance.incidents import IncidentData
from outsourcing.partnership import awards, tiers
from tests.compliance.factories import recorded, user
from tests.partnership.factories import evaluated_partner

pytestmark = pytest.mark.django_db


def _incident(contract, day, *, kind="service_interruption", severity="ordinary"):
    return incidents.record_incident(actor=user("hr"), data=IncidentData(
        kind=kind, title="热线中断40分钟", description="机房断电，备用线路未切换", occurred_on=day, contract=contract,
        severity=severity))  # fmt: skip


def test_ptn4_incidents_and_disputes_show_beside_a_candidate_and_a_serious_one_disqualifies(demo, client_for):
    vendor, contract, evaluation = evaluated_partner()
    year, day = evaluation.period_start.year, evaluation.period_end
    _incident(contract, day)
    _incident(contract, day, kind="labour_dispute")
    [candidate] = awards.candidates(year)
    assert candidate["vendor_id"] == vendor.pk and candidate["incidents"] == 1 and candidate["disputes"] == 1
    page = client_for("hr").get("/partnership/awards/", {"year": year}).content.decode()
    assert "年度内事件" in page or "Incidents in the year" in page
    _incident(contract, day, severity="serious")
    assert awards.candidates(year) == []


@override_settings(PARTNERSHIP_TIER_RULE={"years": 0, "evaluations": 1, "entry_average": "90", "exit_average": "80"})
def test_ven5_a_live_high_risk_stops_the_strategic_tiers_entry(demo):
    vendor, _contract, _evaluation = evaluated_partner()
    assert [(v.pk, d) for v, d, _g in tiers.proposed_changes()] == [(vendor.pk, "entry")]
    recorded(
        title="外包商核心骨干流失", vendor=vendor, likelihood=4, impact=5, residual_likelihood=4, residual_impact=4
    )
    assert tiers.proposed_changes() == []
    direction, grounds = tiers.assess([vendor])[vendor.pk]
    assert direction is None and any("外包商核心骨干流失" in g for g in grounds)
