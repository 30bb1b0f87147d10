"""python manage.py run_daily_jobs [--date YYYY-MM-DD]: run every registered daily check once.

Scheduled once a day by cron (see docs/operations.md). Safe to run again: notices already delivered
are not delivered twice. Exits non-zero if any check failed.
"""

import argparse
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from outsourcing.core import timeutil
from outsourcing.notifications import services


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Run every registered daily check (reminders); running twice on one day sends nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, default=None, help="Run as if it were this day (default: today in Asia/Shanghai)."
        )

    def handle(self, *args, date: dt.date | None = None, **options):
        today = date or timeutil.today()
        runs = services.run_daily_jobs(today=today)
        for run in runs:
            if run.error:
                self.stdout.write(self.style.ERROR(f"{run.name}: FAILED: {run.error}"))
            else:
                self.stdout.write(f"{run.name}: {run.notices_created} new notices")
        failed = [run.name for run in runs if run.error]
        if failed:
            raise CommandError(f"{len(failed)} of {len(runs)} daily checks failed for {today}: {', '.join(failed)}")
        self.stdout.write(self.style.SUCCESS(f"{len(runs)} daily checks done for {today}."))
