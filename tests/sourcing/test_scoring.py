"""SRC-4 the cross-department panel declares before seeing answers; SRC-6 independent scoring with the
event's weights and the computed price score; SRC-7 ranking, breakdown and outliers."""

from decimal import Decimal

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.sourcing import events, scoring, selectors
from outsourcing.sourcing.models import SCORED_BY_HAND, ScoreSheet, Stage
from tests.sourcing.factories import at_scoring, draft_event, event_with_answers, pass_deadline, sheet, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring_event(demo):
    event, vendors = event_with_answers(("1100000", "1000000", "1250000"))
    return at_scoring(event), vendors


def test_price_score_is_computed_from_the_quotes_by_the_stated_formula(scoring_event):
    """SRC-6: lowest valid quote ÷ this quote × 100 — never typed in."""
    event, vendors = scoring_event
    candidates = list(event.candidates.select_related("bid", "vendor"))
    prices = {
        c.vendor.name: value for c, value in zip(candidates, scoring.price_scores(candidates).values(), strict=True)
    }
    assert prices == {
        vendors[0].name: Decimal("90.91"),  # 1,000,000 ÷ 1,100,000 × 100
        vendors[1].name: Decimal("100.00"),
        vendors[2].name: Decimal("80.00"),
    }


def test_a_member_scores_only_after_declaring_and_never_with_a_conflict(demo):
    """SRC-4: the declaration comes first; a declared conflict recuses the member."""
    event, _vendors = event_with_answers()
    event = pass_deadline(event)
    organiser = user("procurement")
    events.open_answers(actor=organiser, event=event)
    for _stage in range(3):
        for candidate in event.candidates.filter(eliminated_at=""):
            events.record_stage_result(actor=organiser, candidate=candidate, passed=True, note="符合")
        if event.stage == Stage.PRESENTATION:
            for username in ("requester", "hr", "legal", "finance"):
                member = event.panel.get(user=user(username))
                scoring.declare(actor=member.user, member=member, has_conflict=False)
        event = events.advance_stage(actor=organiser, event=event)
    assert event.stage == Stage.SCORING
    with pytest.raises(RuleViolation) as undeclared:
        sheet(event, "itowner")
    assert undeclared.value.code == "not_declared"
    itowner = event.panel.get(user=demo.itowner)
    with pytest.raises(RuleViolation):  # a conflict must be explained
        scoring.declare(actor=demo.itowner, member=itowner, has_conflict=True, declaration="")
    scoring.declare(actor=demo.itowner, member=itowner, has_conflict=True, declaration="曾任候选外包商技术顾问")
    with pytest.raises(RuleViolation) as recused:
        sheet(event, "itowner")
    assert recused.value.code == "conflict_of_interest"
    assert not selectors.answers_visible(demo.itowner, event)
    with pytest.raises(RuleViolation):  # nobody declares for someone else
        scoring.declare(actor=demo.hr, member=itowner, has_conflict=False)


def test_scoring_needs_a_cross_department_panel(demo):
    """SRC-4: business, HR, legal and finance must sit on the panel before the scoring stage."""
    event, _vendors = event_with_answers()
    event.panel.filter(discipline="legal").delete()
    event = pass_deadline(event)
    organiser = user("procurement")
    events.open_answers(actor=organiser, event=event)
    for _stage in range(2):
        for candidate in event.candidates.filter(eliminated_at=""):
            events.record_stage_result(actor=organiser, candidate=candidate, passed=True, note="符合")
        event = events.advance_stage(actor=organiser, event=event)
    for candidate in event.candidates.filter(eliminated_at=""):
        events.record_stage_result(actor=organiser, candidate=candidate, passed=True, note="符合")
    with pytest.raises(RuleViolation) as refused:
        events.advance_stage(actor=organiser, event=event)
    assert refused.value.code == "stage"
    scoring.add_member(actor=organiser, event=event, user=demo.legal, discipline="legal")
    assert events.advance_stage(actor=organiser, event=event).stage == Stage.SCORING


