"""Improvement proposals (PTN-1) and gain sharing (PTN-2): submitted in the portal with a deadline to answer,
screened → piloted → adopted or declined with the reason, the realised saving measured by the project owner and
confirmed by finance, the vendor's share a gain-sharing line of that month's settlement, paid once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.partnership import proposals, reminders
from outsourcing.partnership.models import Proposal, ProposalStatus, RealisedBenefit
from outsourcing.settlements import adjustments
from outsourcing.settlements.amounts import figures
from outsourcing.settlements.lines import line_type, line_type_choices
from tests.partnership.factories import adopted, measured, opened, submitted

pytestmark = pytest.mark.django_db


def test_ptn1_a_vendor_proposes_and_the_answer_is_due_in_twenty_days(demo):
    proposal = submitted()
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.number.startswith("PRO-")
    assert proposal.answer_due == today() + dt.timedelta(days=20)
    assert proposal.created_by == demo.vendor1


def test_ptn1_another_vendor_cannot_propose_under_vendor1s_contract(demo):
    contract = submitted().contract
    with pytest.raises(RuleViolation) as refused:
        perform("vendor2", proposals.submit_proposal, data=proposals.ProposalData(
            contract=contract, kind="cost", title="x", problem="x", proposal="x", baseline="x"))  # fmt: skip
    assert refused.value.code == "not_allowed" and Proposal.objects.filter(contract=contract).count() == 1


def test_ptn1_an_unanswered_proposal_is_reminded_after_its_deadline(demo):
    proposal = submitted()
    assert not [n for n in reminders.proposals_overdue(today()) if n.url == proposal.get_absolute_url()]
    late = reminders.proposals_overdue(proposal.answer_due + dt.timedelta(days=1))
    mine = [n for n in late if n.url == proposal.get_absolute_url()]
    assert {n.recipient_id for n in mine} == {demo.requester.pk, demo.vendor1.pk}


def test_ptn1_stages_follow_the_declared_machine_and_a_decline_needs_its_reason(demo):
    proposal = submitted()
    with pytest.raises(RuleViolation) as refused:
        perform("requester", proposals.advance_proposal, proposal=proposal, to="piloted")
    assert refused.value.code == "forbidden_transition"
    with pytest.raises(RuleViolation) as refused:
        perform("requester", proposals.decline_proposal, proposal=proposal, reason=" ")
    assert refused.value.code == "required"
    proposal = perform("requester", proposals.advance_proposal, proposal=proposal, to="screened")
    proposal = perform("requester", proposals.advance_proposal, proposal=proposal, to="piloted", note="试点一个月")
    proposal = perform("requester", proposals.decline_proposal, proposal=proposal, reason="试点未达预期")
    assert proposal.status == ProposalStatus.DECLINED and proposal.answered_at is not None
    with pytest.raises(RuleViolation) as refused:  # the vendor cannot answer its own proposal
        perform("vendor1", proposals.advance_proposal, proposal=submitted(), to="screened")
    assert refused.value.code == "not_allowed"


def test_ptn2_bad_terms_and_bad_savings_are_refused_and_nothing_is_saved(demo):
    proposal = perform("requester", proposals.advance_proposal, proposal=submitted(), to="screened")
    for percent in ("100.01", "-1", "abc"):
        with pytest.raises(RuleViolation) as refused:
            perform("requester", proposals.adopt_proposal, proposal=proposal, adopted_on=today(), share_percent=percent,
                    share_months=12)  # fmt: skip
        assert refused.value.code == "share_percent"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SCREENED and proposal.share_percent is None
    proposal = adopted(proposal)
    with pytest.raises(RuleViolation) as refused:  # a negative saving
        measured(proposal, baseline="50000.00", actual="50000.01")
    assert refused.value.code == "negative_saving"
    last_month = today().replace(day=1) - dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as refused:  # a realised benefit for a month before the adoption
        measured(proposal, month=last_month)
    assert refused.value.code == "before_adoption"
    assert not RealisedBenefit.objects.filter(proposal=proposal).exists()


def test_ptn2_a_declined_proposal_has_no_benefit_and_no_gain_share(demo):
    proposal = perform("requester", proposals.decline_proposal, proposal=submitted(), reason="成本不降反升")
    with pytest.raises(RuleViolation) as refused:
        measured(proposal)
    assert refused.value.code == "not_adopted" and proposal.number in str(refused.value.message)
    assert not RealisedBenefit.objects.filter(proposal=proposal).exists()


def test_ptn2_a_confirmed_saving_becomes_a_gain_sharing_line_once(demo):
    """PTN-2, SET-3: 20 % of the 10,000.00 saving is a 2,000.00 line of the month's settlement; a second
    confirmation of the same saving and month is refused, and the month is measured once."""
    proposal = adopted()
    settlement = opened(proposal.contract, day=today())
    before = figures(settlement).payable
    benefit = measured(proposal)
    assert benefit.saving == Decimal("10000.00")
    with pytest.raises(RuleViolation) as refused:  # the project owner cannot confirm
        perform("requester", proposals.confirm_benefit, benefit=benefit)
    assert refused.value.code == "not_allowed"
    benefit = perform("finance", proposals.confirm_benefit, benefit=benefit)
    line = benefit.settlement_line
    assert (line.settlement_id, line.line_type, line.amount) == (settlement.pk, "gain_sharing", Decimal("2000.00"))
    assert proposal.number in line.reason and figures(settlement).payable == before + Decimal("2000.00")
    with pytest.raises(RuleViolation) as refused:
        perform("finance", proposals.confirm_benefit, benefit=benefit)
    assert refused.value.code == "already_shared"
    with pytest.raises(RuleViolation) as refused:
        measured(proposal)
    assert refused.value.code == "duplicate"
    assert settlement.adjustments.filter(line_type="gain_sharing").count() == 1


def test_ptn2_gain_sharing_is_never_typed_in_by_hand(demo):
    """The line type is registered by partnership (the settlements app unchanged but for the flag) and is not
    offered on the settlement's page, nor accepted by its add-line service."""
    assert line_type("gain_sharing") is not None and line_type("gain_sharing").sign == 1
    assert "gain_sharing" not in dict(line_type_choices())
    settlement = opened(submitted().contract, day=today())
    with pytest.raises(RuleViolation) as refused:
        perform("finance", adjustments.add_line, settlement=settlement, line_type_code="gain_sharing",
                amount="100.00", reason="手工分成")  # fmt: skip
    assert refused.value.code == "line_type"


def test_ptn2_the_cap_and_the_sharing_period_limit_the_share(demo):
    proposal = adopted(cap="1500.00")
    opened(proposal.contract, day=today())
    benefit = perform("finance", proposals.confirm_benefit, benefit=measured(proposal))
    assert benefit.share_amount == Decimal("1500.00") and benefit.settlement_line.amount == Decimal("1500.00")


def test_ptn2_a_month_without_an_open_settlement_is_refused_unconfirmed(demo):
    proposal = adopted()
    benefit = measured(proposal)
    with pytest.raises(RuleViolation) as refused:
        perform("finance", proposals.confirm_benefit, benefit=benefit)
    assert refused.value.code == "no_settlement"
    benefit.refresh_from_db()
    assert benefit.confirmed_at is None and benefit.share_amount is None
