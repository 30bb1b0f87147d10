"""Performance management's daily risk indicator (RSK-2): a live contract whose latest final evaluations failed
PERFORMANCE_PIP_AFTER times in a row (PRF-7). One query reads the final results of live contracts, newest first;
the run is counted from that one list. Registered in the performance app's AppConfig."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import LIVE_STATUSES
from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.performance.models import FINAL_STATUSES, Evaluation


def consecutive_poor(day: dt.date) -> list[Finding]:
    rows = (Evaluation.objects.filter(status__in=FINAL_STATUSES, contract__status__in=LIVE_STATUSES,
                                      period_end__lte=day)
            .order_by("contract_id", "-period_start", "-id")
            .values("pk", "number", "passed", "contract_id", "contract__number", "contract__title",
                    "contract__vendor_id", "contract__project_id"))  # fmt: skip
    runs: dict[int, list[dict]] = {}
    broken: set[int] = set()
    for row in rows:
        contract = row["contract_id"]
        if contract in broken:
            continue
        if row["passed"] is False:
            runs.setdefault(contract, []).append(row)
        else:
            broken.add(contract)
    needed = settings.PERFORMANCE_PIP_AFTER
    return [
        Finding(key=f"contract:{contract}", subject=f"{run[0]['contract__number']} {run[0]['contract__title']}",
                evidence=_("%(n)s evaluations below standard in a row: %(numbers)s")
                % {"n": len(run), "numbers": "、".join(r["number"] for r in run)},
                url=reverse("performance:evaluation_detail", args=[run[0]["pk"]]),
                fix_url=reverse("performance:improvement_list"), vendor_id=run[0]["contract__vendor_id"],
                contract_id=contract, project_id=run[0]["contract__project_id"])
        for contract, run in runs.items() if len(run) >= needed
    ]  # fmt: skip


def register() -> None:
    register_indicator("consecutive_poor_performance", gettext_lazy("Consecutive poor performance"), "performance",
                       consecutive_poor,
                       description=gettext_lazy("A contract's latest final evaluations were below standard in a "
                                                "row (PRF-7)."))  # fmt: skip
