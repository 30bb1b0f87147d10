"""Daily operations' disguised-dispatch sign (RSK-3): a work instruction sent although the text screen warned that
it directs named workers (the core ScreenSign kept with it), within DISPATCH_SIGN_LOOKBACK_DAYS, on a live
contract. Registered in the operations app's AppConfig; the compliance app scores it per project."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import LIVE_STATUSES
from outsourcing.core.indicators import Finding, register_sign, screen_signs_of
from outsourcing.core.timeutil import SHANGHAI
from outsourcing.operations.models import WorkInstruction


def instruction_to_worker(day: dt.date) -> list[Finding]:
    signs = screen_signs_of(WorkInstruction, day)
    if not signs:
        return []
    instructions = WorkInstruction.objects.filter(pk__in=list(signs), contract__status__in=LIVE_STATUSES)
    instructions = instructions.select_related("contract")
    return [
        Finding(key=f"instruction:{i.pk}", subject=f"{i.number} {i.subject}",
                evidence=_("Sent despite the screen's warning (%(terms)s) on %(day)s")
                % {"terms": "、".join(t for s in signs[i.pk] for t in s.terms),
                   "day": signs[i.pk][0].recorded_at.astimezone(SHANGHAI).date()},
                url=i.get_absolute_url(), fix_url=i.get_absolute_url(), vendor_id=i.contract.vendor_id,
                contract_id=i.contract_id, project_id=i.contract.project_id)
        for i in instructions.order_by("pk")
    ]  # fmt: skip


def register() -> None:
    register_sign("instruction_to_worker", gettext_lazy("Instructions directing named workers"), "operations",
                  instruction_to_worker, weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=20,
                  legal_source="劳务派遣暂行规定 art. 27; policy 四不直接 (P1§10); LEGAL.md §1")  # fmt: skip
