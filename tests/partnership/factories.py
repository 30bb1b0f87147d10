"""Partnership builders: contracts in force from tests/workforce, proposals submitted by vendor1 in the portal,
answered and adopted by the project's owner (requester), savings measured by the owner and confirmed by finance."""

from __future__ import annotations

import datetime as dt

from outsourcing.audit.actor import perform
from outsourcing.core.timeutil import today
from outsourcing.partnership import proposals
from outsourcing.partnership.models import Proposal
from tests.settlements.factories import accepted, contract_in_force, last_month, opened, user

__all__ = ["contract_in_force", "user", "submitted", "adopted", "measured", "opened", "accepted", "last_month"]


def submitted(contract=None, **overrides) -> Proposal:
    contract = contract or contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    values = {"contract": contract, "kind": "cost", "title": "来电分流减少人工坐席",
              "problem": "夜间来电少，坐席空闲", "proposal": "夜间启用语音导航分流",
              "baseline": "夜班6个坐席，月成本60,000元", "baseline_amount": "60000.00",
              "expected_benefit": "10000.00"}  # fmt: skip
    values.update(overrides)
    return perform("vendor1", proposals.submit_proposal, data=proposals.ProposalData(**values))


def adopted(proposal: Proposal | None = None, *, percent="20", months=12, cap=None, day: dt.date | None = None):
    proposal = proposal or submitted()
    if proposal.status == "submitted":
        proposal = perform("requester", proposals.advance_proposal, proposal=proposal, to="screened", note="可行")
    return perform("requester", proposals.adopt_proposal, proposal=proposal, adopted_on=day or today(),
                   share_percent=percent, share_months=months, share_cap=cap)  # fmt: skip


def measured(proposal: Proposal, month: dt.date | None = None, baseline="60000.00", actual="50000.00"):
    return perform("requester", proposals.record_benefit, proposal=proposal, month=month or today(),
                   baseline_amount=baseline, actual_amount=actual, method="按月坐席排班表与工资单核算")  # fmt: skip


def victims(contract, mark: str) -> list:
    """vendor1's partnership records on `contract` (the generated sweep's victims): an adopted proposal with a
    measured saving, marked in its title."""
    proposal = adopted(submitted(contract, title=f"{mark}夜间来电分流"))
    benefit = measured(proposal)
    return [proposal, benefit]


__all__ += ["victims", "accepted", "opened"]


def evaluated_partner(answered: int = 990):
    """vendor1's company admitted to the pool, a contract in force and last month's evaluation confirmed by the
    vendor (990 of 1,000 calls answered: total 100)."""
    from outsourcing.performance import evaluations
    from outsourcing.performance.models import Kpi
    from outsourcing.vendors import services as vendor_services
    from tests.performance.factories import figure, kpi, published, sla
    from tests.vendors.factories import admitted_vendor

    vendor = admitted_vendor(name="汇智客服（伙伴测试）")
    vendor_services.link_account(user=user("vendor1"), vendor=vendor)
    contract = contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    answer = Kpi.objects.filter(code="T-ANSWER").first() or kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    figure(contract, answer, last_month(), answered=answered, offered=1000)
    evaluation = perform("vendor1", evaluations.answer, evaluation=published(contract, last_month()), disputes={})
    vendor.refresh_from_db()
    return vendor, contract, evaluation
