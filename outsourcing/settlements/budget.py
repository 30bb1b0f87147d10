"""Budget control (SET-6, 成本失控 P3§5-1): a project's actual and committed spend against its approved budget and
the demand's risk reserve, and the hidden costs recorded against it.

- actual: what was paid on the project's settlements, plus the hidden costs (management time, equipment);
- committed: settlements approved and not yet paid, plus what remains of each signed contract's amount beyond what
  its settlements approved (paid or not);
- used = actual + committed, as a percent of the budget; the alert thresholds are settings
  (SETTLEMENT_BUDGET_ALERT_PERCENTS, default 80 and 100) and the reserve is what the project may draw on above
  the budget.

`figures_for(projects)` answers any number of projects in four queries (the daily check and the compliance
indicator run it over every active project)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.text import required_text
from outsourcing.demands.models import Project
from outsourcing.org.models import User
from outsourcing.settlements.amounts import ZERO, money_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import HiddenCost, HiddenCostKind, Payment, Settlement, SettlementStatus

# Contracts whose unsettled remainder is committed: approved to be signed, in force, suspended, exiting.
COMMITTING_STATUSES = (ContractStatus.APPROVED, ContractStatus.ACTIVE, ContractStatus.SUSPENDED,
                       ContractStatus.EXITING)  # fmt: skip
SETTLED_STATUSES = (SettlementStatus.APPROVED, SettlementStatus.PAID)


def thresholds() -> list[int]:
    """The alert thresholds in percent of the budget, lowest first (settings.SETTLEMENT_BUDGET_ALERT_PERCENTS)."""
    return sorted(int(p) for p in getattr(settings, "SETTLEMENT_BUDGET_ALERT_PERCENTS", (80, 100)))


@dataclass(frozen=True)
class BudgetFigures:
    project_id: int
    budget: Decimal
    reserve: Decimal
    paid: Decimal = ZERO
    hidden: Decimal = ZERO
    approved_unpaid: Decimal = ZERO
    remaining_contracts: Decimal = ZERO

    @property
    def actual(self) -> Decimal:
        return self.paid + self.hidden

    @property
    def committed(self) -> Decimal:
        return self.approved_unpaid + self.remaining_contracts

    @property
    def used(self) -> Decimal:
        return self.actual + self.committed

    @property
    def percent(self) -> Decimal | None:
        if self.budget <= 0:
            return None
        return (self.used * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    @property
    def reserve_drawn(self) -> Decimal:
        return min(max(self.used - self.budget, ZERO), self.reserve)

    @property
    def beyond_reserve(self) -> Decimal:
        return max(self.used - self.budget - self.reserve, ZERO)

    @property
    def threshold(self) -> int | None:
        """The highest alert threshold reached, or None."""
        if self.budget <= 0:
            return None
        reached = [t for t in thresholds() if self.used * 100 >= self.budget * t]  # exact, not the rounded percent
        return reached[-1] if reached else None


def _by_project(rows) -> dict[int, Decimal]:
    return {project_id: to_money(total or 0) for project_id, total in rows}


def figures_for(projects) -> dict[int, BudgetFigures]:
    """Budget figures by project id, four queries whatever the number of projects (projects carry `demand`)."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    paid = _by_project(Payment.objects.filter(settlement__contract__project_id__in=ids)
                       .values_list("settlement__contract__project_id").annotate(total=Sum("amount")))  # fmt: skip
    approved = _by_project(Settlement.objects.filter(contract__project_id__in=ids, status=SettlementStatus.APPROVED)
                           .values_list("contract__project_id").annotate(total=Sum("approved_amount")))  # fmt: skip
    hidden = _by_project(HiddenCost.objects.filter(project_id__in=ids).values_list("project_id")
                         .annotate(total=Sum("amount")))  # fmt: skip
    remaining: dict[int, Decimal] = {}
    contracts = (Contract.objects.filter(project_id__in=ids, status__in=COMMITTING_STATUSES)
                 .annotate(settled=Coalesce(Sum("settlements__approved_amount",
                                                filter=Q(settlements__status__in=SETTLED_STATUSES)), Decimal("0")))
                 .values_list("project_id", "amount", "settled"))  # fmt: skip
    for project_id, amount, settled in contracts:
        remaining[project_id] = remaining.get(project_id, ZERO) + max(to_money(amount - settled), ZERO)
    return {
        p.pk: BudgetFigures(project_id=p.pk, budget=to_money(p.budget), reserve=to_money(p.demand.risk_reserve),
                            paid=paid.get(p.pk, ZERO), hidden=hidden.get(p.pk, ZERO),
                            approved_unpaid=approved.get(p.pk, ZERO), remaining_contracts=remaining.get(p.pk, ZERO))
        for p in projects
    }  # fmt: skip


def figures(project: Project) -> BudgetFigures:
    return figures_for([project])[project.pk]


@transaction.atomic
def record_hidden_cost(*, actor: User, project: Project, kind: str, description: str, incurred_on: dt.date,
                       amount) -> HiddenCost:  # fmt: skip
    """The project's department or finance records a hidden cost (SET-6)."""
    if not actor.has_perm("settlements.record_hidden_cost", project):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or finance records its costs."),
                            status=403)  # fmt: skip
    if kind not in HiddenCostKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of cost."), field="kind")
    description = required_text(description, field="description", message=_("Say what the cost is."),
                                code=ErrorCode.REQUIRED, max_length=200)  # fmt: skip
    if not incurred_on:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say when the cost was incurred."), field="incurred_on")
    amount = money_input(amount, "amount", label=_("amount"))
    if amount <= 0:
        raise RuleViolation(ErrorCode.BAD_MONEY, _("A cost is more than zero."), field="amount")
    cost = HiddenCost(project=project, kind=kind, description=description, incurred_on=incurred_on, amount=amount)
    cost.stamp(actor)
    cost.save()
    return cost
