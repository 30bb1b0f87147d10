"""Benchmark the compliance daily job (RSK-2, RSK-3): every registered indicator and sign, then the scores.

    python bench/bench_compliance.py                      # SQLite in a temporary directory
    BENCH_WORKERS=100000 DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_compliance.py

Loads the demo company, then clones its workers (bulk, no services: the job only reads them) up to BENCH_WORKERS
(default 20,000), a tenth of them on site without an entry record so the indicators find many rows. Prints each
indicator's and sign's compute time with its queries, then the whole job (`daily.run_all` + `scores.run_signs` +
`scores.rescore`) run twice: the second run finds the same and writes nothing.
"""

from __future__ import annotations

import os
import time

import benchkit  # sets up Django: import it before models
from django.core.management import call_command

from outsourcing.compliance import daily, scores
from outsourcing.core.indicators import indicators, signs
from outsourcing.core.timeutil import today
from outsourcing.workforce.models import EntryRecord, Worker, WorkerStatus

WORKERS = int(os.environ.get("BENCH_WORKERS", "20000"))


def generate() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    models = list(Worker.objects.filter(status=WorkerStatus.ON_SITE))
    made, batch = Worker.objects.count(), []
    while made < WORKERS:
        source = models[made % len(models)]
        clone = Worker(**{f.attname: getattr(source, f.attname) for f in Worker._meta.concrete_fields
                          if f.attname != "id"})  # fmt: skip
        clone.badge_number = f"BENCH-{made:07d}"
        clone.id_hash = f"bench{made:059d}"
        batch.append(clone)
        made += 1
        if len(batch) == 5000:
            Worker.objects.bulk_create(batch)
            batch = []
    Worker.objects.bulk_create(batch)
    on_site = Worker.objects.filter(status=WorkerStatus.ON_SITE, badge_number__startswith="BENCH-")
    entries = [EntryRecord(worker_id=pk, briefing_on=today(), topics=[], undertaking_signed_on=today(),
                           recorded_by_id=1) for i, pk in enumerate(on_site.values_list("pk", flat=True)) if i % 10]
    EntryRecord.objects.bulk_create(entries, batch_size=5000, ignore_conflicts=True)


def main() -> None:
    generate()
    day = today()
    print(f"{Worker.objects.count()} workers")
    for entry in indicators():
        benchkit.timed(f"indicator {entry.code}", lambda e=entry: list(e.compute(day)))
    for entry in signs():
        benchkit.timed(f"sign {entry.code}", lambda e=entry: list(e.compute(day)))

    def job():
        daily.run_all(day)
        scores.run_signs(day)
        scores.rescore(day)

    start = time.perf_counter()
    benchkit.timed("daily job, first run", job)
    benchkit.timed("daily job, second run the same day", job)
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
