"""What every benchmark here shares: Django set up on a throw-away database, and a timer that counts queries.

Import it first (`from benchkit import timed`): it sets up Django before the benchmark imports models.
SQLite in a temporary directory unless DATABASE_URL points at a database (PostgreSQL).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["OUTSOURCING_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def timed(label: str, fn, repeat: int = 1, width: int = 58):
    """Run `fn` `repeat` times; print the mean time and queries per run; return the last result."""
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        for _ in range(repeat):
            result = fn()
        elapsed = (time.perf_counter() - start) / repeat
    print(f"{label:<{width}} {elapsed * 1000:9.1f} ms  {len(queries) // repeat:5d} queries")
    return result
