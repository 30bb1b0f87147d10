"""The demo's performance slice (PRF-1..PRF-7): loaded through the services with the rest of the demo — the
library in the four categories, SLA versions (one revised), figures, evaluations in every state, vendor2's two
failed months with an open PIP, vendor1's dashboard in the portal."""

from __future__ import annotations

import pytest

from outsourcing.core.timeutil import today
from outsourcing.performance.models import (
    Evaluation,
    EvaluationStatus,
    Kpi,
    KpiCategory,
    KpiValue,
    Pip,
    SlaVersion,
)

pytestmark = pytest.mark.django_db


def test_prf1_prf2_prf6_prf7_demo_performance_tells_a_consistent_story(loaded_demo, demo, client_for):
    kpis = list(Kpi.objects.all())
    assert len(kpis) >= 15 and {k.category for k in kpis} == set(KpiCategory.values)
    assert {k.data_source for k in kpis} >= {"company", "vendor", "computed"} and not all(k.usable for k in kpis)
    assert SlaVersion.objects.filter(version=2, status="approved").exists()
    results = list(Evaluation.objects.select_related("contract", "sla"))
    assert {e.status for e in results} == set(EvaluationStatus.values) - {EvaluationStatus.DRAFT}
    assert any(e.confirmed_by_silence for e in results)
    for evaluation in results:
        assert evaluation.contract.start_date <= evaluation.period_end < today()
        assert evaluation.sla.valid_from <= evaluation.period_end
        if evaluation.published_at:
            assert evaluation.published_at.date() > evaluation.period_end
    pip = Pip.objects.get(status="open")
    assert pip.contract.vendor.accounts.filter(user__username="vendor2").exists()
    assert [e.passed for e in pip.triggered_by.all()] == [False, False]
    assert KpiValue.objects.filter(measured_on__gt=today()).count() == 0
    hotline = Evaluation.objects.get(contract__title="客服中心热线外包服务合同")
    portal = client_for("vendor1")
    dashboard = portal.get(f"/performance/dashboards/{hotline.contract_id}/")
    assert dashboard.status_code == 200 and 'id="kpi-charts"' in dashboard.content.decode()
    listed = portal.get("/performance/").content.decode()
    assert hotline.number in listed and all(
        e.number not in listed for e in results if e.contract_id != hotline.contract_id
    )
    # PRF-4 per vendor: vendor1 reaches its own scorecard from the portal; vendor2's open PIP is on its own.
    card = portal.get(f"/performance/scorecards/{hotline.contract.vendor_id}/")
    assert card.status_code == 200 and hotline.contract.number in card.content.decode()
    vendor2 = client_for("vendor2").get(f"/performance/scorecards/{pip.contract.vendor_id}/")
    assert vendor2.status_code == 200 and vendor2.context["open_pips"] == 1
    # CON-6: the renewal decision of vendor2's contract reads its failed months and the PIP.
    from outsourcing.contracts.history import history_of

    sections = {s["code"]: s["rows"] for s in history_of(pip.contract)}
    assert any(pip.number in row for row in sections["pips"]) and len(sections["evaluations"]) >= 2
