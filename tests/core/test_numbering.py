"""Document numbering: DEM-2026-0007 style, unique and gap-free even under concurrent creation."""

import threading

import pytest
from django.db import connection, transaction

from outsourcing.core.models import DocumentSequence
from outsourcing.core.numbering import next_number


@pytest.mark.django_db
def test_numbers_count_up_per_prefix_and_year():
    with transaction.atomic():
        assert next_number("DEM", year=2026) == "DEM-2026-0001"
        assert next_number("DEM", year=2026) == "DEM-2026-0002"
        assert next_number("PRJ", year=2026) == "PRJ-2026-0001"
        assert next_number("DEM", year=2027) == "DEM-2027-0001"


@pytest.mark.django_db
def test_a_rolled_back_document_gives_its_number_back():
    with transaction.atomic():
        assert next_number("CON", year=2026) == "CON-2026-0001"
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("CON", year=2026)
        raise RuntimeError("the document failed to save")
    with transaction.atomic():
        assert next_number("CON", year=2026) == "CON-2026-0002"


@pytest.mark.django_db(transaction=True)
def test_numbering_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        next_number("DEM")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["dem", "D", "DEM-1", "TOOLONGPREFIX"])
def test_malformed_prefixes_are_refused(prefix):
    with pytest.raises(ValueError), transaction.atomic():
        next_number(prefix)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creators_get_distinct_gap_free_numbers():
    """Eight threads, five numbers each, some rolling back: every committed number is unique and the
    committed numbers are exactly 1..N with no gap."""
    committed: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            for attempt in range(5):
                try:
                    with transaction.atomic():
                        number = next_number("SET", year=2026)
                        if (index + attempt) % 4 == 0:
                            raise LookupError("rolled back on purpose")
                    with lock:
                        committed.append(number)
                except LookupError:
                    pass
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors
    values = sorted(int(n.rsplit("-", 1)[1]) for n in committed)
    assert len(values) == len(set(values)), "a number was issued twice"
    assert values == list(range(1, len(values) + 1)), "a committed number was skipped"
    assert DocumentSequence.objects.get(prefix="SET", year=2026).last_value == len(values)


@pytest.mark.django_db
def test_x5_a_block_of_numbers_is_one_locked_update_and_follows_on():
    """X-5 (issue 20): an import takes its N numbers as one block, in order, gap-free with single numbers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from outsourcing.core.numbering import next_numbers

    with transaction.atomic():
        assert next_number("WB", year=2026, width=5) == "WB-2026-00001"
        with CaptureQueriesContext(connection) as queries:
            block = next_numbers("WB", 3, year=2026, width=5)
        assert block == ["WB-2026-00002", "WB-2026-00003", "WB-2026-00004"]
        assert len(queries) <= 4  # create-if-missing, lock, update (plus a savepoint on some databases)
        assert next_numbers("WB", 0, year=2026) == []
        assert next_number("WB", year=2026, width=5) == "WB-2026-00005"
