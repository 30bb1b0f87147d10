"""WRK-4, WF-4 (everyday use, issue 21): HR approves many filed workers' entry in one action, each still checked
and recorded on its own; a batch with one worker missing a paper approves nobody and names that worker and the
paper's code — on the page, in the API, and in nobody's history."""

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.workforce import entry_batch
from outsourcing.workforce.models import Worker, WorkerStatus
from tests.workforce.factories import contract_in_force, filed, user

pytestmark = pytest.mark.django_db


def test_wrk4_hr_approves_a_batch_each_recorded_on_its_own(demo):
    contract = contract_in_force("vendor1")
    workers = [filed(contract) for _ in range(3)]
    approved = entry_batch.approve_entries(actor=user("hr"), workers=workers, note="批量核验通过")
    assert len(approved) == 3
    for worker in Worker.objects.filter(pk__in=[w.pk for w in workers]):
        assert worker.status == WorkerStatus.APPROVED and worker.decided_by == user("hr")
        assert worker.decision_note == "批量核验通过"


def test_wrk4_one_worker_without_papers_blocks_the_batch_and_is_named(demo):
    contract = contract_in_force("vendor1")
    ready = [filed(contract) for _ in range(2)]
    missing = filed(contract, proofs=False)
    with pytest.raises(RuleViolation) as refused:
        entry_batch.approve_entries(actor=user("hr"), workers=[*ready, missing])
    assert refused.value.code == "batch_refused"
    assert {r.code for r in refused.value.reasons} >= {"no_labour_contract", "no_social_insurance_proof"}
    assert all(str(r).startswith(missing.badge_number) for r in refused.value.reasons)
    assert set(Worker.objects.filter(pk__in=[w.pk for w in ready]).values_list("status", flat=True)) == {"filed"}


def test_wrk4_only_hr_decides_and_an_empty_batch_is_refused(demo):
    contract = contract_in_force("vendor1")
    worker = filed(contract)
    with pytest.raises(RuleViolation) as not_hr:
        entry_batch.approve_entries(actor=user("requester"), workers=[worker])
    assert not_hr.value.code == "not_allowed"
    with pytest.raises(RuleViolation) as empty:
        entry_batch.approve_entries(actor=user("hr"), workers=[])
    assert empty.value.code == "batch_empty"


def test_wrk4_the_batch_page_and_the_api(demo, client_for, api_for):
    """The page lists the waiting workers with ticks; a refused batch keeps the ticks and names the blocker with its
    code; the API approves a batch; the home page's to-do leads to the batch page."""
    contract = contract_in_force("vendor1")
    ready = [filed(contract) for _ in range(2)]
    missing = filed(contract, proofs=False)
    hr = client_for("hr")
    page = hr.get("/workers/entries/").content.decode()
    assert all(w.badge_number in page for w in [*ready, missing]) and 'data-tick-column="workers"' in page
    refused = hr.post("/workers/entries/", {"workers": [w.pk for w in [*ready, missing]]})
    body = refused.content.decode()
    assert (
        refused.status_code == 200 and 'data-code="batch_refused"' in body and 'data-code="no_labour_contract"' in body
    )
    assert f'value="{ready[0].pk}" id="pick-{ready[0].pk}" checked' in body
    done = hr.post("/workers/entries/", {"workers": [ready[0].pk], "note": "齐全"})
    assert done.status_code == 302
    assert Worker.objects.get(pk=ready[0].pk).status == WorkerStatus.APPROVED

    answer = api_for("hr").post("/api/workers/approve-entries/", {"workers": [ready[1].pk]}, format="json")
    assert answer.status_code == 200 and answer.json()[0]["status"] == "approved"
    blocked = api_for("hr").post("/api/workers/approve-entries/", {"workers": [missing.pk]}, format="json")
    assert blocked.status_code == 400 and blocked.json()["code"] == "batch_refused"
    assert {b["code"] for b in blocked.json()["blockers"]} >= {"no_labour_contract", "no_social_insurance_proof"}
    assert api_for("vendor1").post("/api/workers/approve-entries/", {"workers": [missing.pk]},
                                   format="json").status_code in (400, 403)  # fmt: skip
    assert client_for("vendor1").get("/workers/entries/").status_code == 403
    assert "/workers/entries/" in hr.get("/").content.decode()
