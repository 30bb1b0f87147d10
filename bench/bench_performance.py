"""Benchmark performance management at the issue's scale (PRF-4, PRF-6; #16 "Scale").

    createdb -h 127.0.0.1 -U postgres bench_performance
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_performance SECRET_KEY=bench \
        python bench/bench_performance.py

Loads the demo company, adds 20 KPIs and 1,000 contracts in force for two years, each with an approved SLA of
the 20 KPIs, then about 5 million KPI values (1,000 contracts × 20 KPIs × 24 months × 10 values) written by one
set-based `INSERT … SELECT generate_series` per 100 contracts. Then times what people open: the contract's
dashboard (12 months, every KPI), one evaluation computed from a month's data, and the vendor's scorecard over
its 20 contracts — each as the selector and as the page — with their query counts. Target: each under 300 ms.
PostgreSQL only (the volume is the point): give it a new database; run again on the same one, it only times.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from decimal import Decimal

import benchkit  # sets up Django: import it before models
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from outsourcing.approvals.states import ApprovalState
from outsourcing.audit.actor import perform
from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance import evaluations, library, scorecards, selectors
from outsourcing.performance.bands import DEFAULT_GRADES
from outsourcing.performance.models import Kpi, KpiValue, SlaItem, SlaVersion
from outsourcing.vendors.models import Vendor


def timed(label: str, fn):
    """benchkit.timed over 5 runs after one warm-up run (the first page of a process loads its templates and URLs)."""
    fn()
    return benchkit.timed(label, fn, repeat=5, width=62)
CONTRACTS, KPIS, MONTHS, EVERY = 1_000, 20, 24, 3  # a value every third day: about 10 a month
SCORED_VENDOR_CONTRACTS = 20
BANDS = [{"from": "0", "to": "85", "rating": "red", "score": "0"},
         {"from": "85", "to": "95", "rating": "amber", "score": "70"},
         {"from": "95", "to": "100", "rating": "green", "score": "100"}]  # fmt: skip

VALUES_SQL = """
INSERT INTO performance_kpivalue (created_at, updated_at, created_by_id, updated_by_id, contract_id, kpi_id,
                                  measured_on, period_start, inputs, value, source, note, replaced_by_id)
SELECT now(), now(), %(user)s, %(user)s, c.id, k.id, d.day, date_trunc('month', d.day)::date, '{}'::jsonb,
       80 + ((c.id * 7 + k.id * 3 + g) %% 21), 'import', '', NULL
FROM unnest(%(contracts)s::bigint[]) AS c(id)
CROSS JOIN unnest(%(kpis)s::bigint[]) AS k(id)
CROSS JOIN generate_series(0, %(steps)s) AS g
CROSS JOIN LATERAL (SELECT (%(start)s::date + g * %(every)s) AS day) AS d
WHERE d.day < %(today)s
"""


def kpis(hr: User) -> list[Kpi]:
    found = []
    for n in range(1, KPIS + 1):
        data = library.KpiData(code=f"BENCH-{n:02d}", name=f"基准指标{n:02d}", category="customer_service", unit="%",
                               direction="higher", target=Decimal(95), thresholds=BANDS, data_source="company",
                               inputs=["value"], formula="value", aggregation="avg", collection_owner="质检",
                               period="monthly", definition="基准测试指标", relevance="服务质量",
                               achievability="历史水平")  # fmt: skip
        found.append(perform(hr, library.save_kpi, data=data))
    return found


def contracts(model: Contract, start: dt.date, vendors: list[Vendor]) -> list[Contract]:
    """Copies of a demo contract in force from `start` for three years: the first 20 with the model's vendor."""
    copies = []
    for n in range(CONTRACTS):
        contract = copy.copy(model)
        contract.pk = contract.id = None
        contract._state = copy.copy(model._state)
        contract._state.adding = True
        contract.number = f"BENCH-{n:05d}"
        contract.award_id = contract.renews_id = None
        contract.status = ContractStatus.ACTIVE
        contract.start_date, contract.signed_on = start, start
        contract.end_date = start + dt.timedelta(days=3 * 365)
        contract.vendor = model.vendor if n < SCORED_VENDOR_CONTRACTS else vendors[n % len(vendors)]
        copies.append(contract)
    return Contract.objects.bulk_create(copies, batch_size=500)


