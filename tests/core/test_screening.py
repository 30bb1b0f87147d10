"""The direct-management text screen (OPS-2, RSK-3): terms as data HR extends, Chinese and English matching,
the warning with its legal reason, the recorded sign, and HR's page for the terms."""

from __future__ import annotations

import pytest

from outsourcing.core import screening
from outsourcing.core.errors import RuleViolation
from outsourcing.core.models import ScreenCategory, ScreenSign, ScreenTerm

pytestmark = pytest.mark.django_db


def categories(text: str) -> set[str]:
    return {hit.category for hit in screen_text(text)}


def screen_text(text: str):
    return screening.screen(text)


def test_ops2_every_category_is_seeded_in_chinese_and_english(demo):
    """OPS-2: leave, attendance, overtime, pay, deduction, bonus, discipline, warning, dismissal, hiring and
    interview are screened in both languages from a fresh install."""
    seeded = ScreenTerm.objects.filter(is_active=True)
    for category in ScreenCategory.values:
        terms = [t.term for t in seeded if t.category == category]
        assert any(not t.isascii() for t in terms), category
        assert any(t.isascii() for t in terms), category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司已批准他下周一请假三天", {ScreenCategory.LEAVE}),
        ("本月从他工资中扣除500元，并给予警告", {ScreenCategory.PAY, ScreenCategory.DEDUCTION, ScreenCategory.WARNING}),
        ("We approved his leave and docked his pay; he got a written warning.",
         {ScreenCategory.LEAVE, ScreenCategory.DEDUCTION, ScreenCategory.WARNING}),
        ("请安排面试后录用", {ScreenCategory.INTERVIEW, ScreenCategory.HIRING}),
        ("Please DISMISS him and hire someone else", {ScreenCategory.DISMISSAL, ScreenCategory.HIRING}),
        ("夜班交接记录不完整，请现场经理安排改进", set()),
        ("The handover log is incomplete; please repay the deposit.", set()),  # "pay" only at a word's start
    ],
)
def test_ops2_screen_finds_the_terms_in_chinese_and_english(demo, text, expected):
    """OPS-2: Chinese terms match anywhere, English ones at the start of a word, any case."""
    assert categories(text) == set(expected)


def test_ops2_the_warning_cites_the_rule_and_a_confirmation_records_the_sign(demo):
    """OPS-2, RSK-3: unconfirmed, the screen refuses with a stable code, the terms and 劳务派遣暂行规定 art. 27;
    confirmed, the hits come back and record_sign keeps the document, text, terms, who and when."""
    with pytest.raises(screening.ScreenWarning) as refused:
        screening.check("请假", "公司同意他请假", confirmed=False)
    assert refused.value.code == "direct_management_terms"
    assert "劳务派遣暂行规定" in str(refused.value) and "请假" in str(refused.value)
    assert refused.value.extra["hits"][0]["term"] == "请假"
    hits = screening.check("请假", "公司同意他请假", confirmed=True)
    term = ScreenTerm.objects.first()  # any saved record will do as the document
    sign = screening.record_sign(document=term, purpose="test", texts=["请假", "公司同意他请假"], hits=hits,
                                 actor=demo.hr, vendor_id=7)  # fmt: skip
    assert sign.document == term and sign.terms == ["请假"] and sign.recorded_by == demo.hr
    assert sign.text == "请假\n\n公司同意他请假" and screening.signs(vendor_id=7).count() == 1
    assert screening.record_sign(document=term, purpose="test", texts=["x"], hits=[], actor=demo.hr) is None


def test_ops2_hr_adds_and_disables_terms_on_the_page(demo, client_for):
    """OPS-2: HR extends the list (the new term is screened at once) and takes a term out of use; a project
    owner reads the list but may not change it; the default installer never revives a disabled term."""
    hr = client_for("hr")
    page = hr.get("/org/screened-terms/")
    assert page.status_code == 200 and "请假" in page.content.decode()
    assert "公司已安排他轮岗" and not screening.screen("公司已安排他轮岗")
    assert hr.post("/org/screened-terms/", {"term": "轮岗", "category": "hiring"}).status_code == 302
    assert [h.term for h in screening.screen("公司已安排他轮岗")] == ["轮岗"]
    again = hr.post("/org/screened-terms/", {"term": "轮岗", "category": "hiring"})
    assert again.status_code == 200 and "已" in str(again.context["form"].errors["term"])
    leave = ScreenTerm.objects.get(term="请假")
    assert hr.post(f"/org/screened-terms/{leave.pk}/use/", {"in_use": "0"}).status_code == 302
    assert not screening.screen("他想请假")
    screening.install_default_terms()
    assert not ScreenTerm.objects.get(term="请假").is_active
    requester = client_for("requester")
    assert requester.get("/org/screened-terms/").status_code == 200
    assert requester.post("/org/screened-terms/", {"term": "排班", "category": "attendance"}).status_code == 403
    assert requester.post(f"/org/screened-terms/{leave.pk}/use/", {"in_use": "1"}).status_code == 403
    assert client_for("vendor1").get("/org/screened-terms/").status_code == 403
    with pytest.raises(RuleViolation) as refused:
        screening.add_term(actor=demo.requester, term="排班", category="attendance")
    assert refused.value.code == "not_allowed" and not ScreenTerm.objects.filter(term="排班").exists()
    assert not ScreenSign.objects.exists()
