"""X-7: the dashboards. Every figure is the total of the list it links to (spend, headcount, risks), a future
period is refused, each viewer sees their own scope, the query count is fixed, the tables export to Excel and
the API answers the same figures."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from outsourcing.audit.actor import perform
from outsourcing.compliance import incidents
from outsourcing.core.timeutil import today
from outsourcing.settlements import payments
from tests.compliance.factories import recorded
from tests.settlements.factories import approve_everything, requested
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _paid(amount_day=None):
    settlement = requested()
    approve_everything(settlement, "settlement")
    settlement.refresh_from_db()
    perform("finance", payments.record_payment, settlement=settlement, paid_on=amount_day or today(),
            amount=settlement.approved_amount, bank_reference="ICBC-X7")  # fmt: skip
    return settlement


@pytest.fixture
def story(demo):
    """One paid settlement, two workers on site on another contract, two live risks and a closed one."""
    settlement = _paid()
    contract = contract_in_force("vendor1")
    workers = [on_site(contract), on_site(contract)]
    recorded(), recorded(likelihood=5, impact=4, residual_likelihood=3)
    incidents.record_incident(actor=user("requester"), data=incidents.IncidentData(
        kind="service_interruption", title="热线中断两小时", description="坐席系统故障", occurred_on=today(),
        contract=contract))  # fmt: skip
    return {"settlement": settlement, "contract": contract, "workers": workers}


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.object_list


def test_x7_each_figure_equals_the_total_of_the_list_it_links_to(story, client_for):
    """X-7: spend paid, workers on site and live risks on the dashboard are the totals of the lists behind them,
    reached by the figure's own link with the list's filters."""
    manager = client_for("manager")
    page = manager.get("/dashboard/")
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures["spend"]["actual"] == story["settlement"].payment.amount > 0
    paid = _listed(manager, figures["spend"]["actual_url"])
    assert figures["spend"]["actual"] == sum(s.payment.amount for s in paid)
    assert 'id="paid-between"' in manager.get(figures["spend"]["actual_url"]).content.decode()  # the filter shows
    assert figures["headcount"]["on_site"] == _listed(manager, figures["headcount"]["on_site_url"]).count() >= 2
    for row in figures["headcount"]["by_vendor"]:
        assert row["value"] == _listed(manager, row["url"]).count()
    assert figures["risks"]["open"] == 2
    # RSK-7: the dispatch ratio is the compliance page's own figure (15 dispatched of 200, no high-score project on
    # site in this story), against its cap.
    from outsourcing.audit.actor import perform
    from outsourcing.compliance import ratio
    from outsourcing.core.timeutil import today

    perform("hr", ratio.record_figures, period=today(), total_workforce=200, dispatched=15)
    shown = manager.get("/dashboard/").context["figures"]["risks"]["dispatch_ratio"]
    assert shown["percent"] == ratio.current().percent == Decimal("7.50") and shown["cap"] == ratio.current().cap
    assert shown["url"] == "/compliance/dispatch-ratio/"
    assert sum(_listed(manager, row["url"]).count() for row in figures["risks"]["by_status"]) == 2
    assert {row["label"]: row["value"] for row in figures["risks"]["by_level"]} == {"high": 1, "medium": 1,
                                                                                    "low": 0}  # fmt: skip
    assert figures["incidents"]["open"] == _listed(manager, figures["incidents"]["open_url"]).count() == 1
    assert [(row["value"], _listed(manager, row["url"]).count()) for row in figures["incidents"]["by_kind"]] == [(1, 1)]
    html = page.content.decode()
    assert 'id="dashboard-charts"' in html and "<script>" not in html.replace("<script src=", "")
    assert figures["spend"]["actual_url"].replace("&", "&amp;") in html


def test_x7_a_future_period_is_refused_with_a_clear_message(demo, client_for, api_for):
    """X-7 (bad input): a dashboard period in the future is refused; nothing else is shown for it."""
    future = f"{today().year + 1}"
    page = client_for("manager").get(f"/dashboard/?period={future}")
    assert page.status_code == 200 and "尚未开始" in page.content.decode()
    assert page.context["period"].key == str(today().year)  # this year's figures, the refusal above them
    answer = api_for("manager").get(f"/api/dashboard/?period={future}")
    assert answer.status_code == 400 and answer.json()["code"] == "future_period"
    assert api_for("manager").get("/api/dashboard/?period=2026-13").json()["code"] == "bad_period"


def test_x7_the_period_selects_the_payments_of_that_month(story, client_for):
    """X-7: the period selector is shared by the charts: a payment counts in the month it was paid."""
    this_month = f"{today():%Y-%m}"
    last = today().replace(day=1) - dt.timedelta(days=1)
    figures = client_for("manager").get(f"/dashboard/?period={this_month}").context["figures"]
    assert figures["spend"]["actual"] == story["settlement"].payment.amount
    assert [row["label"] for row in figures["spend"]["by_month"]] == [this_month]
    before = client_for("manager").get(f"/dashboard/?period={last:%Y-%m}").context["figures"]
    assert before["spend"]["actual"] == Decimal("0")


def test_x7_each_viewer_sees_their_scope(story, client_for):
    """X-7: a department head the department's figures (the lists' own scoping), HR the compliance view, a vendor
    its own settlements and workers and nothing internal, an outsider vendor nothing of vendor1's."""
    depthead = client_for("depthead").get("/dashboard/").context["figures"]
    assert depthead["headcount"]["on_site"] == 2 and "risks" not in depthead  # the demo contracts are its department's
    hr = client_for("hr").get("/dashboard/").context["figures"]
    assert hr["risks"]["open"] == 2
    own = client_for("vendor1").get("/dashboard/").context["figures"]
    assert own["spend"]["actual"] == story["settlement"].payment.amount and "budget" not in own["spend"]
    assert "vendors" not in own and "risks" not in own
    assert client_for("vendor1").get(own["performance"]["scorecard_url"]).status_code == 200  # its scorecard
    other = client_for("vendor2").get("/dashboard/").context["figures"]
    assert other["spend"]["actual"] == 0 and other["headcount"]["on_site"] == 0
    assert client_for("requester").get("/dashboard/").status_code == 403


