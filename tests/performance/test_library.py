"""PRF-1: the KPI library — SMART fields, thresholds, the whitelisted calculation; a KPI with an empty SMART field
cannot be used; the library's pages (HR keeps it) and API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from outsourcing.core.errors import RuleViolation
from outsourcing.performance import bands, formula
from outsourcing.performance.models import Kpi
from tests.performance.factories import BANDS, contract_in_force, kpi, sla

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("expression", ["__import__('os').system('x')", "answered.real", "answered ** 2",
                                        "offered[0]", "answered if offered else 1", "lambda: 1", "open('x')",
                                        "min", "answered < offered", "unknown * 2", "'text'"])  # fmt: skip
def test_prf1_calculation_refuses_anything_outside_the_whitelist(expression):
    with pytest.raises(RuleViolation) as refused:
        formula.evaluate(expression, {"answered": Decimal(1), "offered": Decimal(2)})
    assert refused.value.code == "formula"


def test_prf1_calculation_is_decimal_arithmetic_over_the_inputs():
    assert formula.evaluate("answered / offered * 100", {"answered": Decimal(950), "offered": Decimal(1000)}) == 95
    assert formula.evaluate("max(a - b, 0) + abs(-1)", {"a": Decimal("2.5"), "b": Decimal(3)}) == 1
    with pytest.raises(RuleViolation) as zero:
        formula.evaluate("a / b", {"a": Decimal(1), "b": Decimal(0)})
    assert zero.value.code == "out_of_range"


@pytest.mark.parametrize("broken, message", [
    (BANDS[:1], "2 to 5"),
    ([BANDS[0], {**BANDS[1], "from": "80"}, BANDS[2]], "overlap"),
    ([BANDS[0], {**BANDS[1], "from": "86"}, BANDS[2]], "no band"),
    ([BANDS[0], BANDS[1], {**BANDS[2], "to": "99"}], "whole range"),
    ([BANDS[0], BANDS[1], {**BANDS[2], "rating": "amber"}], "green"),
])  # fmt: skip
def test_prf1_thresholds_overlapping_gapped_or_short_are_refused(broken, message):
    with pytest.raises(RuleViolation) as refused, translation.override("en"):
        bands.check_bands(broken, minimum=Decimal(0), maximum=Decimal(100), target=Decimal(95), direction="higher")
    assert refused.value.code == "thresholds" and message in str(refused.value)


def test_prf1_thresholds_rate_red_amber_green():
    checked = bands.check_bands(BANDS, minimum=Decimal(0), maximum=Decimal(100), target=Decimal(95),
                                direction="higher")  # fmt: skip
    assert bands.band_of(checked, Decimal("84.99"))["rating"] == "red"
    assert bands.band_of(checked, Decimal(85))["rating"] == "amber"
    assert bands.band_of(checked, Decimal(100))["rating"] == "green"
    with pytest.raises(RuleViolation):  # lower is better, but the top band scores highest
        bands.check_bands(BANDS, minimum=Decimal(0), maximum=Decimal(100), target=None, direction="lower")


def test_prf1_a_kpi_missing_a_smart_field_cannot_be_used(demo):
    incomplete = kpi("T-DRAFT", achievability="", thresholds=[])
    assert not incomplete.usable
    assert len(incomplete.missing_smart_fields) == 2  # the thresholds and why the target is achievable
    contract = contract_in_force("vendor1")
    with pytest.raises(RuleViolation) as refused:
        sla(contract, [(incomplete, 100)])
    assert refused.value.code == "smart_incomplete"
    assert not contract.sla_versions.exists()


def test_prf1_hr_keeps_the_library_on_its_page_others_read_it(demo, client_for, api_for):
    post = {"code": "t-fcr", "name": "首次解决率", "category": "customer_service", "unit": "%", "precision": 1,
            "minimum": 0, "maximum": 100, "direction": "higher", "target": 85,
            "thresholds": "0 75 red 0\n75 85 amber 70\n85 100 green 100", "data_source": "vendor",
            "inputs": "solved, tickets", "formula": "solved / tickets * 100", "aggregation": "avg",
            "collection_owner": "外包商质检", "period": "monthly", "definition": "首次解决的工单占比",
            "relevance": "减少重复来电", "achievability": "试点已达86%", "is_active": "on"}  # fmt: skip
    assert client_for("requester").post("/performance/kpis/new/", post).status_code == 403
    hr = client_for("hr")
    bad = hr.post("/performance/kpis/new/", {**post, "formula": "__import__('os')"})
    assert bad.status_code == 200 and "formula" in bad.context["form"].errors and not Kpi.objects.exists()
    gap = hr.post("/performance/kpis/new/", {**post, "thresholds": "0 70 red 0\n75 100 green 100"})
    assert gap.status_code == 200 and not Kpi.objects.exists()
    saved = hr.post("/performance/kpis/new/", post)
    created = Kpi.objects.get(code="T-FCR")
    assert saved.status_code == 302 and created.usable
    assert "T-FCR" in client_for("requester").get("/performance/kpis/").content.decode()
    assert client_for("vendor2").get("/performance/kpis/").status_code == 403
    listed = api_for("requester").get("/api/kpis/").json()
    assert [k["code"] for k in listed["results"]] == ["T-FCR"] and listed["results"][0]["usable"] is True
    assert api_for("vendor2").get("/api/kpis/").json()["results"] == []  # not in any SLA of its own
