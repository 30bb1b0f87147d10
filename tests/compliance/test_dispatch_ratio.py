"""RSK-7, the dispatch ratio: HR enters the month's total workforce (用工总量) and dispatched headcount; the ratio
counts the dispatched plus the outsourced workers on site on projects with a high disguised-dispatch score, against
the 10 % cap of 劳务派遣暂行规定 art. 4; above it HR is alerted (once, the daily job run twice); the page shows the
projects that push it up; a total below the dispatched headcount is refused and nothing saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.compliance import ratio
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_ratio import WorkforceFigure
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from tests.operations.factories import instruct
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _high_score_project_with(workers: int) -> Contract:
    """Per-head pricing, a dispatch invoice type and a dictating instruction: 65, high (RSK-3), with workers on site."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours", invoice_type="劳务派遣")
    instruct(contract, content="请安排王小明明天请假。", send_anyway=True)
    for _n in range(workers):
        on_site(contract)
    return contract


@pytest.mark.parametrize("total, dispatched, field", [
    (5, 6, "total_workforce"), (0, 0, "total_workforce"), (10, -1, "dispatched"),
])  # fmt: skip
def test_rsk7_total_below_dispatched_is_refused_and_nothing_saved(demo, total, dispatched, field):
    """RSK-7 (bad input): a total workforce below the dispatched headcount (or none, or a negative count)."""
    with pytest.raises(RuleViolation) as refused:
        ratio.record_figures(actor=user("hr"), period=today(), total_workforce=total, dispatched=dispatched)
    assert refused.value.code == ErrorCode.OUT_OF_RANGE and refused.value.field == field
    assert not WorkforceFigure.objects.exists()


def test_rsk7_only_hr_enters_the_figures_of_a_past_or_current_month(demo):
    """RSK-7: HR only; not for a future month; entered again, the month's figures are replaced."""
    with pytest.raises(RuleViolation):
        ratio.record_figures(actor=user("legal"), period=today(), total_workforce=100, dispatched=5)
    with pytest.raises(RuleViolation):
        ratio.record_figures(actor=user("hr"), period=today() + dt.timedelta(days=40), total_workforce=100,
                             dispatched=5)  # fmt: skip
    ratio.record_figures(actor=user("hr"), period=today(), total_workforce=100, dispatched=5)
    ratio.record_figures(actor=user("hr"), period=today().replace(day=1), total_workforce=120, dispatched=5)
    assert WorkforceFigure.objects.get().total_workforce == 120


def test_rsk7_ratio_counts_high_score_workers_and_alerts_above_the_cap(demo, client_for):
    """RSK-7: 8 dispatched + 3 workers on the high-score project = 11 of 100 → 11.00 %, above 10 %: HR alerted once
    with the daily job run twice; the page names the project with its 3 workers; with 120 in the workforce
    (9.17 %) it is near the cap and no longer above."""
    contract = _high_score_project_with(3)
    ratio.record_figures(actor=user("hr"), period=today(), total_workforce=100, dispatched=8, source="人事月报")
    run_daily_jobs(today=today())
    run_daily_jobs(today=today())
    found = ratio.current()
    assert (found.counted, found.percent, found.above) == (11, Decimal("11.00"), True)
    assert [p.pk for p in found.projects] == [contract.project_id]
    told = Notification.objects.filter(recipient__username="hr", url="/compliance/dispatch-ratio/")
    assert told.count() == 1
    page = client_for("hr").get("/compliance/dispatch-ratio/").content.decode()
    assert "ratio-above" in page and contract.project.number in page
    ratio.record_figures(actor=user("hr"), period=today(), total_workforce=120, dispatched=8)
    found = ratio.current()
    assert (found.percent, found.above, found.near) == (Decimal("9.17"), False, True)
    assert client_for("hr").get("/compliance/dispatch-ratio/?export=xlsx").status_code == 200


def test_rsk7_page_form_for_hr_only(demo, client_for):
    """RSK-7: HR enters the figures on the page (refused input shows its message, nothing saved); other readers
    see the ratio without the form; outsiders get 403."""
    hr = client_for("hr")
    hr.post("/compliance/dispatch-ratio/", {"period": today().isoformat(), "total_workforce": "3", "dispatched": "5"})
    assert not WorkforceFigure.objects.exists()
    hr.post("/compliance/dispatch-ratio/", {"period": today().isoformat(), "total_workforce": "300",
                                            "dispatched": "5"})  # fmt: skip
    assert WorkforceFigure.objects.get().total_workforce == 300
    auditor = client_for("auditor")
    assert "workforce-form" not in auditor.get("/compliance/dispatch-ratio/").content.decode()
    assert auditor.post("/compliance/dispatch-ratio/", {"period": today().isoformat()}).status_code == 403
    assert client_for("requester").get("/compliance/dispatch-ratio/").status_code == 403
