"""The reference-scale benchmark (issue 20): one command builds the reference scale and measures it.

    make bench-scale                                       # DATABASE_URL=postgres://… (PostgreSQL)
    DATABASE_URL=postgres://… SECRET_KEY=… BENCH_SCALE=0.1 python bench/bench_scale.py   # a tenth, to try it

Builds, on the database in DATABASE_URL (empty: its tables are created), the demo company and then the reference
scale: 2,000 vendors, 1,000 contracts (one per vendor of the first half, cloned from the demo's contract in
force), 113,000 workers spread over those contracts (each its own vendor's, encrypted ID and phone, unique ID
hash), 20,000 approval tasks (bench_approvals' generator: 5,000 demands in approval) and 2,000,000 audit rows
(written by the database itself, INSERT … SELECT generate_series, in seconds instead of minutes through the ORM).
BENCH_SCALE multiplies every count (1 = the reference scale).

Then measures, in one run (the export first, so its peak memory is its own): every list page and list
endpoint, the detail pages, the home page of every role (median and p95 of BENCH_REPEAT runs, queries per run,
and the hand-written SQL for the same rows measured in the same run), the roster import (2,000 and 10,000 rows,
and a refused file), the Excel export of all workers (time and peak memory) and the daily job, and prints one
table with PASS or FAIL per target of issue 20:
    pages: queries ≤ 15, p95 ≤ floor (p95 of the lightest authenticated page) + 3 × SQL median;
    import: 10,000 rows ≤ 10 s, per row within 20 % of 2,000 rows; refused ≤ 3 s per 10,000 rows;
    export: ≤ 15 s per 100,000 workers, ≤ 200 MB peak; daily job ≤ 60 s.
The table is also written to bench/results/scale-<time>.txt so two runs can be compared.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import benchkit  # noqa: F401 - sets up Django: import it before models
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core import personal_data
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors.creditcode import with_check_character as credit_code
from outsourcing.vendors.models import Vendor
from outsourcing.workforce import spreadsheets
from outsourcing.workforce.models import Worker, WorkerStatus

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
VENDORS, CONTRACTS, WORKERS, AUDIT_ROWS = (int(n * SCALE) for n in (2_000, 1_000, 113_000, 2_000_000))
RESULTS = Path(__file__).resolve().parent / "results"
ROWS: list[tuple] = []  # (endpoint, rows, median ms, p95 ms, queries, sql ms, verdict)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------
# Building the reference scale


def build() -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="hr").exists():
        import bench_approvals  # its generator loads the demo and adds 5,000 demands in approval (20,000 tasks)

        bench_approvals.DEMANDS = max(1, int(5_000 * SCALE))
        bench_approvals.generate()
    if Vendor.objects.filter(number__startswith="VEN-2098-").exists():
        log("reference scale already built: measuring")
        return
    model_contract = Contract.objects.filter(status=ContractStatus.ACTIVE).order_by("number").first()
    model_vendor = model_contract.vendor
    with transaction.atomic():
        vendors = Vendor.objects.bulk_create(
            [_clone(model_vendor, number=f"VEN-2098-{n:05d}", name=f"规模基准外包服务有限公司{n}",
                    credit_code=credit_code(f"91320000MC{n:07d}")) for n in range(VENDORS)],
            batch_size=1000,
        )  # fmt: skip
        contracts = Contract.objects.bulk_create(
            [_clone(model_contract, number=f"CON-2098-{n:05d}", award_id=None, vendor_id=vendors[n % len(vendors)].pk,
                    title=f"规模基准服务合同{n}") for n in range(CONTRACTS)],
            batch_size=1000,
        )  # fmt: skip
    log(f"vendors {len(vendors):,}, contracts {len(contracts):,}: {time.perf_counter() - started:.0f} s")
    _workers(contracts)
    log(f"workers {WORKERS:,}: {time.perf_counter() - started:.0f} s")
    _audit_rows()
    log(f"audit rows {AUDIT_ROWS:,}: {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def _clone(record, **values):
    """A new row with `record`'s field values but `values`."""
    fields = {f.attname: getattr(record, f.attname) for f in type(record)._meta.concrete_fields if not f.primary_key}
    return type(record)(**{**fields, **values})


