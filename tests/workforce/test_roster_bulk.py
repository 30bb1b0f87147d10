"""The roster import at scale (X-5, WRK-7, issue 20): a fixed number of queries however long the file, badge
numbers taken as one block, the audit trail written in bulk, a refused file refused before any write."""

from __future__ import annotations

import datetime as dt
import io
import math

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from outsourcing.core.models import DocumentSequence
from outsourcing.core.timeutil import today
from outsourcing.workforce import spreadsheets
from outsourcing.workforce.models import Worker
from tests.workforce.factories import contract_in_force, id_number, user

pytestmark = pytest.mark.django_db


def _people(count: int, first_day: int = 0) -> list[str]:
    """`count` different valid ID numbers (a birth date each, so the factory's serial never repeats one)."""
    return [id_number(dt.date(1970, 1, 1) + dt.timedelta(days=first_day + i)) for i in range(count)]


def _roster(contract, numbers: list[str]) -> SimpleUploadedFile:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([f"{column.title} *" for column in spreadsheets.IMPORT_COLUMNS if column.required])
    start, end = max(today(), contract.start_date).isoformat(), contract.end_date.isoformat()
    for number in numbers:
        sheet.append(["周小红", number, "13700001111", "热线坐席", contract.number, start, end, "告知同意书 2026-07"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


def _batches(model, count: int) -> int:
    """The inserts `bulk_create` needs for `count` rows in batches of a thousand (SQLite takes fewer at once)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(count / min(1000, connection.ops.bulk_batch_size(fields, [None] * count)))


def _import(contract, numbers):
    upload = _roster(contract, numbers)
    with CaptureQueriesContext(connection) as queries:
        saved, errors = spreadsheets.import_roster(actor=user("vendor1"), upload=upload)
    return saved, errors, len(queries)


def test_x5_a_2000_row_roster_makes_a_fixed_number_of_queries_not_one_per_row(demo):
    """X-5 (issue 20): 20 rows and 2,000 rows cost the same queries but the batched inserts (one per thousand
    workers and one per thousand audit entries); the badge numbers follow each other as one block, every worker
    has its "created" audit entry naming the vendor's user, and the entries carry no personal data."""
    contract = contract_in_force()
    small, errors, small_queries = _import(contract, _people(20))
    assert errors == [] and len(small) == 20
    large, errors, large_queries = _import(contract, _people(2000, first_day=100))
    assert errors == [] and len(large) == 2000 and Worker.objects.count() == 2020
    # only more batched inserts of workers and audit entries (two on PostgreSQL), nothing per row
    assert large_queries - small_queries <= _batches(Worker, 2000) + _batches(LogEntry, 2000) - 2
    assert small_queries <= 16
    badges = [int(worker.badge_number.rsplit("-", 1)[1]) for worker in [*small, *large]]
    assert badges == list(range(badges[0], badges[0] + 2020))
    assert DocumentSequence.objects.get(prefix="WB").last_value == badges[-1]
    entries = LogEntry.objects.filter(content_type__model="worker", action=LogEntry.Action.CREATE)
    assert entries.count() == 2020
    entry = entries.get(object_id=large[-1].pk)
    assert entry.actor == user("vendor1") and entry.object_repr == large[-1].badge_number
    assert "contract" in entry.changes_dict and "id_cipher" not in entry.changes_dict
    assert "name" not in entry.changes_dict


def test_x5_a_roster_with_2000_people_already_filed_is_refused_before_any_write(demo):
    """X-5, WRK-7 (issue 20): a file of 2,000 people already filed, plus one wrong row and a repeat inside the
    file, is refused with each row's own message (the duplicates found in one query), and nothing is written:
    no worker, no audit entry, no badge number taken."""
    contract = contract_in_force()
    people = _people(2000)
    spreadsheets.import_roster(actor=user("vendor1"), upload=_roster(contract, people))
    before = (Worker.objects.count(), LogEntry.objects.count(), DocumentSequence.objects.get(prefix="WB").last_value)
    bad = people[0][:-1] + ("0" if people[0][-1] != "0" else "1")
    new = _people(1, first_day=5000)[0]
    saved, errors, queries = _import(contract, [*people, bad, new, new])
    assert saved == [] and queries <= 10
    assert [e.row for e in errors] == [*range(2, 2002), 2002, 2004]
    assert "HR" not in errors[0].message and "WB-" in errors[0].message  # its own badge, said to its own vendor
    assert "第 2003 行" in errors[-1].message
    after = (Worker.objects.count(), LogEntry.objects.count(), DocumentSequence.objects.get(prefix="WB").last_value)
    assert after == before


def test_x5_a_person_filed_meanwhile_refuses_the_whole_roster(demo, monkeypatch):
    """X-5, WRK-9 (issue 20): a person filed by someone else between the file's duplicate check and its insert
    (simulated: the check finds nothing) is caught by the one-active-filing constraint: the whole roster is
    refused with the duplicate's code, and nothing of it is saved, no badge number taken."""
    from outsourcing.core.errors import Conflict
    from outsourcing.workforce import filing

    contract = contract_in_force()
    people = _people(3, first_day=9000)
    spreadsheets.import_roster(actor=user("vendor1"), upload=_roster(contract, people[:1]))
    before = (Worker.objects.count(), DocumentSequence.objects.get(prefix="WB").last_value)
    monkeypatch.setattr(filing, "active_filings", lambda hashes: {})
    with pytest.raises(Conflict) as refused:
        spreadsheets.import_roster(actor=user("vendor1"), upload=_roster(contract, people))
    assert refused.value.code == "duplicate_filing"
    assert (Worker.objects.count(), DocumentSequence.objects.get(prefix="WB").last_value) == before
