"""Re-encrypt every worker's ID and phone with the first key of PERSONAL_DATA_KEYS and recompute the
search hashes with PERSONAL_DATA_HASH_KEY (WRK-2). Rotation: put a new key first (keep the old ones after
it), run this command, then drop the old keys. `--new-key` prints a fresh key to put first."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from outsourcing.core import personal_data
from outsourcing.workforce.models import Worker


class Command(BaseCommand):
    help = "Re-encrypt workers' personal data with the current key and recompute the search hashes."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Print a new key and change nothing.")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, new_key: bool = False, batch: int = 500, **options):
        if new_key:
            self.stdout.write(personal_data.new_key())
            return
        done = 0
        ids = list(Worker.objects.exclude(id_cipher="", phone_cipher="").order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                workers = list(Worker.objects.select_for_update().filter(pk__in=ids[start : start + batch]))
                for worker in workers:
                    id_number = personal_data.decrypt(worker.id_cipher)
                    phone = personal_data.decrypt(worker.phone_cipher)
                    worker.id_cipher = personal_data.rotate(worker.id_cipher)
                    worker.phone_cipher = personal_data.rotate(worker.phone_cipher)
                    worker.id_hash = personal_data.search_hash(id_number)
                    worker.phone_hash = personal_data.search_hash(phone)
                Worker.objects.bulk_update(workers, ["id_cipher", "phone_cipher", "id_hash", "phone_hash"])
                done += len(workers)
        self.stdout.write(self.style.SUCCESS(f"{done} worker records re-encrypted with the current key."))
