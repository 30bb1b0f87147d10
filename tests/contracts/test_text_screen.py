"""CON-3, OPS-2, CON-9 (issue 15, loophole 8): the contract's scope and invoice text screened in co-review. Text that
has the company keep the workers' attendance or replace named people, or an invoice item of 劳务派遣, is warned
about with the reason; HR's reviewer answers the warning before HR's approval goes through, on the page and
through the API (`text_warning_unanswered`); a clean contract is not warned."""

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.contracts import drafting, textscreen
from outsourcing.contracts.models import ContractStatus, TextWarningAnswer
from outsourcing.core.errors import RuleViolation
from tests.contracts.factories import approve_everything, draft, tick_all, user

pytestmark = pytest.mark.django_db

ATTENDANCE_SCOPE = "7×24小时客服热线接听与回访；甲方负责考勤，外包人员每日在甲方系统打卡。"


def in_review(**overrides):
    contract = draft(**overrides)
    drafting.submit_for_review(actor=user("procurement"), contract=contract)
    contract.refresh_from_db()
    tick_all(contract)
    return contract


def hr_task(contract):
    return ApprovalTask.objects.get(request__object_id=contract.pk, request__flow__document_type="contract",
                                    role="hr", status=TaskStatus.PENDING)  # fmt: skip


def test_scope_where_the_company_keeps_attendance_is_warned_with_the_reason_on_the_page(demo, client_for):
    """CON-3, OPS-2 (issue 15, loophole 8): a scope saying "甲方负责考勤" is warned about in the co-review, with
    the reason (劳务派遣暂行规定 art. 27), on the contract page for the reviewers; the vendor does not see it."""
    contract = in_review(scope=ATTENDANCE_SCOPE)
    found = textscreen.warnings_for(contract)
    assert [(w.field, w.clause) for w in found] == [("scope", "甲方负责考勤"), ("scope", "外包人员每日在甲方系统打卡")]
    assert {w.rule for w in found} == {"attendance_roster"}
    page = client_for("legal").get(contract.get_absolute_url()).content.decode()
    assert 'id="text-warnings"' in page and "甲方负责考勤" in page and "劳务派遣暂行规定" in page
    assert 'id="text-warning-answer-form"' not in page  # legal reads it; HR's reviewer answers
    assert 'id="text-warning-answer-form"' in client_for("hr").get(contract.get_absolute_url()).content.decode()
    assert 'id="text-warnings"' not in client_for("vendor1").get(contract.get_absolute_url()).content.decode()


def test_a_dispatch_invoice_item_and_replacing_named_people_are_warned(demo, api_for):
    """CON-3, CON-9, OPS-2 (issue 15, loophole 8): an invoice item "劳务派遣服务费" on an outsourcing contract and
    a clause letting the company replace named people are warned about, each with its law (劳动合同法)."""
    contract = in_review(invoice_type="增值税专用发票，开票项目：劳务派遣服务费",
                         sla="接通率≥95%；甲方有权要求乙方更换不称职的外包人员。")  # fmt: skip
    body = api_for("hr").get(f"/api/contracts/{contract.pk}/text-warnings/").json()
    assert [(w["rule"], w["field"]) for w in body["warnings"]] == [("replacement", "sla"),
                                                                   ("dispatch_invoice", "invoice_type")]  # fmt: skip
    assert all("劳动合同法" in w["reason"] for w in body["warnings"]) and body["answered"] is False
    assert api_for("vendor1").get(f"/api/contracts/{contract.pk}/text-warnings/").status_code == 403


