"""Benchmark the monthly settlement run for 1,000 contracts (issue #17, Scale).

    python bench/bench_settlements.py                     # SQLite in a temporary directory
    DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_settlements.py

Generates 1,000 signed monthly contracts (fixed fee) with a confirmed evaluation for last month on every second
one, then times `settlements.run.open_period_for_all` for last month (periods opened, acceptance pre-filled,
performance lines from the evaluations) and the settlement list and API at that size. Target: ≤ 30 s on
PostgreSQL, a fixed number of queries per contract.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import benchkit  # sets up Django: import it before models
from django.db import connection, transaction

from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance.models import Evaluation, EvaluationStatus, SlaVersion
from outsourcing.settlements import run
from outsourcing.settlements.models import AdjustmentLine, Settlement

CONTRACTS = 1_000


def generate() -> dt.date:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    model = Contract.objects.get(title="客服中心热线外包服务合同")
    month = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    start = month - dt.timedelta(days=200)
    fields = {f.attname: getattr(model, f.attname) for f in Contract._meta.concrete_fields
              if f.attname not in ("id", "number", "award_id")}  # fmt: skip
    with transaction.atomic():
        made = Contract.objects.bulk_create(
            Contract(**{**fields, "number": f"CB-{i:05d}", "title": f"基准合同{i}", "start_date": start,
                        "end_date": start + dt.timedelta(days=720), "status": ContractStatus.ACTIVE,
                        "period_fee": Decimal("30000.00")})
            for i in range(CONTRACTS)
        )  # fmt: skip
        slas = SlaVersion.objects.bulk_create(
            SlaVersion(contract=c, version=1, valid_from=start, reason="基准", grades=[], status="approved")
            for c in made[::2]
        )  # fmt: skip
        Evaluation.objects.bulk_create(
            Evaluation(number=f"EB-{i:05d}", contract_id=s.contract_id, sla=s, period="monthly", period_start=month,
                       period_end=(month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1),
                       total=Decimal(60 + i % 40), grade="B", status=EvaluationStatus.CONFIRMED)
            for i, s in enumerate(slas)
        )  # fmt: skip
    return month


def main() -> None:
    month = generate()
    finance = User.objects.get(username="finance")
    live = Contract.objects.filter(status__in=("active", "exiting", "suspended")).count()
    print(f"-- {live:,} signed contracts, {Evaluation.objects.filter(period_start=month).count():,} evaluations")
    count = [0]

    def counting(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        opened = benchkit.timed(f"monthly run for {month:%Y-%m}",
                                lambda: run.open_period_for_all(day=month, actor=finance))  # fmt: skip
    print(f"   {count[0]:,} queries in all: {count[0] / max(len(opened), 1):.1f} per contract opened")
    print(f"   opened {len(opened):,} settlements; "
          f"{AdjustmentLine.objects.filter(line_type='performance').count():,} performance lines")  # fmt: skip
    # SET-6: the budget figures of every active project and the daily threshold check, a fixed number of queries.
    from outsourcing.demands.models import Project, ProjectStatus
    from outsourcing.settlements import budget, reminders

    count[0] = 0
    with connection.execute_wrapper(counting):
        projects = Project.objects.filter(status=ProjectStatus.ACTIVE).select_related("demand")
        found = benchkit.timed("budget figures of every active project", lambda: budget.figures_for(projects))
    print(f"   {len(found):,} projects, {count[0]:,} queries")
    benchkit.timed("daily budget-threshold check", lambda: reminders.budget_threshold(month))
    again = benchkit.timed("the same run again (nothing to open)", lambda: run.open_period_for_all(day=month))
    assert again == [] and Settlement.objects.filter(period_start__gte=month).count() >= len(opened)
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(finance)
    benchkit.timed("finance: settlement list (page of 30)", lambda: client.get("/settlements/"), repeat=3)
    benchkit.timed("API: /api/settlements/ (page)", lambda: client.get("/api/settlements/"), repeat=3)


if __name__ == "__main__":
    main()