def test_x7_the_dashboard_costs_a_fixed_number_of_queries(story, client_for, django_assert_max_num_queries):
    """X-7: more contracts, workers and payments add no query."""
    manager = client_for("manager")
    manager.get("/dashboard/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        manager.get("/dashboard/")
    _paid(today())
    more = contract_in_force("vendor2")
    on_site(more, "vendor2"), recorded()
    with django_assert_max_num_queries(len(first.captured_queries)):
        manager.get("/dashboard/")


def test_x7_the_tables_behind_the_charts_export_to_excel(story, client_for):
    """X-7: the workbook holds the rows the charts draw."""
    response = client_for("manager").get(f"/dashboard/?period={today().year}&export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert any(row[1] == "headcount-by_vendor" and row[3] == 2 for row in rows)
    assert any(row[1] == "spend-by_vendor" and Decimal(str(row[3])) == story["settlement"].payment.amount
               for row in rows)  # fmt: skip


def test_x7_the_api_answers_the_same_figures_under_the_same_permissions(story, client_for, api_for):
    """X-7: /api/dashboard/?period=… answers the page's figures; who may not open the page may not call it."""
    page = client_for("manager").get("/dashboard/").context["figures"]
    answer = api_for("manager").get(f"/api/dashboard/?period={today().year}")
    assert answer.status_code == 200
    body = answer.json()
    assert Decimal(body["spend"]["actual"]) == page["spend"]["actual"]
    assert body["headcount"]["on_site"] == page["headcount"]["on_site"] and body["risks"]["open"] == 2
    assert api_for("requester").get("/api/dashboard/").status_code == 403
    assert "risks" not in api_for("vendor1").get("/api/dashboard/").json()
