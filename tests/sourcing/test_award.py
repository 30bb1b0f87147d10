"""SRC-7 negotiation, the award through approval, the award notice and result letters as PDFs with Chinese
text, the evaluation report, and each vendor seeing its own result in the portal."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.approvals.services import decide
from outsourcing.approvals.states import ApprovalState
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.sourcing import award as awarding
from outsourcing.sourcing.models import EventStatus
from tests.sourcing.factories import at_scoring, event_with_answers, sheet, user

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text as a reader would copy it, lines joined (a long name may wrap in a table cell)."""
    reader = PdfReader(BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


@pytest.fixture
def scored(demo):
    event, vendors = event_with_answers(("1100000", "1000000", "1250000"))
    event = at_scoring(event)
    first, second, third = (v.name for v in vendors)
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        sheet(event, username, {first: 92, second: 85, third: 70})
    return event, vendors


APPROVER = {"dept_head": "depthead", "hr": "hr", "management": "manager"}


def approve_all(award) -> list[str]:
    """Approve the award's chain step by step; returns the roles asked, in order."""
    roles = []
    for _ in range(5):
        task = ApprovalTask.objects.filter(request__object_id=award.pk, request__flow__document_type="sourcing_award",
                                           status=TaskStatus.PENDING).first()  # fmt: skip
        if task is None:
            break
        roles.append(task.role)
        decide(task=task, actor=user(APPROVER[task.role]), decision="approve")
    return roles


def test_award_through_approval_then_letters_and_each_vendors_own_result(scored, client_for):
    """SRC-7, X-5: negotiation recorded; the award approved by the chain (1,060,000 ≥ 500,000 needs
    management); the notice names the winner and the project in Chinese; the others get result letters;
    each vendor user sees only its own result."""
    event, vendors = scored
    winner = event.candidates.get(vendor=vendors[0])
    awarding.record_negotiation(
        actor=user("procurement"), candidate=winner, held_on=today(), participants="采购部赵磊、客户服务部李强",
        notes="同意降价至106万元，服务期12个月", final_quote=Decimal("1060000"),
    )  # fmt: skip
    award = awarding.propose_award(
        actor=user("procurement"), event=event, winner=winner, amount=Decimal("1060000"), reason="综合得分第一"
    )
    event.refresh_from_db()
    assert award.status == ApprovalState.IN_APPROVAL and event.status == EventStatus.AWARDING
    assert approve_all(award) == ["dept_head", "hr", "management"]
    award.refresh_from_db()
    event.refresh_from_db()
    assert award.status == ApprovalState.APPROVED and event.status == EventStatus.AWARDED

    notice = client_for("procurement").get(f"/sourcing/{event.pk}/award-notice.pdf")
    assert notice["Content-Type"] == "application/pdf"
    text = pdf_text(notice.content)
    assert "中标通知书" in text and vendors[0].name in text and event.project.name in text and "¥1,060,000.00" in text
    loser = event.candidates.get(vendor=vendors[1])
    letter = pdf_text(client_for("procurement").get(f"/sourcing/{event.pk}/letters/{loser.pk}.pdf").content)
    assert "结果通知书" in letter and vendors[1].name in letter and vendors[0].name not in letter
    assert client_for("procurement").get(f"/sourcing/{event.pk}/letters/{winner.pk}.pdf").status_code == 404

    mine = client_for("vendor1").get(f"/sourcing/portal/{event.pk}/letter.pdf")
    assert "中标通知书" in pdf_text(mine.content)
    theirs = client_for("vendor2").get(f"/sourcing/portal/{event.pk}/letter.pdf")
    theirs_text = pdf_text(theirs.content)
    assert "结果通知书" in theirs_text and vendors[0].name not in theirs_text
    assert Notification.objects.filter(recipient=user("vendor1"), title__contains=event.title).exists()
    assert "1,060,000" not in client_for("vendor2").get(f"/sourcing/portal/{event.pk}/").content.decode()


def test_the_evaluation_report_pdf(scored, client_for):
    """SRC-7: ranking, weights, panel and eliminations, in Chinese."""
    event, vendors = scored
    response = client_for("procurement").get(f"/sourcing/{event.pk}/report.pdf")
    text = pdf_text(response.content)
    assert "评估报告" in text and vendors[0].name in text and "技术方案" in text and event.number in text
    assert "技术方案 30%" in text and "E+" not in text  # the weights as people write them, not 3E+1


def test_award_needs_complete_scoring_a_reason_and_a_candidate_still_in(demo):
    """SRC-7, X-8"""
    event, vendors = event_with_answers()
    event = at_scoring(event)
    winner = event.candidates.get(vendor=vendors[0])
    sheet(event, "hr", 80)
    with pytest.raises(RuleViolation) as early:
        awarding.propose_award(actor=user("procurement"), event=event, winner=winner, amount=Decimal("1"), reason="x")
    assert early.value.code == "scoring_not_complete"
    for username in ("requester", "legal", "finance", "itowner"):
        sheet(event, username, 80)
    with pytest.raises(RuleViolation) as no_reason:
        awarding.propose_award(actor=user("procurement"), event=event, winner=winner, amount=Decimal("1"), reason="")
    assert no_reason.value.field == "reason"
    with pytest.raises(RuleViolation):
        awarding.propose_award(actor=user("procurement"), event=event, winner=winner, amount=Decimal("0"), reason="x")
    with pytest.raises(RuleViolation):
        awarding.record_negotiation(actor=user("procurement"), candidate=winner, held_on=today() + dt.timedelta(days=1),
                                    participants="采购部", notes="约定")  # fmt: skip
    assert not event.awards.exists()


def test_a_rejected_award_reopens_the_choice_and_departures_are_shown(scored):
    """SRC-7: choosing the second-ranked needs the approvers' eyes; a rejection allows a new proposal."""
    event, vendors = scored
    second = event.candidates.get(vendor=vendors[1])
    award = awarding.propose_award(
        actor=user("procurement"), event=event, winner=second, amount=Decimal("2000000"), reason="报价最低"
    )
    notes = awarding.departures(award)
    assert len(notes) == 2 and vendors[0].name in notes[0]
    task = ApprovalTask.objects.get(request__object_id=award.pk, status=TaskStatus.PENDING)
    decide(task=task, actor=user("depthead"), decision="reject", comment="应选择综合得分第一的外包商")
    event.refresh_from_db()
    assert event.status == EventStatus.EVALUATING
    first = event.candidates.get(vendor=vendors[0])
    again = awarding.propose_award(
        actor=user("procurement"), event=event, winner=first, amount=Decimal("1100000"), reason="综合得分第一"
    )
    assert again.pk != award.pk and again.status == ApprovalState.IN_APPROVAL


def test_the_event_page_through_its_life(demo, client_for):
    """SRC-1..SRC-7: the page renders for the organiser, a member and audit at every step, showing what fits."""
    event, vendors = event_with_answers()
    viewers = ("procurement", "hr", "auditor", "legal")

    def pages():
        return {u: client_for(u).get(event.get_absolute_url()) for u in viewers}

    assert all(r.status_code == 200 for r in pages().values())
    event = at_scoring(event)
    assert 'id="score-now"' in pages()["hr"].content.decode()
    for username in ("requester", "hr", "legal", "finance", "itowner"):
        sheet(event, username, 80)
    organiser_page = pages()["procurement"]
    assert organiser_page.context["award_form"] is not None and 'id="ranking"' in organiser_page.content.decode()
    winner = event.candidates.get(vendor=vendors[0])
    award = awarding.propose_award(
        actor=user("procurement"),
        event=event,
        winner=winner,
        amount=Decimal("900000"),
        reason="综合得分并列第一，报价更优",
    )
    assert all(r.status_code == 200 for r in pages().values())
    approve_all(award)
    awarded = pages()["auditor"].content.decode()
    assert 'id="award-notice-pdf"' in awarded and awarded.count("result-letter") == 2
