"""python manage.py load_demo [--if-empty]: load the demo company (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from outsourcing.org import demo as org_demo
from outsourcing.org.models import User


class Command(BaseCommand):
    help = "Load the demo company's data (idempotent); --if-empty only when no user exists yet."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any user exists.")

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Database already has users; demo data not loaded.")
            return
        with transaction.atomic():
            org_demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        logins = ", ".join(org_demo.DEMO_LOGINS)
        self.stdout.write(f"Demo logins (password {org_demo.DEMO_PASSWORD}): {logins}")
