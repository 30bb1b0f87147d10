"""PRF-6: the evaluation — scores from the period's data against a hand-computed example, a period without data
"not evaluated", one evaluation per contract and period (409 and a database constraint), publication, the vendor's
answer by its day across a month end (silence confirms, recorded by the daily job), a dispute resolved by the
project owner with HR through the API, the vendor seeing only its own published evaluations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.notifications.models import Notification
from outsourcing.performance import evaluations, reminders
from outsourcing.performance.models import Evaluation
from tests.performance.factories import contract_in_force, figure, kpi, month_ago, published, sla, user

pytestmark = pytest.mark.django_db

LOWER = [{"from": "0", "to": "1", "rating": "green", "score": "100"},
         {"from": "1", "to": "3", "rating": "amber", "score": "60"},
         {"from": "3", "to": "1000", "rating": "red", "score": "0"}]  # fmt: skip


def _three_kpis():
    answer = kpi("T-ANSWER")
    csat = kpi("T-CSAT", name="满意度", data_source="company", inputs=["score"], formula="score")
    damage = kpi("T-DAMAGE", name="货损率", unit="‰", direction="lower", maximum=Decimal(1000), target=Decimal("0.5"),
                 thresholds=LOWER, data_source="company", inputs=["damaged", "handled"],
                 formula="damaged / handled * 1000")  # fmt: skip
    return answer, csat, damage


def test_prf6_the_score_matches_a_hand_computed_example(demo):
    """PRF-6: 接通率 avg(95, 90) = 92.5 → amber 70 × 50 %; 满意度 96 → green 100 × 30 %; 货损率 avg(1.5, 2.5) = 2.0‰ →
    amber 60 × 20 %: total (3500 + 3000 + 1200) / 100 = 77.00, grade C (60–80), up to standard (pass 60)."""
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer, csat, damage = _three_kpis()
    sla(contract, [(answer, 50), (csat, 30), (damage, 20)])
    month = month_ago(1)
    figure(contract, answer, month, answered=950, offered=1000)
    figure(contract, answer, month + dt.timedelta(days=5), answered=900, offered=1000)
    figure(contract, csat, month, score=96)
    figure(contract, damage, month, damaged=3, handled=2000)
    figure(contract, damage, month + dt.timedelta(days=3), damaged=5, handled=2000)
    figure(contract, answer, month_ago(2, day=20), answered=100, offered=1000)  # another month: not counted
    evaluation = perform("requester", evaluations.evaluate, contract=contract, day=month)
    items = {i.kpi.code: i for i in evaluation.items.all()}
    assert items["T-ANSWER"].actual == Decimal("92.5") and items["T-ANSWER"].score == 70
    assert items["T-ANSWER"].rating == "amber" and items["T-ANSWER"].inputs["values"] == 2
    assert items["T-ANSWER"].formula == "answered / offered * 100"  # frozen with the evaluation
    assert items["T-CSAT"].score == 100 and items["T-DAMAGE"].actual == 2 and items["T-DAMAGE"].score == 60
    assert evaluation.total == Decimal("77.00") and evaluation.grade == "C" and evaluation.passed is True
    assert evaluation.period_start == month.replace(day=1) and evaluation.status == "draft"


def test_prf6_a_period_without_data_is_not_evaluated_never_zero(demo, client_for):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer, csat, _damage = _three_kpis()
    sla(contract, [(answer, 60), (csat, 40)])
    empty = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(2))
    assert empty.total is None and empty.grade == "" and empty.passed is None
    assert all(i.score is None and i.rating == "" for i in empty.items.all())
    page = client_for("requester").get(empty.get_absolute_url()).content.decode()
    assert 'id="total"' in page and "0.00" not in page
    figure(contract, csat, month_ago(1), score=90)  # only one KPI has data: scored over it alone
    partial = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(1))
    assert partial.total == Decimal("70.00")  # amber 70 on the one item with data, weights re-based


def test_prf6_one_evaluation_per_contract_and_period(demo, client_for):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer, _csat, _damage = _three_kpis()
    sla(contract, [(answer, 100)])
    first = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(1))
    with pytest.raises(RuleViolation) as twice:
        perform("requester", evaluations.evaluate, contract=contract, day=month_ago(1, day=20))
    assert twice.value.code == "duplicate" and twice.value.status == 409
    page = client_for("requester").post(
        "/performance/evaluations/new/", {"contract": contract.pk, "day": month_ago(1).isoformat()}
    )
    assert page.status_code == 200 and page.context["form"].errors.as_data()["day"][0].code == "duplicate"
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses a race the check missed
        Evaluation.objects.create(
            number="EVA-RACE",
            contract=contract,
            sla=first.sla,
            period="monthly",
            period_start=first.period_start,
            period_end=first.period_end,
        )
    assert Evaluation.objects.filter(contract=contract).count() == 1
    with pytest.raises(RuleViolation) as running:  # the current month has not ended
        perform("requester", evaluations.evaluate, contract=contract, day=today())
    assert running.value.code == "dates"


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def test_prf6_the_answer_deadline_runs_across_the_month_end_and_silence_confirms(demo, api_for):
    """PRF-6: published on 25 January, the vendor answers by 4 February (10 days); on 5 February it is too late
    and the daily job records the silence as confirmation."""
    with mock.patch("django.utils.timezone.now", return_value=_at(2026, 12, 16, 9)):
        contract = contract_in_force("vendor1", start=dt.date(2026, 12, 1))
        answer, _csat, _damage = _three_kpis()
        sla(contract, [(answer, 100)])
        figure(contract, answer, dt.date(2026, 12, 15), answered=960, offered=1000)
    with mock.patch("django.utils.timezone.now", return_value=_at(2027, 1, 25, 10)):
        evaluation = published(contract, dt.date(2026, 12, 1))
    assert evaluation.answer_by == dt.date(2027, 2, 4)
    with mock.patch("django.utils.timezone.now", return_value=_at(2027, 2, 5, 9)):
        late = api_for("vendor1").post(f"/api/evaluations/{evaluation.pk}/answer/", {"disputes": []}, format="json")
        assert late.status_code == 409 and late.json()["code"] == "deadline_passed"
    assert reminders.silence_confirms(dt.date(2027, 2, 4)) == []
    notices = reminders.silence_confirms(dt.date(2027, 2, 5))
    evaluation.refresh_from_db()
    assert evaluation.status == "confirmed" and evaluation.confirmed_by_silence and evaluation.locked_at
    assert {n.recipient_id for n in notices} >= {user("vendor1").pk}
    asked = Notification.objects.get(recipient=user("vendor1"), dedup_key=f"evaluation-published:{evaluation.pk}")
    assert asked.resolved_at is not None  # silence answered it



def test_prf6_the_vendor_disputes_through_the_api_and_the_owner_resolves_with_hr(demo, api_for, client_for):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer, csat, _damage = _three_kpis()
    sla(contract, [(answer, 50), (csat, 50)])
    figure(contract, answer, month_ago(1), answered=960, offered=1000)
    figure(contract, csat, month_ago(1), score=90)
    draft = perform("requester", evaluations.evaluate, contract=contract, day=month_ago(1))
    vendor = api_for("vendor1")
    assert vendor.get(f"/api/evaluations/{draft.pk}/").status_code == 404  # a draft is the company's paper
    assert vendor.post(f"/api/evaluations/{draft.pk}/publish/").status_code == 404
    assert api_for("requester").post(f"/api/evaluations/{draft.pk}/publish/").status_code == 200
    assert api_for("vendor2").get(f"/api/evaluations/{draft.pk}/").status_code == 404
    assert api_for("vendor2").post(f"/api/evaluations/{draft.pk}/answer/", {}, format="json").status_code == 404
    shown = vendor.get(f"/api/evaluations/{draft.pk}/").json()
    assert shown["total"] == "85.00" and "answer" in shown["available_actions"]
    csat_item = next(i for i in shown["items"] if i["kpi_name"] == "满意度")
    no_reason = vendor.post(
        f"/api/evaluations/{draft.pk}/answer/", {"disputes": [{"item": csat_item["id"], "reason": " "}]}, format="json"
    )
    assert no_reason.status_code == 400
    disputed = vendor.post(f"/api/evaluations/{draft.pk}/answer/", {"disputes": [{"item": csat_item["id"],
                           "reason": "第三周样本重复计入"}]}, format="json")  # fmt: skip
    assert disputed.status_code == 200 and disputed.json()["status"] == "disputed"
    owner = api_for("requester")
    body = {"item": csat_item["id"], "outcome": "rescored", "score": "100", "reason": "剔除重复样本后为91%",
            "with_hr": user("requester").pk}  # fmt: skip
    not_hr = owner.post(f"/api/evaluations/{draft.pk}/resolve/", body, format="json")
    assert not_hr.status_code == 400 and not_hr.json()["code"] == "not_hr"
    assert (
        api_for("hr")
        .post(f"/api/evaluations/{draft.pk}/resolve/", {**body, "with_hr": user("hr").pk}, format="json")
        .status_code
        == 403
    )  # fmt: skip  — the project owner resolves
    dispute_todo = Notification.objects.get(recipient=user("requester"), dedup_key=f"evaluation-disputed:{draft.pk}")
    assert dispute_todo.kind == "todo" and dispute_todo.resolved_at is None
    resolved = owner.post(f"/api/evaluations/{draft.pk}/resolve/", {**body, "with_hr": user("hr").pk}, format="json")
    dispute_todo.refresh_from_db()
    assert dispute_todo.resolved_at is not None  # resolved, it leaves the owner's bell
    data = resolved.json()
    assert resolved.status_code == 200 and data["status"] == "resolved" and data["total"] == "100.00"
    item = next(i for i in data["items"] if i["id"] == csat_item["id"])
    assert item["original_score"] == "70.00" and item["resolution"] == "rescored"
    again = owner.post(f"/api/evaluations/{draft.pk}/resolve/", {**body, "with_hr": user("hr").pk}, format="json")
    assert again.status_code == 409
    page = client_for("vendor1").get(f"/performance/evaluations/{draft.pk}/").content.decode()
    assert "剔除重复样本后为91%" in page


def test_prf6_the_vendor_confirms_on_the_page(demo, client_for):
    contract = contract_in_force("vendor1", start=month_ago(2, day=1))
    answer, _csat, _damage = _three_kpis()
    sla(contract, [(answer, 100)])
    figure(contract, answer, month_ago(1), answered=960, offered=1000)
    evaluation = published(contract, month_ago(1))
    todo = Notification.objects.get(recipient=user("vendor1"), title__contains=evaluation.number)
    assert todo.kind == "todo" and todo.read_at is None
    portal = client_for("vendor1")
    assert 'id="answer-form"' in portal.get(evaluation.get_absolute_url()).content.decode()
    assert portal.post(f"/performance/evaluations/{evaluation.pk}/answer/", {}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == "confirmed" and not evaluation.confirmed_by_silence
    todo.refresh_from_db()  # answered, the to-do leaves the vendor's bell
    assert todo.resolved_at is not None and todo.read_at is not None
    refused = portal.post(f"/performance/evaluations/{evaluation.pk}/answer/", {}, HTTP_REFERER="/performance/")
    assert refused.status_code == 302  # the conflict is shown as a message on the page it came from
    with pytest.raises(RuleViolation) as closed:  # the period's figures are final once published
        figure(contract, answer, month_ago(1, day=12), answered=1, offered=1000)
    assert closed.value.code == "period_closed"
