"""The demo's settlement slice (SET-2..SET-7): the tax-rule table with its sources and settlements in every state on
the signed demo contracts, each hold with its coded reason, dates in order."""

from __future__ import annotations

import pytest

from outsourcing.settlements.amounts import figures
from outsourcing.settlements.approval import holds
from outsourcing.settlements.models import Settlement, SettlementStatus, TaxRule

pytestmark = pytest.mark.django_db


def test_set2_to_set7_demo_settlements_tell_a_consistent_story(loaded_demo, demo, client_for):
    assert TaxRule.objects.filter(rate=6, method="general").exists() and all(r.source for r in TaxRule.objects.all())
    assert TaxRule.objects.filter(rate=5, method="margin").exists()
    found = list(Settlement.objects.select_related("contract", "payment").order_by("contract", "period_start"))
    assert {s.status for s in found} >= {SettlementStatus.PAID, SettlementStatus.APPROVED,
                                         SettlementStatus.IN_APPROVAL, SettlementStatus.ACCEPTED}  # fmt: skip
    codes = {r.code for s in found for reasons in holds(s).values() for r in reasons}
    assert {"proofs", "invoice_tax", "evaluation_disputed"} <= codes
    lines = {a.line_type: a.amount for s in found for a in s.adjustments.all()}
    assert lines["late_fine"] < 0 and any(a.amount > 0 for s in found for a in s.adjustments.all())
    assert any(figures(s).capped for s in found)
    for settlement in found:
        assert settlement.contract.start_date <= settlement.period_start <= settlement.period_end
        if settlement.status == SettlementStatus.PAID:
            assert settlement.payment.paid_on > settlement.period_end
            assert settlement.payment.amount == settlement.approved_amount
    paid = next(s for s in found if s.status == SettlementStatus.PAID)
    assert client_for("finance").get(paid.get_absolute_url()).status_code == 200
    assert client_for("finance").get("/settlements/tax-rules/").status_code == 200
    # The partnership slice loads after settlements (PTN-1..PTN-5): the gain share is a line of a demo settlement.
    from tests.partnership.demo_checks import assert_partnership_demo

    assert_partnership_demo(client_for)
    # the manager's dashboard tells the demo's story from the same lists: the year of the demo's payment shows
    # its paid spend, the workers on site and the live risks, each the total of the list it links to.
    from django.db.models import Sum

    from outsourcing.settlements.models import Payment
    from outsourcing.workforce.models import Worker, WorkerStatus

    year = paid.payment.paid_on.year
    board = client_for("manager").get(f"/dashboard/?period={year}").context["figures"]
    assert board["spend"]["actual"] == Payment.objects.filter(paid_on__year=year).aggregate(t=Sum("amount"))["t"] > 0
    assert board["headcount"]["on_site"] == Worker.objects.filter(status=WorkerStatus.ON_SITE).count() > 0
    assert board["risks"]["open"] > 0 and board["vendors"]["total"] > 0
    # SET-6: the hotline project's hidden costs count in its actual spend; the budget section shows on its page.
    from outsourcing.settlements import budget, construction, construction_checks
    from outsourcing.settlements.models import HiddenCost, LabourCostTransfer, ProjectEvidence

    hotline = HiddenCost.objects.select_related("project__demand").first().project
    assert budget.figures(hotline).hidden == sum(c.amount for c in HiddenCost.objects.filter(project=hotline))
    assert 'id="budget"' in client_for("requester").get(hotline.get_absolute_url()).content.decode()
    # CST-2, CST-3: the construction project as owner, its terms complete, exactly one transfer late (alerted), the
    # earlier ones transferred with their bank slip; wage account, deposit and board kept, the injury insurance not.
    from outsourcing.core.timeutil import today

    transfers = list(LabourCostTransfer.objects.select_related("contract__project").order_by("month"))
    project = transfers[0].contract.project
    assert project.company_role == "owner" and construction.terms_blockers(transfers[0].contract) == []
    late = [t for t in transfers if t.paid_on is None and t.due_on < today()]
    assert len(late) == 1 and all(construction.has_slip(t) for t in transfers if t.paid_on)
    assert {f.key for f in construction_checks.transfers_late(today())} == {f"transfer:{late[0].pk}"}
    assert {e.kind for e in ProjectEvidence.objects.filter(project=project)} == {"wage_account", "guarantee_deposit",
                                                                                 "rights_board"}  # fmt: skip
    [gap] = [f for f in construction_checks.evidence_gaps(today()) if f.project_id == project.pk]
    assert "工伤保险" in gap.evidence and "工资专用账户" not in gap.evidence
    assert client_for("logistics").get(f"/settlements/construction/{project.pk}/").status_code == 200
