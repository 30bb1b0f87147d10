"""The demo's new pieces (CON-10, DEM-5, VEN-6): loaded through the services with the rest of the demo, dates
in order: a suspended-and-resumed contract, a post-project evaluation on the terminated one, the demands'
in-house estimates."""

from __future__ import annotations

import pytest

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract, ContractStatus, PostProjectEvaluation, Suspension
from outsourcing.demands.models import Demand

pytestmark = pytest.mark.django_db


def test_con10_dem5_ven6_demo_tells_a_consistent_story(loaded_demo, demo, client_for):
    suspension = Suspension.objects.select_related("contract").get()
    contract = suspension.contract
    assert contract.status == ContractStatus.ACTIVE
    assert contract.signed_on <= contract.start_date <= suspension.starts_on <= suspension.resumed_on
    assert suspension.resumed_on < contract.end_date and suspension.reason and suspension.resumption_note
    evaluation = PostProjectEvaluation.objects.select_related("contract").get()
    assert evaluation.contract.status in (ContractStatus.EXITING, ContractStatus.CLOSED)
    assert evaluation.vendor_id == evaluation.contract.vendor_id and evaluation.recommendation == "not_again"
    submitted = Demand.objects.exclude(status=ApprovalState.DRAFT)
    assert submitted.exists() and all(d.cost_benefit is not None for d in submitted)
    vendor_page = client_for("hr").get(evaluation.vendor.get_absolute_url()).content.decode()
    assert 'id="vendor-evaluations"' in vendor_page and 'id="vendor-projects"' in vendor_page
    page = client_for("requester").get(contract.get_absolute_url()).content.decode()
    assert suspension.reason in page and 'data-section="suspensions"' in page
    assert Contract.objects.filter(status=ContractStatus.SUSPENDED).count() == 0
