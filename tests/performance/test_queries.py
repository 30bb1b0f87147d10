"""PRF-3, PRF-4, PRF-6 (X-6): the performance lists, their exports, their endpoints and the dashboard cost a fixed
number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.audit.actor import perform
from outsourcing.performance import evaluations
from outsourcing.performance.models import Kpi
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, sla

pytestmark = pytest.mark.django_db


def _contract_with_results():
    contract = contract_in_force("vendor1", start=month_ago(3, day=1))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    for back in (3, 2, 1):
        figure(contract, answer, month_ago(back), answered=960, offered=1000)
        evaluation = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(back))
        perform("requester", evaluations.publish, evaluation=evaluation)
    return contract


def test_prf3_prf6_lists_and_endpoints_cost_a_fixed_number_of_queries(demo, client_for, api_for):
    first = _contract_with_results()
    counts = []
    for extra in range(2):
        if extra:
            for _ in range(2):
                _contract_with_results()
        measured = []
        for username, url in (("requester", "/performance/"), ("vendor1", "/performance/"),
                              ("hr", "/performance/?export=xlsx"), ("requester", "/performance/values/"),
                              ("hr", "/performance/values/?export=xlsx"), ("requester", "/performance/slas/"),
                              ("vendor1", "/api/evaluations/"), ("vendor1", "/api/kpi-values/"),
                              ("requester", "/api/sla-versions/"), ("vendor1", f"/performance/dashboards/{first.pk}/"),
                              ("requester", "/performance/improvement/")):  # fmt: skip
            client = api_for(username) if url.startswith("/api/") else client_for(username)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1], counts
