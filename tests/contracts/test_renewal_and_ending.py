"""CON-6 the renewal decision through approval with every app's history beside it; CON-8 closing checks as a
registry; CON-10 suspension and resumption, termination asked for by the vendor, the notice of non-renewal,
the post-project evaluation on the vendor's record."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils.translation import gettext as _
from pypdf import PdfReader

from outsourcing.approvals.models import ApprovalRequest
from outsourcing.contracts import changes, closing, ending, history
from outsourcing.contracts.models import (
    CONTRACT_STATES,
    Contract,
    ContractStatus,
    NonRenewalNotice,
    PostProjectEvaluation,
    RenewalDecision,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import entry as worker_entry
from tests.contracts.factories import approve_everything, user
from tests.operations.factories import instruct
from tests.workforce.factories import contract_in_force, filed

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).replace("\n", "")


def _closed(contract: Contract) -> Contract:
    changes.start_exit(actor=user("procurement"), contract=contract, due=today())
    for item in contract.exit_items.all():
        changes.complete_exit_item(actor=user("procurement"), item=item, evidence="已完成，签字确认")
    return changes.close_contract(actor=user("procurement"), contract=contract)


# ---------------------------------------------------------------------------------------------------
# CON-6


def test_con6_every_app_contributes_its_history_section():
    """CON-6: contracts (amendments, notices, suspensions), workforce (workers' figures) and operations
    (instructions, meetings) each register a section; later apps add theirs the same way."""
    codes = {s.code for s in history.history_sections()}
    assert {"amendments", "breach_notices", "suspensions", "workers", "instructions", "meetings"} <= codes


def test_con6_renewal_decision_goes_through_approval_with_the_history_kept(demo, client_for, api_for):
    """CON-6: the page shows each section beside the decision; the decision is approved before a renewal
    agreement may follow; the history it was taken on is kept as it stood (audit)."""
    contract = contract_in_force("vendor1")
    instruct(contract)
    amendment = changes.propose_amendment(actor=user("procurement"), contract=contract, kind="amendment",
                                          description="增加夜班坐席", new_amount=Decimal("650000"))  # fmt: skip
    approve_everything(amendment, "contract_change")
    page = client_for("requester").get(contract.get_absolute_url()).content.decode()
    assert 'id="renewal-history"' in page and 'data-section="workers"' in page and amendment.number in page
    assert 'data-section="instructions"' in page and "夜班交接记录补全" in page

    # Bad input changes nothing: the page and the API answer the same way.
    refused = client_for("requester").post(f"/contracts/{contract.pk}/renewal/", {"choice": "renew", "reason": " "})
    assert refused.status_code == 200 and not RenewalDecision.objects.filter(contract=contract).exists()
    bad = api_for("requester").post(f"/api/contracts/{contract.pk}/renewal-decisions/",
                                    {"choice": "forever", "reason": "x"}, format="json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "required"

    client_for("requester").post(f"/contracts/{contract.pk}/renewal/", {"choice": "renew", "reason": "绩效良好"})
    decision = RenewalDecision.objects.get(contract=contract)
    assert decision.status == "in_approval"
    assert ApprovalRequest.objects.filter(object_id=decision.pk, flow__document_type="contract_renewal_decision")
    kept = {s["code"]: s["rows"] for s in decision.history}
    assert any(amendment.number in row for row in kept["amendments"]) and kept["instructions"]

    assert 'id="renewal-form"' not in client_for("requester").get(contract.get_absolute_url()).content.decode()
    again = api_for("requester").post(f"/api/contracts/{contract.pk}/renewal-decisions/",
                                      {"choice": "end", "reason": "改主意"}, format="json")  # fmt: skip
    assert again.status_code == 409 and again.json()["code"] == "pending"
    # Before approval, no renewal agreement: page and API refuse with the same code.
    a_year_on = contract.end_date + dt.timedelta(days=365)
    early = api_for("procurement").post(f"/api/contracts/{contract.pk}/renewal/", format="json")
    assert early.status_code == 405
    with pytest.raises(RuleViolation) as not_yet:
        changes.propose_amendment(actor=user("procurement"), contract=contract, kind="renewal",
                                  description="续签一年", new_end_date=a_year_on)  # fmt: skip
    assert not_yet.value.code == "renewal_not_decided"
    page_refusal = client_for("procurement").post(f"/contracts/{contract.pk}/amend/", {
        "kind": "renewal", "description": "续签一年", "new_end_date": a_year_on.isoformat()})  # fmt: skip
    assert page_refusal.status_code == 200 and "先就续约作出决定" in page_refusal.content.decode()

    roles = approve_everything(decision, "contract_renewal_decision")
    assert roles[0] == "dept_head"
    decision.refresh_from_db()
    assert decision.status == "approved"
    assert Notification.objects.filter(recipient=user("requester"), url__endswith="#renewal").exists()
    renewal = changes.propose_amendment(actor=user("procurement"), contract=contract, kind="renewal",
                                        description="续签一年", new_end_date=a_year_on)  # fmt: skip
    approve_everything(renewal, "contract_change")
    contract.refresh_from_db()
    assert contract.end_date == a_year_on
    decision.refresh_from_db()  # the kept history does not follow later changes
    assert not any(renewal.number in row for row in {s["code"]: s["rows"] for s in decision.history}["amendments"])

    api = api_for("requester").get(f"/api/contracts/{contract.pk}/renewal/").json()
    assert {s["code"] for s in api["sections"]} >= {"amendments", "workers", "instructions", "meetings"}
    assert api["decisions"][0]["status"] == "approved" and api["decisions"][0]["history"]
    assert api_for("vendor1").get(f"/api/contracts/{contract.pk}/renewal/").status_code == 403


def test_con6_con10_an_approved_end_sends_the_vendor_a_notice_of_non_renewal(demo, client_for):
    """CON-6, CON-10: an approved decision to end (or select again) issues the letter to the vendor."""
    contract = contract_in_force("vendor1")
    decision = changes.decide_renewal(actor=user("requester"), contract=contract, choice="end", reason="业务收回自营")
    assert not NonRenewalNotice.objects.filter(contract=contract).exists()  # not before approval
    approve_everything(decision, "contract_renewal_decision")
    notice = NonRenewalNotice.objects.get(contract=contract)
    assert notice.service_ends_on == contract.end_date
    assert Notification.objects.filter(recipient=user("vendor1"), title__contains=contract.number).exists()
    response = client_for("vendor1").get(f"/contracts/{contract.pk}/non-renewal/{notice.pk}.pdf")
    text = pdf_text(response.content)
    assert response.status_code == 200 and contract.number in text and contract.vendor.name in text
    assert "不续约通知函" in text
    assert client_for("vendor2").get(f"/contracts/{contract.pk}/non-renewal/{notice.pk}.pdf").status_code == 404
    assert notice.number in client_for("vendor1").get(contract.get_absolute_url()).content.decode()


def test_con10_the_owner_is_reminded_before_the_notice_deadline(demo):
    """CON-10: default 30 days before expiry (data on the contract); reminded from two weeks before it while no
    renewal is approved and no notice has gone out; quiet once the notice is sent."""
    contract = contract_in_force("vendor1")
    assert contract.non_renewal_notice_days == 30
    deadline = contract.end_date - dt.timedelta(days=30)
    reminders = Notification.objects.filter(recipient=user("requester"), title__contains=contract.number,
                                            url__endswith="#renewal", level__in=["warning", "danger"])  # fmt: skip
    run_daily_jobs(today=deadline - dt.timedelta(days=15))
    assert not reminders.filter(dedup_key__startswith="contract-non-renewal-due").exists()
    run_daily_jobs(today=deadline - dt.timedelta(days=14))
    assert reminders.filter(dedup_key__startswith="contract-non-renewal-due").count() == 1
    Contract.objects.filter(pk=contract.pk).update(non_renewal_notice_days=60)  # configurable per contract
    contract.refresh_from_db()
    assert ending.notice_deadline(contract) == contract.end_date - dt.timedelta(days=60)
    decision = changes.decide_renewal(actor=user("requester"), contract=contract, choice="retender", reason="重新遴选")
    approve_everything(decision, "contract_renewal_decision")
    assert contract not in ending.notices_due(deadline)


# ---------------------------------------------------------------------------------------------------
# CON-8


def test_con8_closing_checks_are_a_registry_the_settlement_app_can_join(demo, client_for, api_for):
    """CON-8: the exit plan's items are the first check; a later app (settlements) adds "final settlement
    done" by registering, without a line of contracts changed; page and API refuse with its code."""
    assert closing.closing_checks()[0].code == "exit_items_open"
    contract = contract_in_force("vendor1")
    changes.start_exit(actor=user("procurement"), contract=contract, due=today())
    api = api_for("procurement")
    refused = api.post(f"/api/contracts/{contract.pk}/close/")
    assert refused.status_code == 409 and refused.json()["code"] == "exit_items_open"
    for item in contract.exit_items.all():
        changes.complete_exit_item(actor=user("procurement"), item=item, evidence="已完成")
    closing.register_closing_check(  # a check of its own: the real settlements check stays registered
        code="later_app_check", title=lambda: "Final settlement not done",
        rule=lambda: "P2 3.1(3)", blockers=lambda c: [f"{c.number} 末次结算"], order=50,
    )  # fmt: skip
    try:
        refused = api.post(f"/api/contracts/{contract.pk}/close/")
        assert refused.status_code == 409 and refused.json()["code"] == "later_app_check"
        page = client_for("procurement").post(f"/contracts/{contract.pk}/close/", follow=True).content.decode()
        assert "末次结算" in page
        contract.refresh_from_db()
        assert contract.status == ContractStatus.EXITING
    finally:
        closing.unregister_closing_check("later_app_check")
    assert api.post(f"/api/contracts/{contract.pk}/close/").status_code == 200


# ---------------------------------------------------------------------------------------------------
# CON-10


def test_con10_transitions_are_declared_in_one_place():
    """CON-10: a signed contract's statuses move only as the table says."""
    transitions = CONTRACT_STATES.transitions
    assert transitions[ContractStatus.ACTIVE] == {ContractStatus.SUSPENDED, ContractStatus.EXITING}
    assert ContractStatus.ACTIVE in transitions[ContractStatus.SUSPENDED]
    assert not transitions[ContractStatus.CLOSED]


def test_con10_a_suspension_has_a_reason_a_start_and_a_resumption(demo, client_for, api_for):
    """CON-10: while suspended no new instruction goes out and no worker is filed; resumed, work goes on."""
    contract = contract_in_force("vendor1")
    future = client_for("requester").post(f"/contracts/{contract.pk}/suspend/", {
        "reason": "甲方系统迁移暂停服务", "starts_on": (today() + dt.timedelta(days=3)).isoformat()})  # fmt: skip
    assert future.status_code == 200 and "不晚于今天" in future.content.decode()
    api = api_for("requester")
    bad = api.post(f"/api/contracts/{contract.pk}/suspend/", {"reason": " ", "starts_on": today().isoformat()},
                   format="json")  # fmt: skip
    assert bad.status_code == 400
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    client_for("requester").post(f"/contracts/{contract.pk}/suspend/",
                                 {"reason": "甲方系统迁移暂停服务", "starts_on": today().isoformat()})  # fmt: skip
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUSPENDED
    assert Notification.objects.filter(recipient=user("vendor1"), title__contains=contract.number).exists()
    with pytest.raises(RuleViolation) as no_instruction:
        instruct(contract)
    assert no_instruction.value.code == "contract_not_live"
    with pytest.raises(RuleViolation) as no_filing:  # no new worker under a suspended contract
        filed(contract)
    assert no_filing.value.code == "contract"
    Contract.objects.filter(pk=contract.pk).update(status=ContractStatus.ACTIVE)
    contract.refresh_from_db()
    waiting = filed(contract)
    Contract.objects.filter(pk=contract.pk).update(status=ContractStatus.SUSPENDED)
    contract.refresh_from_db()
    waiting.refresh_from_db()
    assert any(r.code == "contract" for r in worker_entry.entry_blockers(waiting))  # nor an entry
    twice = api.post(f"/api/contracts/{contract.pk}/suspend/", {"reason": "再停", "starts_on": today().isoformat()},
                     format="json")  # fmt: skip
    assert twice.status_code == 409 and twice.json()["code"] == "wrong_status"
    resumed = api.post(f"/api/contracts/{contract.pk}/resume/", {"resumed_on": today().isoformat(),
                                                                 "note": "迁移完成"}, format="json")  # fmt: skip
    assert resumed.status_code == 200 and resumed.json()["resumed_on"] == today().isoformat()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    instruct(contract)
    page = client_for("requester").get(contract.get_absolute_url()).content.decode()
    assert "甲方系统迁移暂停服务" in page and "迁移完成" in page
    assert api.post(f"/api/contracts/{contract.pk}/resume/", {"resumed_on": today().isoformat(), "note": "x"},
                    format="json").json()["code"] == "wrong_status"  # fmt: skip


def test_con10_the_vendor_asks_to_terminate_and_legal_reviews(demo, client_for, api_for):
    """CON-10: recorded in the portal; refused only with a reason; accepted, the exit plan opens on the
    vendor's last day. Another vendor cannot ask."""
    contract = contract_in_force("vendor1")
    last_day = today() + dt.timedelta(days=45)
    assert (
        client_for("vendor2")
        .post(f"/contracts/{contract.pk}/termination-request/", {"reason": "x", "last_day": last_day.isoformat()})
        .status_code
        == 404
    )
    reason = "我司业务调整，无法继续提供服务"
    client_for("vendor1").post(f"/contracts/{contract.pk}/termination-request/",
                               {"reason": reason, "last_day": last_day.isoformat()})  # fmt: skip
    request = contract.termination_requests.get()
    assert request.status == "submitted" and request.created_by == user("vendor1")
    assert Notification.objects.filter(recipient=user("legal"), title__contains=contract.number).exists()
    assert "外包商解除申请待法务审查" in client_for("legal").get("/").content.decode()  # on legal's home
    again = api_for("vendor1").post(f"/api/contracts/{contract.pk}/termination-requests/",
                                    {"reason": "再次", "last_day": last_day.isoformat()}, format="json")  # fmt: skip
    assert again.status_code == 409 and again.json()["code"] == "termination_request_pending"

    no_reason = client_for("legal").post(f"/contracts/{contract.pk}/termination-review/",
                                         {"decision": "refuse", "note": ""})  # fmt: skip
    assert no_reason.status_code == 200 and "告知外包商拒绝的理由" in no_reason.content.decode()
    api_no_reason = api_for("legal").post(f"/api/contracts/{contract.pk}/termination-requests/{request.pk}/review/",
                                          {"accept": False}, format="json")  # fmt: skip
    assert api_no_reason.status_code == 400 and api_no_reason.json()["code"] == "refusal_reason_required"
    assert api_for("requester").post(f"/api/contracts/{contract.pk}/termination-requests/{request.pk}/review/",
                                     {"accept": True}, format="json").status_code == 403  # fmt: skip
    client_for("legal").post(f"/contracts/{contract.pk}/termination-review/",
                             {"decision": "refuse", "note": "合同约定须提前90日书面通知"})  # fmt: skip
    request.refresh_from_db()
    assert request.status == "refused" and request.decided_by == user("legal")

    asked = api_for("vendor1").post(f"/api/contracts/{contract.pk}/termination-requests/",
                                    {"reason": "按约定提前90日通知解除", "last_day": last_day.isoformat()},
                                    format="json")  # fmt: skip
    assert asked.status_code == 201
    accepted = api_for("legal").post(f"/api/contracts/{contract.pk}/termination-requests/{asked.json()['id']}/review/",
                                     {"accept": True, "note": "同意"}, format="json")  # fmt: skip
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXITING
    assert {item.due_date for item in contract.exit_items.all()} == {last_day}


def test_con10_every_ended_contract_gets_a_post_project_evaluation(demo, client_for, api_for):
    """CON-10, VEN-6: reminded after close while missing; scored per P2 3.1(1); kept on the vendor's record
    (its page, staff only); one per contract."""
    contract = _closed(contract_in_force("vendor1"))
    run_daily_jobs(today=today())
    assert Notification.objects.filter(recipient=user("requester"), dedup_key=f"contract-post-evaluation:{contract.pk}")
    assert "已关闭但未做项目后评估的合同" in client_for("requester").get("/").content.decode()
    api = api_for("requester")
    body = {"quality_score": 4, "delivery_score": 4, "compliance_score": 5, "cooperation_score": 3,
            "performance_summary": "SLA 达标率 96%，一次整改", "business_outlook": "明年业务量持平，继续外包",
            "recommendation": "work_again"}  # fmt: skip
    bad = api.post(f"/api/contracts/{contract.pk}/post-evaluation/", {**body, "quality_score": 7}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "score"
    page_bad = client_for("requester").post(f"/contracts/{contract.pk}/evaluation/", {**body, "business_outlook": ""})
    assert page_bad.status_code == 200 and not PostProjectEvaluation.objects.filter(contract=contract).exists()
    client_for("requester").post(f"/contracts/{contract.pk}/evaluation/", body)
    evaluation = PostProjectEvaluation.objects.get(contract=contract)
    assert "已关闭但未做项目后评估的合同" not in client_for("requester").get("/").content.decode()
    assert evaluation.vendor == contract.vendor and str(evaluation.average) == "4.0"
    twice = api.post(f"/api/contracts/{contract.pk}/post-evaluation/", body, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == "already_evaluated"
    vendor_page = client_for("hr").get(contract.vendor.get_absolute_url()).content.decode()
    assert 'id="vendor-evaluations"' in vendor_page and "SLA 达标率 96%" in vendor_page
    portal = client_for("vendor1").get("/vendors/portal/").content.decode()
    assert contract.number in portal  # its own contract, in its own portal
    assert "SLA 达标率 96%" not in portal  # the company's judgement stays internal
    assert _("Post-project evaluation")