def test_bad_score_sheets_are_refused_and_nothing_is_saved(scoring_event):
    """SRC-6, X-8: a score outside 0–100, a missing score, a second sheet."""
    event, _vendors = scoring_event
    candidates = list(event.candidates.all())
    full = [scoring.GivenScore(c.pk, crit, Decimal("80")) for c in candidates for crit in SCORED_BY_HAND]
    out_of_range = [*full[:-1], scoring.GivenScore(full[-1].candidate_id, full[-1].criterion, Decimal("101"))]
    with pytest.raises(RuleViolation) as too_high:
        scoring.submit_sheet(actor=user("hr"), event=event, scores=out_of_range)
    assert too_high.value.code == "score_out_of_range"
    with pytest.raises(RuleViolation) as missing:
        scoring.submit_sheet(actor=user("hr"), event=event, scores=full[:-1])
    assert missing.value.code == "incomplete"
    assert not ScoreSheet.objects.filter(member__event=event).exists()
    scoring.submit_sheet(actor=user("hr"), event=event, scores=full)
    with pytest.raises(RuleViolation) as second:
        scoring.submit_sheet(actor=user("hr"), event=event, scores=full)
    assert second.value.code == "already_scored"
    with pytest.raises(RuleViolation):  # not on the panel
        scoring.submit_sheet(actor=user("manager"), event=event, scores=full)


def test_no_member_sees_others_scores_or_the_ranking_before_submitting(scoring_event, client_for, api_for):
    """SRC-6: on the page and through the API; the organiser waits for the last sheet too."""
    event, vendors = scoring_event
    sheet(event, "hr", 90)
    for username in ("legal", "procurement", "manager"):
        assert selectors.results_for(user(username), event) is None, username
        page = client_for(username).get(event.get_absolute_url())
        assert page.context["results"] is None and 'id="ranking"' not in page.content.decode()
        assert api_for(username).get(f"/api/sourcing-events/{event.pk}/results/").status_code == 404
    mine = selectors.results_for(user("hr"), event)
    assert mine is not None and not mine.complete
    for username in ("requester", "legal", "finance", "itowner"):
        sheet(event, username, 80)
    outcome = api_for("procurement").get(f"/api/sourcing-events/{event.pk}/results/").json()
    assert outcome["complete"] is True and len(outcome["ranking"]) == 3


def test_ranking_breakdown_and_outliers(scoring_event):
    """SRC-7: the mean of members' weighted totals ranks the candidates; a member far from the others is marked."""
    event, vendors = scoring_event
    first, second, third = (v.name for v in vendors)
    for username in ("requester", "hr", "legal", "finance"):
        sheet(event, username, {first: 90, second: 80, third: 70})
    sheet(event, "itowner", {first: 40, second: 80, third: 70})  # far below the others on the first
    outcome = scoring.results(event)
    assert outcome.complete
    by_name = {row.candidate.vendor.name: row for row in outcome.rows}
    # 90 on each hand criterion (80 % of the weight) + price 90.91 × 20 % = 72 + 18.18
    line = next(line for line in by_name[first].lines if line.member.user.username == "hr")
    assert line.total == Decimal("90.18")
    # hand criteria 80 % of the weight, price 20 %: second 80 × 0.8 + 100 × 0.2 = 84.00 leads the first
    # (80 × 0.8 + 90.91 × 0.2 = 82.18), the third last (70 × 0.8 + 80 × 0.2 = 72.00)
    assert [(row.candidate.vendor.name, row.total, row.rank) for row in outcome.rows] == [
        (second, Decimal("84.00"), 1), (first, Decimal("82.18"), 2), (third, Decimal("72.00"), 3)]  # fmt: skip
    outliers = [
        (row.candidate.vendor.name, line.member.user.username)
        for row in outcome.rows
        for line in row.lines
        if line.outlier
    ]
    assert outliers == [(first, "itowner")]
    assert by_name[first].means["technical"] == Decimal("80.00")  # (4 × 90 + 40) ÷ 5


def test_a_draft_without_a_panel_has_nothing_to_score(demo):
    """SRC-6: results of an event nobody scored are empty, not an error."""
    event = draft_event()
    outcome = scoring.results(event)
    assert outcome.rows == [] and outcome.complete is False