def _workers(contracts: list[Contract]) -> None:
    """Workers cloned field by field from one encrypted filing: the pages never decrypt a list, and each has its
    own ID hash (one active filing per person) and badge number."""
    hr = User.objects.get(username="hr")
    cipher, phone = personal_data.encrypt("110101199003071233"), personal_data.encrypt("13800138000")
    statuses = [WorkerStatus.ON_SITE] * 6 + [WorkerStatus.FILED, WorkerStatus.APPROVED, WorkerStatus.EXITED,
                                             WorkerStatus.REJECTED]  # fmt: skip
    day = today()
    batch = []
    for n in range(WORKERS):
        contract = contracts[n % len(contracts)]
        status = statuses[n % len(statuses)]
        batch.append(Worker(
            badge_number=f"WB-2098-{n:06d}", vendor_id=contract.vendor_id, contract=contract,
            project_id=contract.project_id, name=f"基准{n}", id_cipher=cipher,
            id_hash=personal_data.search_hash(f"bench-{n}"), id_masked="1101**********1233", phone_cipher=phone,
            phone_hash=personal_data.search_hash(f"phone-{n}"), phone_masked="138****8000", post="热线坐席",
            planned_start=contract.start_date, planned_end=contract.end_date, lawful_basis="notice_and_consent",
            consent_reference=f"告知同意书 S-{n}", status=status, created_by=hr, updated_by=hr,
            entered_on=contract.start_date if status in (WorkerStatus.ON_SITE, WorkerStatus.EXITED) else None,
            exited_on=min(day, contract.end_date) - dt.timedelta(days=n % 300) if status == WorkerStatus.EXITED
            else None,
        ))  # fmt: skip
        if len(batch) == 5000:
            Worker.objects.bulk_create(batch)
            batch = []
    Worker.objects.bulk_create(batch)


def _audit_rows() -> None:
    """The audit trail at scale, written by the database (PostgreSQL: generate_series; elsewhere in batches)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    worker_type = ContentType.objects.get_for_model(Worker).pk
    first = Worker.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    actor = User.objects.get(username="vendor1").pk
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO {LogEntry._meta.db_table} (content_type_id, object_pk, object_id, object_repr,
                    action, changes_text, changes, actor_id, timestamp, additional_data)
                SELECT %s, (%s + g %% %s)::text, %s + g %% %s, 'WB-2098-' || lpad((g %% %s)::text, 6, '0'),
                    g %% 3, '', jsonb_build_object('status', jsonb_build_array('filed', 'on_site')), %s,
                    now() - make_interval(secs => g), NULL
                FROM generate_series(1, %s) AS g""",
                [worker_type, first, WORKERS, first, WORKERS, WORKERS, actor, AUDIT_ROWS],
            )
        return
    for start in range(0, AUDIT_ROWS, 5000):
        LogEntry.objects.bulk_create(
            LogEntry(content_type_id=worker_type, object_pk=str(first + g % WORKERS), object_id=first + g % WORKERS,
                     object_repr=f"WB-2098-{g % WORKERS:06d}", action=g % 3, changes_text="",
                     changes={"status": ["filed", "on_site"]}, actor_id=actor)
            for g in range(start, min(start + 5000, AUDIT_ROWS))
        )  # fmt: skip


# ---------------------------------------------------------------------------------------------------
# Measuring


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _runs(fn, repeat: int = REPEAT) -> tuple[float, float, int]:
    """(median ms, p95 ms, queries per run) of `fn`, after one warm-up run."""
    fn()
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], queries


def _sql(statement: str) -> float:
    """Median ms of the hand-written SQL for the same rows, fetched whole."""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement)
            cursor.fetchall()

    return _runs(run)[0]


def page(endpoint: str, username: str, path: str, sql: str, rows: int, floor: float) -> None:
    client = _client(username)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    median, p95, queries = _runs(lambda: client.get(path))
    reference = _sql(sql)
    verdict = "PASS" if queries <= 15 and p95 <= floor + 3 * reference else "FAIL"
    ROWS.append((endpoint, rows, median, p95, queries, reference, verdict))
    log(f"{endpoint}: {median:.0f} ms, p95 {p95:.0f} ms, {queries} queries, SQL {reference:.1f} ms {verdict}")