def test_hr_approval_is_refused_on_the_page_until_hr_answers_the_warning(demo, client_for):
    """CON-3, OPS-2 (issue 15, loophole 8): HR approving in the inbox with the warning unanswered is refused with
    `text_warning_unanswered`; HR answers on the contract page (text, who, when recorded) and then approves."""
    contract = in_review(scope=ATTENDANCE_SCOPE)
    task = hr_task(contract)
    hr = client_for("hr")
    refused = hr.post(f"/approvals/tasks/{task.pk}/decide/", {"decision": "approve", "comment": "同意"},
                      HTTP_HX_REQUEST="true").content.decode()  # fmt: skip
    assert 'data-code="text_warning_unanswered"' in refused and "甲方负责考勤" in refused
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING
    empty = hr.post(f"/contracts/{contract.pk}/text-warning-answer/", {"answer": ""})
    assert empty.status_code == 200 and not TextWarningAnswer.objects.exists()
    answered = hr.post(f"/contracts/{contract.pk}/text-warning-answer/",
                       {"answer": "已退回起草人改为“乙方负责考勤并按月报送工作量确认单”，本版作为记录。"})  # fmt: skip
    assert answered.status_code == 302
    answer = TextWarningAnswer.objects.get()
    assert answer.answered_by == user("hr") and answer.version == contract.version and answer.answered_at
    page = hr.get(contract.get_absolute_url()).content.decode()
    assert "乙方负责考勤并按月报送工作量确认单" in page and 'id="text-warning-answer-form"' not in page
    approved = hr.post(f"/approvals/tasks/{task.pk}/decide/", {"decision": "approve", "comment": "同意"},
                       HTTP_HX_REQUEST="true").content.decode()  # fmt: skip
    assert "task-error" not in approved
    task.refresh_from_db()
    assert task.status == TaskStatus.APPROVED


def test_hr_approval_is_refused_through_the_api_until_answered(demo, api_for):
    """CON-3, OPS-2 (issue 15, loophole 8): the API answers 400 `text_warning_unanswered`; only HR's reviewer may
    answer through POST /api/contracts/{id}/text-warning-answer/; then HR's approval goes through."""
    contract = in_review(invoice_type="劳务派遣服务费（差额征税）")
    task = hr_task(contract)
    hr = api_for("hr")
    refused = hr.post(f"/api/approvals/tasks/{task.pk}/approve/", {"comment": "同意"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "text_warning_unanswered"
    url = f"/api/contracts/{contract.pk}/text-warning-answer/"
    assert api_for("legal").post(url, {"answer": "可以"}, format="json").json()["code"] == "not_allowed"
    assert api_for("vendor2").post(url, {"answer": "可以"}, format="json").status_code == 404
    assert hr.post(url, {"answer": " "}, format="json").json()["code"] == "required"
    answered = hr.post(url, {"answer": "发票项目须改为“客服外包服务费”，签署前由财务核对。"}, format="json")
    assert answered.status_code == 200 and answered.json()["answered"] is True
    assert answered.json()["answers"][0]["answered_by"] == "hr"
    assert hr.post(f"/api/approvals/tasks/{task.pk}/approve/", {"comment": "同意"}, format="json").status_code == 200


def test_a_clean_contract_is_not_warned_and_approves_as_before(demo, client_for):
    """CON-3, OPS-2 (issue 15, loophole 8): the standard text ("外包商自行组织人员", "乙方负责考勤") is not warned
    about, shows no warning section, and HR approves without an answer."""
    contract = in_review(scope="客服热线接听与回访，外包商自行组织人员；乙方负责考勤与排班，甲方按月验收服务结果。")
    assert textscreen.warnings_for(contract) == []
    assert 'id="text-warnings"' not in client_for("hr").get(contract.get_absolute_url()).content.decode()
    with pytest.raises(RuleViolation) as nothing:
        textscreen.answer_warning(actor=user("hr"), contract=contract, answer="无")
    assert nothing.value.code == "no_text_warning"
    approve_everything(contract, "contract")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.APPROVED


def test_attendance_terms_hr_adds_to_the_screen_are_used_on_contracts(demo):
    """OPS-2 (issue 15, loophole 8): the attendance words come from the screen's terms HR keeps, so a term HR
    adds (category attendance) warns on a contract too."""
    from outsourcing.core import screening

    contract = draft(scope="甲方统一记工时并核定每人出勤。")
    assert textscreen.warnings_for(contract) == []
    screening.add_term(actor=user("hr"), term="出勤", category="attendance")
    assert [w.term for w in textscreen.warnings_for(contract)] == ["出勤"]
