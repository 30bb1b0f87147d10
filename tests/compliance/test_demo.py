"""The demo's compliance slice (RSK-1, RSK-3, INC-3): HR's first look tells the story — the night tally is the
high-score project with per-head pricing, a request that dictated leave and a clerk 14 months on one post across a
renewal, each sign with its evidence; an open work injury at day 21 without the receipt; a dozen risks across the
categories."""

from __future__ import annotations

import pytest

from outsourcing.compliance.models import DispatchScore, Incident, Risk
from outsourcing.core.timeutil import today

pytestmark = pytest.mark.django_db


def test_rsk1_rsk3_inc3_demo_compliance_tells_a_consistent_story(loaded_demo, demo, client_for):
    score = DispatchScore.objects.get(level="high")
    assert score.project.name == "成品库夜间理货外包"
    assert set(score.signs) >= {"headcount_pricing", "request_dictates_for_worker", "long_tenure"}
    risks = Risk.objects.all()
    assert risks.count() >= 12 and len({r.category for r in risks}) == 7
    assert risks.filter(finding__isnull=False).exists() and risks.filter(status="accepted").exclude(justification="")
    injury = Incident.objects.get(kind="work_injury")
    assert (today() - injury.occurred_on).days == 21 and not injury.filing_receipt and injury.status != "closed"
    hr = client_for("hr")
    detail = hr.get(score.get_absolute_url()).content.decode()
    assert detail.count("evidence-link") >= 3 and "14" in detail
    assert score.get_absolute_url() in hr.get("/").content.decode()
    assert 'id="receipt-missing"' in hr.get(injury.get_absolute_url()).content.decode()
