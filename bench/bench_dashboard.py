"""Benchmark the management dashboard at the reference scale (issue #19, Scale; X-7).

    python bench/bench_dashboard.py                       # SQLite in a temporary directory
    DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_dashboard.py

Loads the demo company, then generates 2,000 vendors, 1,000 signed contracts across them, 100,000 workers on
those contracts (some joined and some left this year), twelve paid monthly settlements and twelve confirmed
evaluations per contract. Times the management dashboard's figures (`dashboard.figures.figures_for`, the same
selectors the lists use) for this year against hand-written SQL reading the same figures, and the page itself.
Goal: ≤ 4× the hand-written SQL, a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from decimal import Decimal

import benchkit  # sets up Django: import it before models
from django.db import connection, transaction

from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance.models import Evaluation, EvaluationStatus, SlaVersion
from outsourcing.settlements.models import Payment, Settlement, SettlementStatus
from outsourcing.vendors.models import Vendor, VendorStatus
from outsourcing.workforce.models import Worker, WorkerStatus

VENDORS, CONTRACTS, WORKERS, MONTHS = 2_000, 1_000, 100_000, 12


def generate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    model = Contract.objects.get(title="客服中心热线外包服务合同")
    worker = Worker.objects.filter(contract=model).first() or Worker.objects.first()
    day = today()
    start = day.replace(month=1, day=1) - dt.timedelta(days=400)
    statuses = [VendorStatus.QUALIFIED] * 6 + [VendorStatus.STRATEGIC, VendorStatus.SUSPENDED, VendorStatus.PROSPECT]
    vendor_fields = {f.attname: getattr(model.vendor, f.attname) for f in Vendor._meta.concrete_fields
                     if f.attname not in ("id", "number", "credit_code", "name", "status")}  # fmt: skip
    contract_fields = {f.attname: getattr(model, f.attname) for f in Contract._meta.concrete_fields
                       if f.attname not in ("id", "number", "award_id", "vendor_id")}  # fmt: skip
    worker_fields = {f.attname: getattr(worker, f.attname) for f in Worker._meta.concrete_fields
                     if f.attname not in ("id", "badge_number", "vendor_id", "contract_id", "project_id", "status",
                                          "entered_on", "exited_on", "id_hash")}  # fmt: skip
    with transaction.atomic():
        vendors = Vendor.objects.bulk_create(
            Vendor(**vendor_fields, number=f"VB-{i:05d}", credit_code=f"91B{i:015d}", name=f"基准外包商{i}",
                   status=statuses[i % len(statuses)])
            for i in range(VENDORS)
        )  # fmt: skip
        contracts = Contract.objects.bulk_create(
            Contract(**{**contract_fields, "number": f"CB-{i:05d}", "title": f"基准合同{i}", "vendor_id": vendors[i].pk,
                        "start_date": start, "end_date": start + dt.timedelta(days=900),
                        "status": ContractStatus.ACTIVE, "amount": Decimal("1200000.00")})
            for i in range(CONTRACTS)
        )  # fmt: skip
        per = WORKERS // CONTRACTS
        for chunk in range(0, CONTRACTS, 100):
            Worker.objects.bulk_create(
                Worker(**worker_fields, badge_number=f"WB{c.pk:05d}{n:03d}", id_hash=f"bench-{c.pk}-{n}",
                       vendor_id=c.vendor_id, contract_id=c.pk,
                       project_id=c.project_id,
                       status=WorkerStatus.EXITED if n % 10 == 0 else WorkerStatus.ON_SITE,
                       entered_on=start + dt.timedelta(days=n * 4),
                       exited_on=day - dt.timedelta(days=n) if n % 10 == 0 else None)
                for c in contracts[chunk:chunk + 100] for n in range(per)
            )  # fmt: skip
        firsts = [(day.replace(day=1) - dt.timedelta(days=31 * k)).replace(day=1) for k in range(1, MONTHS + 1)]
        settlements = Settlement.objects.bulk_create(
            Settlement(number=f"SB-{c.pk:05d}-{k:02d}", contract=c, period_start=m,
                       period_end=(m + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1),
                       status=SettlementStatus.PAID, approved_amount=Decimal("30000.00"))
            for c in contracts for k, m in enumerate(firsts)
        )  # fmt: skip
        Payment.objects.bulk_create(
            Payment(settlement=s, paid_on=min(s.period_end + dt.timedelta(days=10), day), amount=s.approved_amount,
                    bank_reference=f"B-{s.pk}")
            for s in settlements
        )  # fmt: skip
        slas = SlaVersion.objects.bulk_create(
            SlaVersion(contract=c, version=1, valid_from=start, reason="基准", grades=[], status="approved")
            for c in contracts
        )  # fmt: skip
        Evaluation.objects.bulk_create(
            Evaluation(number=f"EB-{s.contract_id:05d}-{k:02d}", contract_id=s.contract_id, sla=s, period="monthly",
                       period_start=m, period_end=(m + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1),
                       total=Decimal(55 + (s.contract_id + k) % 45), grade="ABCD"[(s.contract_id + k) % 4],
                       status=EvaluationStatus.CONFIRMED)
            for s in slas for k, m in enumerate(firsts)
        )  # fmt: skip


def table(model) -> str:
    return model._meta.db_table


def hand_written(start: dt.date, end: dt.date) -> dict:
    """The same figures in plain SQL, company-wide (management's scope)."""
    from outsourcing.compliance.models import Risk
    from outsourcing.compliance.models_incidents import Incident
    from outsourcing.demands.models import Project
    from outsourcing.org.models import Department

    s, p, c = table(Settlement), table(Payment), table(Contract)
    w, v, pr, d, e = table(Worker), table(Vendor), table(Project), table(Department), table(Evaluation)
    found = {}
    with connection.cursor() as cur:
        paid = (f"FROM {s} JOIN {p} ON {p}.settlement_id = {s}.id JOIN {c} ON {c}.id = {s}.contract_id "
                f"WHERE {s}.status = 'paid' AND {p}.paid_on BETWEEN %s AND %s")  # fmt: skip
        cur.execute(f"SELECT SUM({p}.amount) {paid}", [start, end])
        found["actual"] = cur.fetchone()[0]
        with_project = paid.replace("WHERE", f"JOIN {pr} ON {pr}.id = {c}.project_id JOIN {d} ON {d}.id = "
                                    f"{pr}.department_id JOIN {v} ON {v}.id = {c}.vendor_id WHERE")  # fmt: skip
        for key, group in (("dept", f"{d}.id, {d}.name"), ("vendor", f"{v}.id, {v}.name")):
            cur.execute(f"SELECT {group}, SUM({p}.amount) {with_project} GROUP BY {group}", [start, end])
            found[key] = cur.fetchall()
        cur.execute(f"SELECT {p}.paid_on, SUM({p}.amount) {paid} GROUP BY {p}.paid_on", [start, end])
        found["month"] = cur.fetchall()
        cur.execute(f"SELECT SUM(approved_amount) FROM {s} WHERE status = 'approved'")
        found["approved"] = cur.fetchone()[0]
        live = f"{c}.status IN ('active', 'exiting', 'suspended')"
        cur.execute(f"SELECT SUM(amount) FROM {c} WHERE {live}")
        found["value"] = cur.fetchone()[0]
        cur.execute(f"SELECT SUM({p}.amount) FROM {p} JOIN {s} ON {s}.id = {p}.settlement_id "
                    f"JOIN {c} ON {c}.id = {s}.contract_id WHERE {live}")  # fmt: skip
        found["paid_live"] = cur.fetchone()[0]
        cur.execute(f"SELECT SUM(budget) FROM {pr} WHERE id IN (SELECT project_id FROM {c} WHERE {live})")
        found["budget"] = cur.fetchone()[0]
        cur.execute(f"SELECT COUNT(*) FROM {w} WHERE status = 'on_site'")
        found["on_site"] = cur.fetchone()[0]
        for key, other, group in (("w_vendor", v, "vendor_id"), ("w_project", pr, "project_id")):
            cur.execute(f"SELECT {other}.id, {other}.name, COUNT(*) FROM {w} JOIN {other} ON {other}.id = {w}.{group} "
                        f"WHERE {w}.status = 'on_site' GROUP BY {other}.id, {other}.name")  # fmt: skip
            found[key] = cur.fetchall()
        cur.execute(f"SELECT {d}.id, {d}.name, COUNT(*) FROM {w} JOIN {pr} ON {pr}.id = {w}.project_id JOIN {d} ON "
                    f"{d}.id = {pr}.department_id WHERE {w}.status = 'on_site' GROUP BY {d}.id, {d}.name")  # fmt: skip
        found["w_dept"] = cur.fetchall()
        cur.execute(f"SELECT SUM(CASE WHEN entered_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
                    f"SUM(CASE WHEN exited_on BETWEEN %s AND %s THEN 1 ELSE 0 END) FROM {w}",
                    [start, end] * 2)  # fmt: skip
        found["moves"] = cur.fetchone()
        cur.execute(f"SELECT status, COUNT(*) FROM {v} GROUP BY status")
        found["vendors"] = cur.fetchall()
        final = f"FROM {e} WHERE status IN ('confirmed', 'resolved') AND period_start BETWEEN %s AND %s"
        cur.execute(f"SELECT grade, COUNT(*) {final} GROUP BY grade", [start, end])
        found["grades"] = cur.fetchall()
        cur.execute(f"SELECT id, total {final} AND total IS NOT NULL ORDER BY total LIMIT 5", [start, end])
        found["worst"] = cur.fetchall()
        cur.execute(f"SELECT COUNT(*) FROM {e} WHERE status = 'disputed'")
        found["disputes"] = cur.fetchone()[0]
        cur.execute(f"SELECT status, likelihood, impact FROM {table(Risk)} WHERE status IN ('open', 'treating', "
                    f"'accepted')")  # fmt: skip
        found["risks"] = cur.fetchall()
        cur.execute(f"SELECT kind, COUNT(*) FROM {table(Incident)} WHERE occurred_on BETWEEN %s AND %s GROUP BY kind",
                    [start, end])  # fmt: skip
        found["incidents"] = cur.fetchall()
    return found


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, result = None, None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main() -> None:
    generate()
    from django.conf import settings
    from django.test import Client

    from outsourcing.dashboard import figures

    manager = User.objects.get(username="manager")
    period = figures.parse_period(str(today().year))
    print(f"-- {Vendor.objects.count():,} vendors, {Contract.objects.count():,} contracts, "
          f"{Worker.objects.count():,} workers, {Payment.objects.count():,} payments, "
          f"{Evaluation.objects.count():,} evaluations; period {period.key}")  # fmt: skip
    sql_time, sql = best_of(lambda: hand_written(period.start, period.end))
    ours_time, ours = best_of(lambda: figures.figures_for(manager, period))
    assert ours["spend"]["actual"] == sql["actual"], (ours["spend"]["actual"], sql["actual"])
    assert ours["headcount"]["on_site"] == sql["on_site"]
    print(f"hand-written SQL (same figures)                            {sql_time * 1000:9.1f} ms")
    benchkit.timed("dashboard figures (the lists' selectors)", lambda: figures.figures_for(manager, period))
    print(f"   best of three: {ours_time * 1000:.1f} ms = {ours_time / sql_time:.2f}× the hand-written SQL (goal ≤ 4×)")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(manager)
    benchkit.timed("the dashboard page /dashboard/", lambda: client.get("/dashboard/"), repeat=3)
    benchkit.timed("API: /api/dashboard/", lambda: client.get("/api/dashboard/"), repeat=3)


if __name__ == "__main__":
    main()
