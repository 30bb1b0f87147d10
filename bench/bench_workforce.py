"""Benchmark outsourced workers at scale (WRK-7, WRK-8, WRK-2).

    python bench/bench_workforce.py                       # SQLite in a temporary directory
    DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_workforce.py

Loads the demo company, writes a 10,000-row roster workbook for vendor1's hotline contract and imports it
through the same service as the portal (every row checked, encrypted, hashed, numbered and audited, all or
nothing), reporting the time and the peak memory (Python allocations by tracemalloc, and the process's
maximum resident size). Then, with those 10,000 workers in the database, times what people open: HR's
worker list, an exact ID-number search, the API list, the masked Excel export of all workers, twelve
months of staff stability, and the same import with one bad row (refused, nothing saved).
"""

from __future__ import annotations

import functools
import io
import os
import resource
import time
import tracemalloc

import benchkit  # sets up Django: import it before models
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.workforce import filing, selectors, spreadsheets
from outsourcing.workforce.idnumber import with_check_character
from outsourcing.workforce.models import Worker

timed = functools.partial(benchkit.timed, repeat=3)
ROWS = 10_000


def roster(contract: Contract, rows: int, *, bad_row: int | None = None, region: str = "32058") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([f"{c.title} *" if c.required else str(c.title) for c in spreadsheets.IMPORT_COLUMNS])
    start = max(today(), contract.start_date).isoformat()
    for n in range(rows):
        birth = f"{1975 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}"
        number = with_check_character(f"{region}{n // 1000 % 10}{birth}{n % 1000:03d}")
        if n == bad_row:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        sheet.append([f"基准{n}", number, f"139{n:08d}", "热线坐席", contract.number, start,
                      contract.end_date.isoformat(), f"告知同意书 B-{n}", ""])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    vendor1, hr = User.objects.get(username="vendor1"), User.objects.get(username="hr")
    contract = Contract.objects.get(title="客服中心热线外包服务合同")
    content = roster(contract, ROWS)
    print(f"roster workbook: {ROWS:,} rows, {len(content) / 1024:,.0f} KiB")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    saved, errors = spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("roster.xlsx", content))
    elapsed = time.perf_counter() - start
    assert not errors and len(saved) == ROWS, errors[:3]
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"import {ROWS:,} rows: {elapsed:.1f} s ({elapsed / ROWS * 1000:.2f} ms/row); peak resident memory "
          f"{rss_after:.0f} MiB ({rss_after - rss_before:+.0f} MiB over the process before the import)")  # fmt: skip
    del saved

    # Peak Python allocations of the same work, measured apart (tracemalloc slows Python down a lot).
    sample = roster(contract, 1_000, region="33010")
    tracemalloc.start()
    spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("sample.xlsx", sample))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python allocations importing 1,000 rows (tracemalloc): {peak / 2**20:.1f} MiB")

    bad = roster(contract, 1_000, bad_row=999, region="42010")
    before = Worker.objects.count()
    start = time.perf_counter()
    _saved, errors = spreadsheets.import_roster(actor=vendor1, upload=SimpleUploadedFile("bad.xlsx", bad))
    print(f"import 1,000 rows with the last one bad: {time.perf_counter() - start:.1f} s, "
          f"{len(errors)} error(s), {Worker.objects.count() - before} saved")  # fmt: skip

    total = Worker.objects.count()
    print(f"-- with {total:,} workers in the database")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(hr)
    number = with_check_character(f"32058{(ROWS - 1) // 1000 % 10}"
                                  f"{1975 + (ROWS - 1) % 30}{1 + (ROWS - 1) % 12:02d}{1 + (ROWS - 1) % 28:02d}"
                                  f"{(ROWS - 1) % 1000:03d}")  # fmt: skip
    timed("HR: worker list (page of 30)", lambda: client.get("/workers/"))
    found = timed("HR: exact ID-number search (POST)", lambda: client.post("/workers/", {"id_number": number}))
    expected = filing.find_by_id_number(Worker.objects.all(), number).get()
    html = found.content.decode()
    assert expected.badge_number in html and html.count('class="id-masked"') == 1
    api = Client()
    api.force_login(hr)
    timed("API: /api/workers/?page_size=100", lambda: api.get("/api/workers/", {"page_size": 100}))
    timed(f"Excel export of all {total:,} workers (masked)", lambda: client.get("/workers/", {"export": "xlsx"}),
          repeat=1)  # fmt: skip
    months = selectors.months_between(today().replace(year=today().year - 1), today())
    timed(f"staff stability, {len(months)} months", lambda: selectors.stability(hr, months=months))
    timed("stability page", lambda: client.get("/workers/stability/"))


if __name__ == "__main__":
    main()
