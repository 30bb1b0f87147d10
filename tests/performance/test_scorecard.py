"""PRF-4 per vendor: the vendor's scorecard shows each contract's evaluation totals and its KPIs' actuals — the
evaluation's own figures — to the staff who may read the contracts and to the vendor in the portal, never to
another vendor; it is linked from the vendor's page and the contract's dashboard; its queries do not grow with the
number of contracts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.audit.actor import perform
from outsourcing.performance import evaluations
from outsourcing.performance.models import Kpi
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, published, sla

pytestmark = pytest.mark.django_db


def _contract(rates):
    contract = contract_in_force("vendor1", start=month_ago(len(rates), day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    found = []
    for back, rate in zip(range(len(rates), 0, -1), rates, strict=True):
        figure(contract, answer, month_ago(back), answered=rate * 10, offered=1000)
        found.append(perform("vendor1", evaluations.answer, evaluation=published(contract, month_ago(back)),
                             disputes={}))  # fmt: skip
    return contract, found


def test_prf4_the_vendor_scorecard_shows_the_evaluations_figures_to_staff_and_to_the_vendor(demo, client_for):
    contract, (good, bad) = _contract([97, 80])
    url = f"/performance/scorecards/{contract.vendor_id}/"
    page = client_for("requester").get(url)
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if r["contract"] == contract)
    assert row["evaluations"] == 2 and row["failed"] == 1 and row["latest"] == bad
    points = {p["period"]: p for p in row["kpis"][0]["points"]}
    item = bad.items.get()
    assert points[bad.period_label]["actual"] == float(item.actual) and points[bad.period_label]["rating"] == "red"
    assert points[good.period_label]["rating"] == item.thresholds[-1]["rating"] == "green"
    charts = json.loads(
        page.content.decode().split('id="kpi-charts" type="application/json">')[1].split("</script>")[0]
    )
    chart = next(c for c in charts if c["id"] == f"contract-{contract.pk}")
    assert [p["rating"] for p in chart["points"]][-2:] == ["green", "red"] and chart["red"] == 1
    assert contract.number in page.content.decode()

    own = client_for("vendor1").get(url)
    assert own.status_code == 200 and contract.number in own.content.decode()
    assert client_for("vendor2").get(url).status_code == 404  # another vendor's scorecard
    portal = client_for("vendor1").get("/performance/dashboards/").content.decode()
    assert f'href="{url}"' in portal  # the vendor reaches its own from the portal

    # Linked from the contract's dashboard and the vendor's page.
    assert f'href="{url}"' in client_for("requester").get(f"/performance/dashboards/{contract.pk}/").content.decode()
    assert f'href="{url}"' in client_for("requester").get(contract.vendor.get_absolute_url()).content.decode()


def test_prf4_x6_the_scorecard_costs_a_fixed_number_of_queries(demo, client_for):
    contract, _found = _contract([90])
    url = f"/performance/scorecards/{contract.vendor_id}/"
    counts = []
    for round_ in range(2):
        if round_:
            _contract([70, 96])
            _contract([85])
        with CaptureQueriesContext(connection) as queries:
            assert client_for("requester").get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_ops3_prf4_a_qbr_shows_the_quarters_kpis_and_evaluations_from_the_evaluations_figures(demo, client_for):
    from outsourcing.operations import meetings
    from tests.operations.test_kickoff_and_meetings import meeting

    contract, found = _contract([97, 80])
    quarter = meetings.quarter_start(found[-1].period_start)
    qbr = meeting(contract, kind="qbr", quarter=quarter)
    page = client_for("requester").get(qbr.get_absolute_url()).content.decode()
    assert 'id="qbr-performance"' in page
    in_quarter = [e for e in found if meetings.quarter_start(e.period_start) == quarter]
    assert all(e.number in page for e in in_quarter)
    assert all(e.number not in page for e in found if e not in in_quarter)
    portal = client_for("vendor1").get(qbr.get_absolute_url())
    assert portal.status_code != 200 or 'id="qbr-performance"' in portal.content.decode()
