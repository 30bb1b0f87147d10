"""RSK-4 (joint-liability guard): a month's proofs reporting an unpaid wage become a wage-arrears incident by the
daily job, told to HR, legal and the vendor; run twice the same day (or the next) it raises nothing more; a month
with every wage paid raises nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from outsourcing.compliance.models_incidents import Incident, IncidentKind
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import proofs
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _line(worker, paid: bool) -> proofs.LineData:
    return proofs.LineData(worker_id=worker.pk, wage_paid=paid, wage_amount=Decimal("6000") if paid else None,
                           social_insurance=True, housing_fund=True, tax_filed=True)  # fmt: skip


def test_rsk4_unpaid_wage_in_proofs_becomes_one_wage_arrears_incident(demo):
    """RSK-4, INC-1: two workers, one unpaid: one incident naming the unpaid worker's badge, its vendor, project and
    contract; HR, legal and vendor1 told once; the daily job run twice raises nothing more."""
    contract = contract_in_force()
    paid, unpaid = on_site(contract), on_site(contract)
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=today(),
                        lines=[_line(paid, True), _line(unpaid, False)])  # fmt: skip
    run_daily_jobs(today=today())
    run_daily_jobs(today=today())
    incident = Incident.objects.get()
    assert incident.kind == IncidentKind.WAGE_ARREARS and incident.vendor_id == contract.vendor_id
    assert (incident.project_id, incident.contract_id) == (contract.project_id, contract.pk)
    assert unpaid.badge_number in incident.description and paid.badge_number not in incident.description
    assert incident.occurred_on <= today() and incident.events.count() == 1
    for username in ("hr", "legal", "vendor1"):
        assert Notification.objects.filter(recipient__username=username, url=incident.get_absolute_url()).count() == 1


def test_rsk4_every_wage_paid_raises_nothing(demo):
    """RSK-4: the incident disappears from the cause: with every wage paid the job raises none."""
    contract = contract_in_force()
    worker = on_site(contract)
    proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=today(), lines=[_line(worker, True)])
    run_daily_jobs(today=today())
    assert not Incident.objects.exists()