def pages() -> None:
    floor_client = _client("hr")
    _median, floor, queries = _runs(lambda: floor_client.get("/notifications/"))
    ROWS.append(("floor: /notifications/ (lightest page)", 0, _median, floor, queries, 0.0, "-"))
    workers, vendors = Worker.objects.count(), Vendor.objects.count()
    contracts = Contract.objects.count()
    from auditlog.models import LogEntry

    audit = LogEntry.objects.count()
    worker = Worker.objects.filter(badge_number__startswith="WB-2098-").order_by("pk").first()
    vendor, contract = worker.vendor, worker.contract
    w, v, c, a = (Worker._meta.db_table, Vendor._meta.db_table, Contract._meta.db_table, LogEntry._meta.db_table)
    listed = [
        ("/workers/ (HR, page 1)", "hr", "/workers/", f"SELECT * FROM {w} ORDER BY created_at DESC, id DESC LIMIT 30",
         workers),
        ("/workers/?q=基准1 (search)", "hr", "/workers/?q=基准1",
         f"SELECT * FROM {w} WHERE name LIKE '基准1%%' ORDER BY created_at DESC LIMIT 30", workers),
        ("/workers/stability/", "hr", "/workers/stability/", f"SELECT status, count(*) FROM {w} GROUP BY status",
         workers),
        ("/api/workers/", "hr", "/api/workers/", f"SELECT * FROM {w} ORDER BY created_at DESC LIMIT 50", workers),
        ("/vendors/ (HR)", "hr", "/vendors/", f"SELECT * FROM {v} ORDER BY name LIMIT 30", vendors),
        ("/api/vendors/", "hr", "/api/vendors/", f"SELECT * FROM {v} ORDER BY name LIMIT 50", vendors),
        ("/contracts/ (HR)", "hr", "/contracts/", f"SELECT * FROM {c} ORDER BY number DESC LIMIT 30", contracts),
        ("/audit/ (auditor)", "auditor", "/audit/", f"SELECT * FROM {a} ORDER BY timestamp DESC LIMIT 50", audit),
        ("/audit/?q=WB-2098-000001 (record)", "auditor", "/audit/?object_id=WB-2098-000001",
         f"SELECT * FROM {a} WHERE object_repr = 'WB-2098-000001' ORDER BY timestamp DESC LIMIT 50", audit),
        ("/approvals/inbox/ (dept head)", "depthead", "/approvals/inbox/",
         "SELECT * FROM approvals_approvaltask ORDER BY id DESC LIMIT 30", 20_000),
        (f"/workers/{worker.pk}/ (detail)", "hr", f"/workers/{worker.pk}/",
         f"SELECT * FROM {w} WHERE id = {worker.pk}", 1),
        (f"/vendors/{vendor.pk}/ (detail)", "hr", f"/vendors/{vendor.pk}/",
         f"SELECT * FROM {v} WHERE id = {vendor.pk}", 1),
        (f"/contracts/{contract.pk}/ (detail)", "hr", f"/contracts/{contract.pk}/",
         f"SELECT * FROM {c} WHERE id = {contract.pk}", 1),
    ]  # fmt: skip
    homes = ["hr", "requester", "depthead", "legal", "finance", "procurement", "manager", "auditor", "vendor1"]
    listed += [(f"/ home of {u}", u, "/", f"SELECT * FROM {c} WHERE status = 'active' LIMIT 30", 0) for u in homes]
    for endpoint, username, path, sql, rows in listed:
        try:
            page(endpoint, username, path, sql, rows, floor)
        except Exception as exc:  # a page that fails is a FAIL in the table, not the end of the run
            ROWS.append((endpoint, rows, 0.0, 0.0, 0, 0.0, f"FAIL ({type(exc).__name__})"))
            log(f"{endpoint}: {exc!r}")


