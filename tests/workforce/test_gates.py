"""Gates that cover every path (issue 15, loophole 4; WRK-1, WRK-10, CST-1): on construction work every site
access — an area grant and a door card alike — asks the one real-name check; a statutory-duty basis only on
construction work; a consent basis needs the worker's consent as a file; nobody enters before HR approved the
entry; a filing whose planned start has passed is flagged to HR. Each refusal through the page and the API,
with the same code."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.core.timeutil import today
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce.models import AccessGrant, IssuedItem, LawfulBasis, Worker, WorkerFileKind, WorkerStatus
from tests.workforce.factories import (
    approved,
    construction_contract,
    contract_in_force,
    filed,
    id_number,
    upload,
    user,
)

pytestmark = pytest.mark.django_db


def _codes(form, field):
    return [error.code for error in form.errors.as_data()[field]]


def _approved_without_realname():
    """A construction worker approved with a registration later found missing (a record from before the rule)."""
    contract = construction_contract()
    worker = filed(contract)
    worker_entry.register_realname(actor=user("hr"), worker=worker, reference="SH-RMZ-2026-000812")
    worker = worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    Worker.objects.filter(pk=worker.pk).update(realname_reference="")
    return Worker.objects.get(pk=worker.pk)


def test_wrk1_construction_site_access_by_area_grant_or_door_card_needs_real_name(client_for, api_for):
    """WRK-1, CST-1, loophole 4: on construction work an area grant and a door card are both refused without the
    real-name registration (code no_realname_registration), on the page and through the API; a system access
    is not site access; once registered both pass."""
    worker = _approved_without_realname()
    page = client_for("requester")
    card = page.post(f"/workers/{worker.pk}/item/", {"kind": "card", "description": "工地门禁卡 G-3",
                                                    "issued_on": today().isoformat()})  # fmt: skip
    assert card.status_code == 200 and "实名" in str(card.context["item_form"].errors["kind"])
    assert _codes(card.context["item_form"], "kind") == ["no_realname_registration"]
    area = {"kind": "area", "resource": "施工现场二区", "reason": "按施工计划进入作业区域",
            "valid_from": worker.planned_start.isoformat(), "valid_until": worker.planned_end.isoformat()}  # fmt: skip
    refused = page.post(f"/workers/{worker.pk}/access/", area)
    assert _codes(refused.context["grant_form"], "kind") == ["no_realname_registration"]
    api = api_for("requester").post(f"/api/workers/{worker.pk}/access-grants/", area, format="json")
    assert api.status_code == 400 and api.json()["code"] == "no_realname_registration"
    assert not AccessGrant.objects.exists() and not IssuedItem.objects.exists()
    system_access = {**area, "kind": "system", "resource": "劳务实名制平台"}
    system = api_for("requester").post(f"/api/workers/{worker.pk}/access-grants/", system_access, format="json")
    assert system.status_code == 201
    worker_entry.register_realname(actor=user("hr"), worker=worker, reference="SH-RMZ-2026-000812")
    assert page.post(f"/workers/{worker.pk}/item/", {"kind": "card", "description": "工地门禁卡 G-3",
                                                     "issued_on": today().isoformat()}).status_code == 302  # fmt: skip
    assert api_for("requester").post(f"/api/workers/{worker.pk}/access-grants/", area, format="json").status_code == 201


def test_wrk10_a_statutory_duty_basis_only_on_construction_work(client_for, api_for):
    """WRK-10, loophole 4: a statutory-duty basis is refused on an ordinary contract (code
    statutory_basis_not_construction) on the page and through the API; on construction work it is accepted."""
    building = construction_contract()  # first: the award links vendor1 to its company
    contract = contract_in_force()
    post = {"name": "陈晓", "id_number": id_number(), "phone": "13600001234", "post": "热线坐席",
            "contract": str(contract.pk), "planned_start": max(today(), contract.start_date).isoformat(),
            "planned_end": contract.end_date.isoformat(), "lawful_basis": "statutory_duty",
            "consent_reference": "实名制登记义务"}  # fmt: skip
    page = client_for("vendor1").post("/workers/new/", post)
    assert page.status_code == 200 and "施工" in str(page.context["form"].errors["lawful_basis"])
    assert _codes(page.context["form"], "lawful_basis") == ["statutory_basis_not_construction"]
    api = api_for("vendor1").post("/api/workers/", post, format="json")
    assert api.status_code == 400 and api.json()["code"] == "statutory_basis_not_construction"
    assert not Worker.objects.exists()
    created = api_for("vendor1").post("/api/workers/", {**post, "contract": building.pk,
                                                         "planned_end": building.end_date.isoformat()}, format="json")
    assert created.status_code == 201 and created.json()["lawful_basis"] == LawfulBasis.STATUTORY_DUTY


def test_wrk1_a_consent_basis_needs_the_workers_consent_as_a_file(client_for, api_for):
    """WRK-1, WRK-10, loophole 4 (PIPL art. 23): with the proofs but no consent file the entry blockers name it
    (code no_consent_file) and HR's approval is refused on the page and through the API; once the consent is
    attached the entry is approved."""
    worker = filed(contract_in_force(), proofs=False)
    upload(WorkerFileKind.LABOR_CONTRACT, "vendor1", worker)
    upload(WorkerFileKind.SOCIAL_INSURANCE_PROOF, "vendor1", worker)
    assert [r.code for r in worker_entry.entry_blockers(worker)] == ["no_consent_file"]
    hr = client_for("hr")
    shown = hr.get(worker.get_absolute_url()).content.decode()
    assert 'data-code="no_consent_file"' in shown and "单独同意" in shown
    page = hr.post(f"/workers/{worker.pk}/decide/", {"decision": "approve", "note": ""})
    assert page.status_code == 200 and "单独同意" in str(page.context["decision_form"].errors)
    assert [e.code for e in page.context["decision_form"].errors.as_data()["__all__"]] == ["no_consent_file"]
    api = api_for("hr").post(f"/api/workers/{worker.pk}/decision/", {"approve": True}, format="json")
    assert api.status_code == 400 and api.json()["code"] == "no_consent_file"
    assert [b["code"] for b in api.json()["blockers"]] == ["no_consent_file"]
    assert Worker.objects.get(pk=worker.pk).status == WorkerStatus.FILED
    upload(WorkerFileKind.WORKER_CONSENT, "vendor1", worker)
    approved_now = api_for("hr").post(f"/api/workers/{worker.pk}/decision/", {"approve": True}, format="json")
    assert approved_now.status_code == 200


def test_wrk1_the_entry_is_not_before_hrs_approval(client_for, api_for):
    """WRK-1, WRK-4, loophole 4: HR approved today; an entry recorded for yesterday is refused (code
    entry_before_approval) on the page and through the API; today's entry is recorded."""
    worker = approved(contract_in_force(), planned_start=today() - dt.timedelta(days=3))
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    entry = {"briefing_on": yesterday, "topics": ["safety"], "undertaking_signed_on": yesterday,
             "workplace_conditions": "工位与网络由公司提供"}  # fmt: skip
    page = client_for("requester").post(f"/workers/{worker.pk}/entry/", entry)
    assert page.status_code == 200 and _codes(page.context["entry_form"], "briefing_on") == ["entry_before_approval"]
    api = api_for("requester").post(f"/api/workers/{worker.pk}/entry/", entry, format="json")
    assert api.status_code == 400 and api.json()["code"] == "entry_before_approval"
    assert Worker.objects.get(pk=worker.pk).status == WorkerStatus.APPROVED
    done = api_for("requester").post(f"/api/workers/{worker.pk}/entry/", {**entry, "briefing_on": today().isoformat()},
                                     format="json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == WorkerStatus.ON_SITE


def test_wrk1_a_filing_whose_planned_start_has_passed_is_flagged_to_hr(client_for, api_for):
    """WRK-1, loophole 4: a filing with a planned start in the past, still waiting for HR, is flagged on the list
    and the worker's page and in the API (is the person already working?); a filing starting today is not."""
    contract = contract_in_force()
    late = filed(contract, planned_start=today() - dt.timedelta(days=2))
    on_time = filed(contract)
    hr = client_for("hr")
    listed = hr.get("/workers/").content.decode()
    assert listed.count('class="badge text-bg-warning start-passed"') == 1
    assert 'id="start-passed"' in hr.get(late.get_absolute_url()).content.decode()
    assert 'id="start-passed"' not in hr.get(on_time.get_absolute_url()).content.decode()
    flags = {w["badge_number"]: w["planned_start_passed"] for w in api_for("hr").get("/api/workers/").json()["results"]}
    assert flags == {late.badge_number: True, on_time.badge_number: False}


def test_an_api_refusal_of_entry_names_each_missing_papers_code(demo, api_for):
    """WRK-1 (#13 item 2): the API's refusal of HR's approval carries the code of the missing paper itself, and
    lists every missing paper with its code, so a client can tell a labour contract from a social-insurance proof."""
    worker = filed(contract_in_force(), proofs=False)
    upload(WorkerFileKind.WORKER_CONSENT, "vendor1", worker)
    api = api_for("hr").post(f"/api/workers/{worker.pk}/decision/", {"approve": True}, format="json")
    assert api.status_code == 400 and api.json()["code"] == "no_labour_contract"
    assert [b["code"] for b in api.json()["blockers"]] == ["no_labour_contract", "no_social_insurance_proof"]
    upload(WorkerFileKind.LABOR_CONTRACT, "vendor1", worker)
    api = api_for("hr").post(f"/api/workers/{worker.pk}/decision/", {"approve": True}, format="json")
    assert api.json()["code"] == "no_social_insurance_proof"
    assert Worker.objects.get(pk=worker.pk).status == WorkerStatus.FILED
