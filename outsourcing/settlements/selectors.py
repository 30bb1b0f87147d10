"""Reads of settlement, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from outsourcing.operations.selectors import scoped
from outsourcing.settlements.models import AcceptanceLine, Settlement, SettlementStatus, TaxRule


def settlements_for(user, *, status: str = "", contract_id: int | None = None, search: str = "",
                    paid_from: dt.date | None = None, paid_until: dt.date | None = None) -> QuerySet:  # fmt: skip
    found = scoped(user, Settlement.objects.all())
    if status in SettlementStatus.values:
        found = found.filter(status=status)
    if paid_from:
        found = found.filter(payment__paid_on__gte=paid_from)
    if paid_until:
        found = found.filter(payment__paid_on__lte=paid_until)
    if contract_id:
        found = found.filter(contract_id=contract_id)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(contract__number__icontains=search)
                             | Q(contract__vendor__name__icontains=search))  # fmt: skip
    return (found.select_related("contract__vendor", "contract__project__department", "payment",
                                 "evaluation__sla__incentive_table")
            .prefetch_related("acceptance_lines", "adjustments").order_by("-period_start", "-id"))  # fmt: skip


def settlement_for(user, pk: int) -> Settlement:
    return (scoped(user, Settlement.objects.all())
            .select_related("contract__vendor", "contract__project__department", "evaluation__sla__incentive_table",
                            "accepted_by", "payment")
            .prefetch_related(Prefetch("acceptance_lines", queryset=AcceptanceLine.objects.select_related("milestone")),
                              "adjustments", "invoices")
            .get(pk=pk))  # fmt: skip


def tax_rules() -> QuerySet:
    return TaxRule.objects.all().order_by("tax_item", "method", "-valid_from")


def contract_history(contract) -> list[Settlement]:
    """The contract's settlements for its page, its renewal decision and the vendor's page."""
    return list(Settlement.objects.filter(contract=contract).select_related("payment")
                .prefetch_related("acceptance_lines", "adjustments").order_by("period_start"))  # fmt: skip


def amounts_of(found: QuerySet) -> dict[str, Decimal]:
    """The list's totals (X-7): paid (the payments) and approved (the approved amounts), one query; the
    dashboard's spend is this total of the same list."""
    totals = found.order_by().aggregate(paid=Sum("payment__amount"), approved=Sum("approved_amount"))
    return {key: value or Decimal("0") for key, value in totals.items()}
