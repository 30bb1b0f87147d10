"""The risk register (RSK-1): ratings 1–5 before and after the controls, owner, treatment (accept only with a
justification), review date, status by the declared machine, links; a risk raised by an indicator closes only when
its finding clears or it is accepted with a reason; the heat map."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import daily, risks, selectors
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models import RISK_STATES, Risk, RiskStatus
from outsourcing.contracts import signing
from outsourcing.core.errors import RuleViolation
from outsourcing.core.states import FORBIDDEN_TRANSITION
from outsourcing.core.timeutil import today
from tests.compliance.factories import open_finding, recorded, risk_data, user

pytestmark = pytest.mark.django_db


def test_rsk1_a_risk_is_recorded_with_its_ratings_owner_and_review(demo):
    """RSK-1: inherent and residual ratings are likelihood × impact; a number is issued."""
    risk = recorded()
    assert risk.number.startswith("RSK-") and risk.status == RiskStatus.OPEN
    assert (risk.inherent, risk.residual, risk.inherent_level, risk.residual_level) == (12, 6, "medium", "low")


@pytest.mark.parametrize("overrides, code, field", [
    ({"likelihood": 0}, ErrorCode.OUT_OF_RANGE, "likelihood"),
    ({"impact": 6}, ErrorCode.OUT_OF_RANGE, "impact"),
    ({"residual_impact": 9}, ErrorCode.OUT_OF_RANGE, "residual_impact"),
    ({"treatment": "accept", "justification": "  "}, ErrorCode.JUSTIFICATION, "justification"),
    ({"residual_likelihood": 5, "residual_impact": 5}, ErrorCode.RESIDUAL_ABOVE_INHERENT, "residual_likelihood"),
    ({"title": ""}, ErrorCode.REQUIRED, "title"),
    ({"category": "weather"}, ErrorCode.REQUIRED, "category"),
])  # fmt: skip
def test_rsk1_bad_input_is_refused_and_nothing_saved(demo, overrides, code, field):
    """RSK-1 (bad input): a rating outside 1–5, an accepted risk without justification … refused, nothing saved."""
    with pytest.raises(RuleViolation) as refused:
        recorded(**overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not Risk.objects.exists()


def test_rsk1_accepting_needs_a_reason_and_every_forbidden_move_is_refused(demo):
    """RSK-1: the status machine refuses every move it does not declare; accepting needs a justification."""
    risk = recorded()
    with pytest.raises(RuleViolation) as refused:
        risks.move(actor=user("hr"), risk=risk, to=RiskStatus.ACCEPTED)
    assert refused.value.code == ErrorCode.JUSTIFICATION
    risk = risks.move(actor=user("hr"), risk=risk, to=RiskStatus.ACCEPTED, note="发生概率低，控制成本过高")
    assert risk.treatment == "accept" and risk.justification == "发生概率低，控制成本过高"
    for current, to in RISK_STATES.forbidden_pairs():
        Risk.objects.filter(pk=risk.pk).update(status=current, justification="理由")
        with pytest.raises(RuleViolation) as refused:
            risks.move(actor=user("hr"), risk=risk, to=to, note="理由")
        assert refused.value.code == FORBIDDEN_TRANSITION, (current, to)


def test_rsk1_a_risk_raised_by_an_indicator_closes_only_when_the_finding_clears(demo):
    """RSK-1/RSK-2: raised from a finding it carries its links; it cannot be closed while the finding is open; it
    closes by itself when the indicator no longer finds the record."""
    finding, day = open_finding()
    risk = risks.raise_from_finding(actor=user("hr"), finding=finding, data=risk_data(category="security"))
    assert (risk.finding_id, risk.vendor_id, risk.project_id) == (finding.pk, finding.vendor_id, finding.project_id)
    with pytest.raises(RuleViolation) as refused:
        risks.move(actor=user("hr"), risk=risk, to=RiskStatus.CLOSED, note="已处理")
    assert refused.value.code == ErrorCode.INDICATOR_OPEN
    signing.record_confidentiality_agreement(actor=user("legal"), vendor=finding.vendor, contract=finding.contract,
                                             signed_on=today(), valid_from=today(),
                                             valid_until=day + dt.timedelta(days=365), scope="商业秘密")  # fmt: skip
    daily.run_all(day)
    risk.refresh_from_db()
    assert risk.status == RiskStatus.CLOSED and risk.closed_on == day and str(day) in risk.closing_note


def test_rsk1_a_risk_raised_by_an_indicator_may_be_accepted_with_a_reason(demo):
    """RSK-1: the other way out of an indicator's risk is an acceptance with its reason."""
    finding, _day = open_finding()
    risk = risks.raise_from_finding(actor=user("hr"), finding=finding, data=risk_data())
    risk = risks.move(actor=user("hr"), risk=risk, to=RiskStatus.ACCEPTED, note="协议续签中，法务已确认过渡安排")
    assert risk.status == RiskStatus.ACCEPTED


def test_rsk1_heat_map_counts_live_risks_per_cell(demo):
    """RSK-1: the heat map counts the live risks by likelihood × impact, inherent and residual; closed ones not."""
    recorded()
    recorded(title="核心岗位知识流失", category="core_capability")
    closed = recorded(title="已消除的风险", likelihood=5, impact=5)
    risks.move(actor=user("hr"), risk=closed, to=RiskStatus.CLOSED, note="外包商已更换")
    heat = selectors.heat_map(Risk.objects.all())
    assert heat["inherent"] == [{"x": 4, "y": 3, "count": 2, "score": 12}]
    assert heat["residual"] == [{"x": 3, "y": 2, "count": 2, "score": 6}]
