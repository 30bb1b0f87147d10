"""python manage.py load_demo [--if-empty]: load the demo company (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from outsourcing.audit.actor import acting_as
from outsourcing.compliance import demo as compliance_demo
from outsourcing.contracts import demo as contracts_demo
from outsourcing.demands import demo as demands_demo
from outsourcing.notifications import demo as notifications_demo
from outsourcing.operations import demo as operations_demo
from outsourcing.org import demo as org_demo
from outsourcing.org.models import User
from outsourcing.partnership import demo as partnership_demo
from outsourcing.performance import demo as performance_demo
from outsourcing.settlements import demo as settlements_demo
from outsourcing.sourcing import demo as sourcing_demo
from outsourcing.vendors import demo as vendors_demo
from outsourcing.workforce import demo as workforce_demo


class Command(BaseCommand):
    help = "Load the demo company's data (idempotent); --if-empty only when no user exists yet."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any user exists.")
        parser.add_argument(
            "--send-email", action="store_true", help="E-mail the demo notices too (by default they stay in-app)."
        )

    def handle(self, *args, if_empty: bool = False, send_email: bool = False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Database already has users; demo data not loaded.")
            return
        backend = settings.EMAIL_BACKEND
        if not send_email:
            # Demo people have made-up addresses: keep the notices in the app, send no mail.
            settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        try:
            # The audit trail names the demo administrator once that account exists; entries written before
            # it (the first departments on an empty database) name the system.
            with transaction.atomic(), acting_as(demo_administrator()):
                org_demo.load(stdout=self.stdout)
                notifications_demo.load(stdout=self.stdout)
                vendors_demo.load(stdout=self.stdout)
                demands_demo.load(stdout=self.stdout)
                sourcing_demo.load(stdout=self.stdout)
                contracts_demo.load(stdout=self.stdout)
                workforce_demo.load(stdout=self.stdout)
                operations_demo.load(stdout=self.stdout)
                performance_demo.load(stdout=self.stdout)
                settlements_demo.load(stdout=self.stdout)
                partnership_demo.load(stdout=self.stdout)  # after settlements: the gain share is a settlement line
                contracts_demo.tell_a_consistent_past()  # after every contract, the workers' ones included
                compliance_demo.load(stdout=self.stdout)  # reads every app's records: last
        finally:
            settings.EMAIL_BACKEND = backend
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        logins = ", ".join(org_demo.DEMO_LOGINS)
        self.stdout.write(f"Demo logins (password {org_demo.DEMO_PASSWORD}): {logins}")


def demo_administrator():
    """The demo's `admin`, looked up when an entry is written until the account exists."""
    found = None

    def resolve():
        nonlocal found
        if found is None:
            found = User.objects.filter(username="admin").first()
        return found

    return resolve
