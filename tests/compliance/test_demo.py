"""The demo's compliance slice (RSK-1, RSK-3, INC-3): HR's first look tells the story — the night tally is the
high-score project with per-head pricing, a request that dictated leave and a clerk 14 months on one post across a
renewal, each sign with its evidence; an open work injury at day 21 without the receipt; a dozen risks across the
categories; last year's special audit closed and this year's open with its kept sample and a finding (AUD-1)."""

from __future__ import annotations

import pytest

from outsourcing.compliance import ratio
from outsourcing.compliance.models import Audit, DispatchScore, Incident, Risk
from outsourcing.core.timeutil import today

pytestmark = pytest.mark.django_db


def test_rsk1_rsk3_rsk7_inc3_aud1_demo_compliance_tells_a_consistent_story(loaded_demo, demo, client_for):
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
    last, current = Audit.objects.get(year=today().year - 1), Audit.objects.get(year=today().year)
    assert last.status == "closed" and last.closed_on < today() and not last.findings.filter(status="open")
    assert current.status == "open" and current.sample_seed == today().year and current.samples.exists()
    assert current.findings.get().check_item.rule.code == "P1-10-1"
    audit_page = client_for("auditor").get(current.get_absolute_url()).content.decode()
    assert "history-link" in audit_page and "业务部门指定外包人员请假" in audit_page
    near = ratio.current()
    assert near.near and not near.above and near.percent == 9.5 and near.projects[0].pk == score.project_id
