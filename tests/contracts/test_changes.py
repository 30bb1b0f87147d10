"""CON-6 amendments as approved versions, renewal reminded and decided; CON-7 breach notices after legal
review as PDFs; CON-8 the exit plan before closing."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from outsourcing.contracts import changes
from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from tests.contracts.factories import approve_everything, signed, user

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).replace("\n", "")


def test_an_amendment_applies_once_approved_as_a_new_version(demo):
    """CON-6"""
    contract = signed()
    end, amount = contract.end_date, contract.amount
    amendment = changes.propose_amendment(actor=user("procurement"), contract=contract, kind="amendment",
                                          description="增加夜班坐席10席", new_amount=Decimal("1300000"))  # fmt: skip
    contract.refresh_from_db()
    assert contract.amount == amount and contract.version == 1  # not before approval
    with pytest.raises(RuleViolation):  # one at a time
        changes.propose_amendment(actor=user("procurement"), contract=contract, kind="amendment", description="再改")
    approve_everything(amendment, "contract_change")
    contract.refresh_from_db()
    amendment.refresh_from_db()
    assert contract.amount == Decimal("1300000") and contract.end_date == end
    assert contract.version == 2 and amendment.applied_version == 2


@pytest.mark.parametrize("extra", [{}, {"new_amount": Decimal("1300000")}, {"new_end_date": "later"}])
def test_an_amendment_always_says_what_changes(demo, extra):
    """CON-6: a change is described even when it carries a new amount or end (one check: the description is
    required on every change, blank counts as empty), and a refused proposal changes nothing."""
    from outsourcing.contracts.models import Amendment

    contract = signed()
    if extra.get("new_end_date"):
        extra = {"new_end_date": contract.end_date + dt.timedelta(days=30)}
    with pytest.raises(RuleViolation) as refused:
        changes.propose_amendment(actor=user("procurement"), contract=contract, kind="amendment", description="  ",
                                  **extra)  # fmt: skip
    assert (refused.value.code, refused.value.field) == ("required", "description")
    assert not Amendment.objects.filter(contract=contract).exists()


def test_renewal_is_reminded_in_time_with_the_record_and_decided(demo, client_for):
    """CON-6, X-2: three months (configurable) before expiry the owner hears once; the page shows the record
    beside the decision; renewal signs a renewal agreement through approval."""
    contract = signed()
    window_opens = contract.end_date - dt.timedelta(days=contract.renewal_notice_days)
    run_daily_jobs(today=window_opens - dt.timedelta(days=1))
    renewal_notices = Notification.objects.filter(url=contract.get_absolute_url() + "#renewal")
    assert not renewal_notices.exists()
    run_daily_jobs(today=window_opens)
    run_daily_jobs(today=window_opens + dt.timedelta(days=1))
    assert renewal_notices.filter(recipient=user("requester")).count() == 1
    page = client_for("requester").get(contract.get_absolute_url())
    assert page.context["renewal_form"] is not None and page.context["history"]["award"] == contract.award
    assert "系统将在到期前 90 天提醒" in page.content.decode()  # far from the end: when the reminder comes
    Contract.objects.filter(pk=contract.pk).update(end_date=today() + dt.timedelta(days=59))
    soon = client_for("requester").get(contract.get_absolute_url()).content.decode()
    assert "还有 59 天" in soon and "系统将在到期前" not in soon  # inside the window: how long is left
    Contract.objects.filter(pk=contract.pk).update(end_date=contract.end_date)
    decision = changes.decide_renewal(actor=user("requester"), contract=contract, choice="renew",
                                      reason="绩效良好，续签一年")  # fmt: skip
    approve_everything(decision, "contract_renewal_decision")
    with pytest.raises(RuleViolation) as short:
        changes.propose_amendment(actor=user("procurement"), contract=contract, kind="renewal",
                                  description="续签", new_end_date=contract.end_date)  # fmt: skip
    assert short.value.field == "new_end_date"
    a_year_on = contract.end_date + dt.timedelta(days=365)
    renewal = changes.propose_amendment(actor=user("procurement"), contract=contract, kind="renewal",
                                        description="续签一年", new_end_date=a_year_on)  # fmt: skip
    approve_everything(renewal, "contract_change")
    contract.refresh_from_db()
    assert contract.end_date == renewal.new_end_date


def test_a_rectification_notice_goes_out_after_legal_review_as_a_pdf(demo, client_for, api_for):
    """CON-7: built from the recorded facts; the vendor reads and answers it in the portal."""
    contract = signed()
    notice = changes.draft_notice(
        actor=user("requester"), contract=contract, kind="rectification", clause="第5条 服务标准",
        facts="2026年11月接通率仅82%，低于约定的95%，且连续两周夜班缺岗。", found_on=today(),
        demand="增补夜班坐席并提交整改报告。", respond_by=today() + dt.timedelta(days=15),
    )  # fmt: skip
    assert client_for("requester").get(f"/contracts/{contract.pk}/notices/{notice.pk}.pdf").status_code == 404
    assert approve_everything(notice, "contract_rectification") == ["legal"]
    response = client_for("requester").get(f"/contracts/{contract.pk}/notices/{notice.pk}.pdf")
    text = pdf_text(response.content)
    assert "整改通知书" in text and contract.vendor.name in text and "接通率仅82%" in text and contract.number in text
    vendor_pdf = client_for("vendor1").get(f"/contracts/{contract.pk}/notices/{notice.pk}.pdf")
    assert vendor_pdf.status_code == 200
    assert client_for("vendor2").get(f"/contracts/{contract.pk}/notices/{notice.pk}.pdf").status_code == 404
    client_for("vendor1").post(f"/contracts/{contract.pk}/notices/{notice.pk}/answer/", {"response": "已增补10席"})
    notice.refresh_from_db()
    assert notice.vendor_response == "已增补10席"
    again = api_for("vendor1").post(f"/api/contracts/{contract.pk}/notice-answers/",
                                    {"notice": notice.pk, "response": "改口"}, format="json")  # fmt: skip
    assert again.status_code == 409 and "已答复过" in again.json()["detail"]
    notice.refresh_from_db()
    assert notice.vendor_response == "已增补10席"  # the formal answer stands


def test_a_termination_notice_needs_management_and_opens_the_exit(demo, client_for):
    """CON-7, CON-8: raised by HR (legal, who reviews it, does not review its own), approved by legal and
    management; the exit and handover plan opens."""
    contract = signed()
    notice = changes.draft_notice(
        actor=user("hr"), contract=contract, kind="termination", clause="第8条 违约责任",
        facts="经整改仍未达标，且发现拖欠外包人员工资。", found_on=today(), demand="自通知送达之日起30日内解除合同。",
    )  # fmt: skip
    roles = approve_everything(notice, "contract_termination")
    assert roles == ["legal", "management"]
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXITING and contract.exit_items.count() == 4
    text = pdf_text(client_for("legal").get(f"/contracts/{contract.pk}/notices/{notice.pk}.pdf").content)
    assert "合同解除通知函" in text and contract.vendor.name in text


def test_the_contract_cannot_close_while_any_exit_item_is_open(demo):
    """CON-8, X-8: the open items are named; once all are done, it closes; nothing changes on a closed one."""
    contract = signed()
    changes.start_exit(actor=user("procurement"), contract=contract, due=contract.end_date)
    items = list(contract.exit_items.all())
    for item in items[:-1]:
        changes.complete_exit_item(actor=user("procurement"), item=item, evidence="已完成，签字确认")
    with pytest.raises(RuleViolation) as refused:
        changes.close_contract(actor=user("procurement"), contract=contract)
    assert refused.value.code == "exit_items_open" and items[-1].description in str(refused.value.message)
    with pytest.raises(RuleViolation):
        changes.complete_exit_item(actor=user("procurement"), item=items[-1], evidence="")
    changes.complete_exit_item(actor=user("procurement"), item=items[-1], evidence="最终结算单已签")
    closed = changes.close_contract(actor=user("procurement"), contract=contract)
    assert closed.status == ContractStatus.CLOSED
    with pytest.raises(RuleViolation) as late:
        changes.propose_amendment(actor=user("procurement"), contract=closed, kind="renewal", description="续签",
                                  new_end_date=closed.end_date + dt.timedelta(days=365))  # fmt: skip
    assert late.value.code == "wrong_status"