def slas(found: list[Contract], kpis_: list[Kpi], hr: User, start: dt.date) -> None:
    now = timezone.now()
    versions = SlaVersion.objects.bulk_create(
        [SlaVersion(contract=c, version=1, valid_from=start, reason="基准", grades=DEFAULT_GRADES, pass_score=60,
                    status=ApprovalState.APPROVED, approved_at=now, created_by=hr, updated_by=hr) for c in found],
        batch_size=500,
    )  # fmt: skip
    weight = Decimal(100) / len(kpis_)
    SlaItem.objects.bulk_create(
        [SlaItem(sla=v, kpi=k, weight=weight, target=k.target, thresholds=k.thresholds, formula=k.formula,
                 aggregation=k.aggregation) for v in versions for k in kpis_],
        batch_size=2000,
    )  # fmt: skip


def values(found: list[Contract], kpis_: list[Kpi], hr: User, start: dt.date) -> None:
    ids, kpi_ids = [c.pk for c in found], [k.pk for k in kpis_]
    steps = (today() - start).days // EVERY
    began = time.perf_counter()
    for chunk in range(0, len(ids), 100):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(VALUES_SQL, {"user": hr.pk, "contracts": ids[chunk:chunk + 100], "kpis": kpi_ids,
                                        "steps": steps, "start": start, "every": EVERY, "today": today()})  # fmt: skip
        print(f"  values for contracts {chunk + 1:,}–{chunk + 100:,}: {time.perf_counter() - began:6.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE performance_kpivalue")  # the visibility map: index-only scans, as in use


def main() -> None:
    from django.core.management import call_command

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a new PostgreSQL database: the benchmark is about its volume.")
    call_command("migrate", verbosity=0)
    if Contract.objects.filter(number__startswith="BENCH-").exists():  # a second run times the loaded volume again
        print(f"reusing the {KpiValue.objects.count():,} KPI values already loaded")
        measure(list(Contract.objects.filter(number__startswith="BENCH-").order_by("number")[:1]))
        return
    call_command("load_demo", verbosity=0)
    hr = User.objects.get(username="hr")
    model = Contract.objects.get(title="客服中心热线外包服务合同")
    start = (today().replace(day=1) - dt.timedelta(days=MONTHS * 31)).replace(day=1)
    began = time.perf_counter()
    kpis_ = kpis(hr)
    others = list(Vendor.objects.exclude(pk=model.vendor_id).order_by("pk")[:10]) or [model.vendor]
    found = contracts(model, start, others)
    slas(found, kpis_, hr, start)
    print(f"{len(found):,} contracts with an SLA of {len(kpis_)} KPIs: {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    values(found, kpis_, hr, start)
    total = KpiValue.objects.count()
    print(f"{total:,} KPI values in the database ({time.perf_counter() - began:.0f} s to write)")
    measure(found)


def measure(found: list[Contract]) -> None:
    requester = User.objects.get(username="requester")
    contract, day = found[0], today().replace(day=1) - dt.timedelta(days=1)  # last month's last day
    for draft in contract.evaluations.filter(status="draft"):  # an earlier run's
        evaluations.discard_draft(actor=requester, evaluation=draft)
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(requester)
    print(f"-- contract {contract.number}: {KPIS} KPIs × {MONTHS} months; vendor scorecard over "
          f"{Contract.objects.filter(vendor=contract.vendor).count()} contracts")  # fmt: skip
    timed("contract dashboard: selector (12 months × 20 KPIs)", lambda: selectors.dashboard(contract, day=today()))
    timed("contract dashboard: page", lambda: client.get(f"/performance/dashboards/{contract.pk}/"))

    def evaluate_and_discard():
        with transaction.atomic():
            evaluation = evaluations.evaluate(actor=requester, contract=contract, day=day)
            transaction.set_rollback(True)
        return evaluation

    evaluation = timed("one evaluation: computed from a month's data (rolled back)", evaluate_and_discard)
    print(f"  {evaluation.period_label}: total {evaluation.total}, grade {evaluation.grade}")
    kept = evaluations.evaluate(actor=requester, contract=contract, day=day)
    timed("one evaluation: page", lambda: client.get(kept.get_absolute_url()))
    vendor = contract.vendor
    timed("vendor scorecard: selector", lambda: scorecards.vendor_scorecard(requester, vendor, day=today()))
    timed("vendor scorecard: page", lambda: client.get(f"/performance/scorecards/{vendor.pk}/"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('performance_kpivalue'))")
        print(f"performance_kpivalue with its indexes: {cursor.fetchone()[0]}")


if __name__ == "__main__":
    main()
