"""The monthly settlement run: for every signed contract, the period containing the day is opened once with its
acceptance pre-filled from the contract's price lines and its performance line from the period's final evaluation.
Contracts already settled for that period are skipped; the contracts are locked in one query, so a run and a
person opening the same period queue (the unique constraint stays the last line)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Prefetch

from outsourcing.contracts.models import Contract, Milestone
from outsourcing.org.models import User
from outsourcing.settlements.adjustments import apply_performance
from outsourcing.settlements.models import Settlement
from outsourcing.settlements.opening import SETTLED_CONTRACT_STATUSES, create_settlement
from outsourcing.settlements.periods import period_containing


@transaction.atomic
def open_period_for_all(*, day: dt.date, actor: User | None = None) -> list[Settlement]:
    contracts = list(
        Contract.objects.select_for_update(of=("self",))
        .filter(status__in=SETTLED_CONTRACT_STATUSES, start_date__lte=day, end_date__gte=day)
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "id")))
        .order_by("pk")
    )
    spans = {c.pk: period_containing(c, day, list(c.milestones.all())) for c in contracts}
    starts = {c.pk: spans[c.pk].start for c in contracts if spans[c.pk]}
    taken = set(Settlement.objects.filter(contract_id__in=starts, period_start__in=set(starts.values()))
                .values_list("contract_id", "period_start"))  # fmt: skip
    opened = []
    for contract in contracts:
        span = spans[contract.pk]
        if span is None or (contract.pk, span.start) in taken:
            continue
        settlement = create_settlement(contract, span, actor, list(contract.milestones.all()))
        apply_performance(settlement, actor=actor)
        opened.append(settlement)
    return opened
