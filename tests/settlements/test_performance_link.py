"""The performance link (SET-3, PTN-2): the confirmed evaluation's score → bonus or deduction by the incentive
table, itemised lines with their reason from an open registry, the deduction cap, the dispute hold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from outsourcing.audit.actor import perform
from outsourcing.core.errors import RuleViolation
from outsourcing.performance import evaluations
from outsourcing.performance.models import Kpi
from outsourcing.settlements import adjustments
from outsourcing.settlements.amounts import figures
from outsourcing.settlements.approval import step_blockers
from outsourcing.settlements.lines import line_type, register_line_type
from outsourcing.settlements.models import IncentiveTable
from tests.performance.factories import figure, kpi, published, sla
from tests.settlements.factories import accepted, contract_in_force, last_month, opened

pytestmark = pytest.mark.django_db


def _evaluated(answered: int, *, confirm: bool = True):
    """A contract of vendor1 with last month evaluated: 100 (≥95 %), 70 (85–95 %) or 0 (below 85 %)."""
    import datetime as dt

    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    version = sla(contract, [(answer, 100)])
    figure(contract, answer, last_month(), answered=answered, offered=1000)
    evaluation = published(contract, last_month())
    if confirm:
        evaluation = perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={})
    else:
        item = evaluation.items.get()
        evaluation = perform("vendor1", evaluations.answer, evaluation=evaluation, disputes={item.pk: "数据口径不一致"})
    return contract, version, evaluation


def test_set3_a_top_score_earns_the_default_bonus():
    """SET-3: total 100 ≥ 95 → +3 % of the 50,000 fee = 1,500.00 (the SPEC's default table)."""
    contract, _version, evaluation = _evaluated(990)
    settlement = accepted(opened(contract))
    line = settlement.adjustments.get(line_type="performance")
    assert line.amount == Decimal("1500.00") and evaluation.number in line.reason
    assert figures(settlement).payable == Decimal("51500.00")
    assert step_blockers(settlement, role="dept_head") == []


def test_set3_deductions_are_capped_at_ten_percent_and_itemised():
    """SET-3: total 0 → −10 % (−5,000); a late fine of −1,000 on top is capped: 45,000 payable, never less."""
    contract, _version, _evaluation = _evaluated(500)
    settlement = accepted(opened(contract))
    assert settlement.adjustments.get(line_type="performance").amount == Decimal("-5000.00")
    perform("requester", adjustments.add_line, settlement=settlement, line_type_code="late_fine", amount="-1000.00",
            reason="第3周报告迟交5天")  # fmt: skip
    figs = figures(settlement)
    assert figs.deductions == Decimal("-6000.00") and figs.capped_deductions == Decimal("-5000.00") and figs.capped
    assert figs.payable == Decimal("45000.00")
    for amount, reason, code in (("1000", "罚款", "line_type"), ("-10.5", "", "required"), (-1.0, "x", "bad_money"),
                                 ("-1.005", "x", "bad_money")):  # fmt: skip
        with pytest.raises(RuleViolation) as refused:
            perform("requester", adjustments.add_line, settlement=settlement, line_type_code="late_fine",
                    amount=amount, reason=reason)  # fmt: skip
        assert refused.value.code == code
    assert settlement.adjustments.count() == 2


def test_set3_the_sla_versions_own_table_and_cap():
    """SET-3: an SLA version's incentive table replaces the default: 70 → +2 %, cap 5 %."""
    contract, version, _evaluation = _evaluated(900)
    IncentiveTable.objects.create(sla=version, bands=[{"min": "60", "percent": "2"}, {"min": "0", "percent": "-4"}],
                                  deduction_cap_percent=Decimal("5"))  # fmt: skip
    settlement = accepted(opened(contract))
    assert settlement.adjustments.get(line_type="performance").amount == Decimal("1000.00")
    perform("requester", adjustments.add_line, settlement=settlement, line_type_code="service_credit",
            amount="-4000.00", reason="SLA服务积分")  # fmt: skip
    assert figures(settlement).capped_deductions == Decimal("-2500.00")


def test_set3_a_disputed_evaluation_holds_the_settlement_at_the_business_step():
    """SET-3: an evaluation in dispute makes no line and holds the business head's step with the reason."""
    contract, _version, evaluation = _evaluated(500, confirm=False)
    settlement = accepted(opened(contract))
    assert not settlement.adjustments.exists()
    reasons = step_blockers(settlement, role="dept_head")
    assert [r.code for r in reasons] == ["evaluation_disputed"] and evaluation.number in reasons[0]


def test_ptn2_a_later_app_registers_a_line_type_without_a_change_here():
    """PTN-2, SET-3: the line-type registry is open: a later app's bonus is a line with its reason (partnership's
    gain sharing is registered the same way, written only by its own service: tests/partnership)."""
    register_line_type("loyalty_bonus", "合作奖励", +1)
    try:
        settlement = accepted()
        line = perform("requester", adjustments.add_line, settlement=settlement, line_type_code="loyalty_bonus",
                       amount="800.00", reason="年度合作奖励")  # fmt: skip
        assert line.amount == Decimal("800.00") and figures(settlement).payable == Decimal("50800.00")
        with pytest.raises(ValueError):
            register_line_type("bad", "坏", 2)
    finally:
        from outsourcing.settlements import lines

        lines._types.pop("loyalty_bonus", None)
    assert line_type("loyalty_bonus") is None and line_type("gain_sharing") is not None


def test_set3_the_owner_edits_the_incentive_table_per_sla_version_until_a_settlement_uses_it(demo, client_for):
    """SET-3: the contract's incentive tables page shows each SLA version's table (the default until one is set);
    the owner sets bands and cap (bad bands refused, nothing saved); once a settlement applied it, it is fixed."""
    from outsourcing.core.errors import Conflict
    from outsourcing.settlements import incentives

    contract, version, _evaluation = _evaluated(900)
    owner = client_for("requester")
    page = owner.get(f"/settlements/incentives/{contract.pk}/").content.decode()
    assert f'id="sla-{version.pk}"' in page and "95" in page
    for bad in ("95 3\n80 0", "95 3\n95 1\n0 -5", "abc", "101 3\n0 0"):
        with pytest.raises(RuleViolation) as refused:
            perform("requester", incentives.save_table, sla=version, bands=bad)
        assert refused.value.field == "bands"
    assert not IncentiveTable.objects.exists()
    with pytest.raises(RuleViolation) as refused:
        perform("vendor1", incentives.save_table, sla=version, bands="0 0")
    assert refused.value.status == 403
    answer = owner.post(
        f"/settlements/incentives/sla/{version.pk}/", {"bands": "60 2\n0 -4", "deduction_cap_percent": "5"}
    )
    assert answer.status_code == 302
    assert IncentiveTable.objects.get(sla=version).bands == [
        {"min": "60", "percent": "2"},
        {"min": "0", "percent": "-4"},
    ]
    settlement = accepted(opened(contract))
    assert settlement.adjustments.get(line_type="performance").amount == Decimal("1000.00")
    with pytest.raises(Conflict) as fixed:
        perform("requester", incentives.save_table, sla=version, bands="0 0")
    assert fixed.value.code == "incentive_table_in_use"
    assert client_for("vendor1").get(f"/settlements/incentives/sla/{version.pk}/").status_code == 403
