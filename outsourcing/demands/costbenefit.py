"""The demand's cost–benefit (成本效益分析, DEM-5; P1§4(三), P3§5-1): the expected outsourced cost (the budget
lines) against an in-house estimate of the same work (staff, management, equipment), with the risk reserve.

The difference is in-house minus outsourced: above zero, outsourcing is the cheaper way; after the reserve
(in-house minus the whole budget) it says whether it stays cheaper if the reserve is spent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from outsourcing.core.money import to_money

ESTIMATE_FIELDS = ("inhouse_staff_cost", "inhouse_management_cost", "inhouse_equipment_cost")


@dataclass(frozen=True)
class CostBenefit:
    outsourced: Decimal  # the budget lines: what the vendor is expected to cost
    reserve: Decimal  # the risk reserve on top of it (风险准备金)
    budget_total: Decimal
    inhouse_staff: Decimal
    inhouse_management: Decimal
    inhouse_equipment: Decimal
    inhouse_total: Decimal
    difference: Decimal  # in-house minus outsourced: > 0 saves by outsourcing
    difference_after_reserve: Decimal  # in-house minus the whole budget, reserve included

    @property
    def outsourcing_cheaper(self) -> bool:
        return self.difference > 0

    @property
    def cheaper_even_with_reserve(self) -> bool:
        return self.difference_after_reserve > 0

    @property
    def saving_percent(self) -> Decimal | None:
        if not self.inhouse_total:
            return None
        return (self.difference * 100 / self.inhouse_total).quantize(Decimal("0.1"))


def has_estimate(demand) -> bool:
    return all(getattr(demand, name) is not None for name in ESTIMATE_FIELDS)


def cost_benefit(demand) -> CostBenefit | None:
    if not has_estimate(demand):
        return None
    reserve = to_money(demand.risk_reserve or 0)
    total = to_money(demand.budget_total or 0)
    outsourced = to_money(total - reserve)
    staff, management, equipment = (to_money(getattr(demand, name)) for name in ESTIMATE_FIELDS)
    inhouse = to_money(staff + management + equipment)
    return CostBenefit(
        outsourced=outsourced,
        reserve=reserve,
        budget_total=total,
        inhouse_staff=staff,
        inhouse_management=management,
        inhouse_equipment=equipment,
        inhouse_total=inhouse,
        difference=to_money(inhouse - outsourced),
        difference_after_reserve=to_money(inhouse - total),
    )
