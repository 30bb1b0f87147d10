"""X-2: the daily job's worker reminders — the month's proofs due (the vendor before and on the due day, HR once
it has passed) and access past its end date while the worker is still active — each sent once however often
the job runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import access, proofs, selectors
from outsourcing.workforce.models import AccessGrant
from tests.workforce.factories import contract_in_force, granted, on_site, user

pytestmark = pytest.mark.django_db


def _to(username: str, text: str) -> int:
    return Notification.objects.filter(recipient__username=username, title__contains=text).count()


@override_settings(PROOF_DUE_DAY=15, PROOF_REMINDER_DAYS=5)
def test_x2_proofs_due_remind_the_vendor_then_tell_hr_once(demo):
    """X-2, WRK-6: last month's proofs not sent — the vendor is reminded from 5 days before the 15th up to it,
    once; after the 15th HR is told, once; a month sent is not reminded."""
    this_month = proofs.first_of_month(today())
    last_month = selectors.months_back(this_month, 1)
    contract = contract_in_force(start=last_month - dt.timedelta(days=40))
    worker = on_site(contract, entered=last_month, planned_start=last_month)
    number = contract.project.number
    run_daily_jobs(today=this_month.replace(day=9))
    assert _to("vendor1", number) == 0  # before the reminder window
    for day in (10, 12, 15):
        run_daily_jobs(today=this_month.replace(day=day))
    assert _to("vendor1", number) == 1 and _to("hr", number) == 0
    run_daily_jobs(today=this_month.replace(day=16))
    run_daily_jobs(today=this_month.replace(day=17))
    assert _to("hr", number) == 1 and _to("vendor1", number) == 1
    # Sent: nothing more for anyone, for that month.
    Notification.objects.all().delete()
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=last_month,
                        lines=[proofs.LineData(worker_id=worker.pk, wage_paid=True, social_insurance=True,
                                               housing_fund=True, tax_filed=True, wage_amount=Decimal("6000"),
                                               own_account=True)])  # fmt: skip
    run_daily_jobs(today=this_month.replace(day=12))
    run_daily_jobs(today=this_month.replace(day=18))
    assert _to("vendor1", number) == 0 and _to("hr", number) == 0


def test_x2_access_past_its_end_date_while_the_worker_is_active_is_an_alert_once(demo):
    """X-2, WRK-5: a grant still open after its end date, the worker still on site, alerts the project's people
    once; closed, nothing more."""
    contract = contract_in_force()
    worker = on_site(contract)
    grant = granted(worker, until=today() + dt.timedelta(days=3))
    Notification.objects.all().delete()  # the approval's own notices
    run_daily_jobs(today=today() + dt.timedelta(days=3))
    assert not Notification.objects.filter(title__contains=grant.resource).exists()
    run_daily_jobs(today=today() + dt.timedelta(days=4))
    run_daily_jobs(today=today() + dt.timedelta(days=5))
    alerted = Notification.objects.filter(title__contains=grant.resource)
    owner = contract.project.owner.username
    assert owner in set(alerted.values_list("recipient__username", flat=True))
    assert alerted.filter(recipient__username=owner).count() == 1
    access.revoke_grant(actor=user("requester"), grant=grant, revoked_on=today())
    assert AccessGrant.objects.get(pk=grant.pk).status == "revoked"
    Notification.objects.all().delete()
    run_daily_jobs(today=today() + dt.timedelta(days=6))
    assert not Notification.objects.filter(title__contains=grant.resource).exists()