def imports() -> None:
    from bench_workforce import roster

    vendor1 = User.objects.get(username="vendor1")
    contract = Contract.objects.filter(vendor=vendor1.vendor_account.vendor, status=ContractStatus.ACTIVE).first()
    per_row = {}
    for rows, region in ((2_000, "35010"), (10_000, "36010")):
        content = roster(contract, rows, region=region)
        with transaction.atomic():
            start = time.perf_counter()
            saved, errors = spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("r.xlsx", content))
            elapsed = time.perf_counter() - start
            transaction.set_rollback(True)  # measured, not kept: the next run starts from the same data
        assert not errors and len(saved) == rows, errors[:3]
        per_row[rows] = elapsed / rows
        verdict = "PASS" if rows < 10_000 or elapsed <= 10 else "FAIL"
        ROWS.append((f"roster import {rows:,} rows (saved)", rows, elapsed * 1000, elapsed * 1000, 0, 0.0, verdict))
        log(f"import {rows}: {elapsed:.1f} s")
    growth = per_row[10_000] / per_row[2_000]
    ROWS.append(("roster import: per row 10,000 vs 2,000", 10_000, per_row[10_000] * 1000, per_row[2_000] * 1000,
                 0, 0.0, "PASS" if growth <= 1.2 else "FAIL"))  # fmt: skip
    # A refused file: 10,000 people of whom 2,000 are already filed (measured before any write).
    content = roster(contract, 10_000, region="36010")
    with transaction.atomic():
        filed = roster(contract, 2_000, region="36010")
        spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("r.xlsx", filed))
        start = time.perf_counter()
        saved, errors = spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("r.xlsx", content))
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    assert not saved and len(errors) == 2_000
    ROWS.append(("roster import refused (2,000 duplicates)", 10_000, elapsed * 1000, elapsed * 1000, 0, 0.0,
                 "PASS" if elapsed <= 3 else "FAIL"))  # fmt: skip


def export_and_daily_job() -> None:
    client = _client("hr")
    workers = Worker.objects.count()
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    response = client.get("/workers/", {"export": "xlsx"})
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.streaming_content) if response.streaming else len(response.content)
    elapsed = time.perf_counter() - start
    # What the export added to the process's peak resident memory (measured first, before the imports).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    limit = 15 * max(workers, 1) / 100_000
    ROWS.append((f"Excel export, all workers ({size / 2**20:.1f} MB file, +{peak / 2**20:.0f} MB peak)", workers,
                 elapsed * 1000, elapsed * 1000, 0, 0.0,
                 "PASS" if elapsed <= max(limit, 1) and peak <= 200 * 2**20 else "FAIL"))  # fmt: skip
    from outsourcing.notifications.services import run_daily_jobs

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        run_daily_jobs(today=today())
    elapsed = time.perf_counter() - start
    ROWS.append(("daily job", workers, elapsed * 1000, elapsed * 1000, len(queries), 0.0,
                 "PASS" if elapsed <= 60 else "FAIL"))  # fmt: skip


def table() -> str:
    header = f"{'endpoint':<52} {'rows':>9} {'median ms':>10} {'p95 ms':>9} {'queries':>7} {'SQL ms':>8}  target"
    lines = [
        f"reference scale ×{SCALE:g} on {connection.vendor}: {VENDORS:,} vendors, {CONTRACTS:,} contracts, "
        f"{WORKERS:,} workers, {AUDIT_ROWS:,} audit rows; {REPEAT} runs per page",
        header,
        "-" * len(header),
    ]
    for endpoint, rows, median, p95, queries, sql, verdict in ROWS:
        lines.append(f"{endpoint[:52]:<52} {rows:>9,} {median:>10.1f} {p95:>9.1f} {queries:>7} {sql:>8.1f}  {verdict}")
    return "\n".join(lines)


def main() -> None:
    if connection.vendor != "postgresql":
        log("bench-scale measures PostgreSQL: set DATABASE_URL=postgres://… (continuing on SQLite, figures indicative)")
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # the test client's host
    build()
    export_and_daily_job()
    pages()
    imports()
    text = table()
    print(text)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    out.write_text(text + "\n", encoding="utf-8")
    log(f"written to {out}")


if __name__ == "__main__":
    main()
