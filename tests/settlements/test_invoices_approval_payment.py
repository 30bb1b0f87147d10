"""Request and invoices (SET-4, SET-7), approval (SET-5, WRK-6), payment once (SET-5), the PDF with 人民币大写."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.audit.actor import perform
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.settlements import adjustments, approval, invoices, payments
from outsourcing.settlements.documents import rmb_upper, settlement_pdf
from outsourcing.settlements.models import Invoice, Payment, SettlementStatus, TaxRule
from tests.settlements.factories import accepted, approve_everything, invoice_data, requested, tax_rules, user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"total": "50000.01"}, "invoice_total"),  # total ≠ amount + tax
        ({"rate": "9"}, "rate_not_valid"),  # no 9 % rule for the item
        ({"issued_on": dt.date(2025, 6, 1)}, "rate_not_valid"),  # before the rule is valid
        ({"tax_method": "margin", "pass_through": "30000"}, "rate_not_valid"),
        ({"tax_item": "经纪代理服务*劳务派遣服务", "tax_method": "margin", "rate": "5", "pass_through": "30000"},
         "pass_through_on_special"),
        ({"issuer_name": "别的公司"}, "issuer_not_vendor"),
        ({"payee_account_type": "personal"}, "personal_account"),
        ({"payee_name": "郑海"}, "payee_not_vendor"),
        ({"amount": 47169.81}, "bad_money"),  # a float
        ({"amount": "47169.811"}, "bad_money"),  # a third decimal
    ],
)  # fmt: skip
def test_set7_bad_invoices_are_refused_and_nothing_is_saved(overrides, code):
    """SET-7 bad input: each check refuses with its code; the request, its invoice and the status are unchanged."""
    tax_rules()
    settlement = accepted()
    with pytest.raises(RuleViolation) as refused:
        perform("vendor1", approval.submit_request, settlement=settlement, amount="50000.00",
                invoices=[invoice_data(settlement, **overrides)])  # fmt: skip
    assert refused.value.code == code
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.ACCEPTED and settlement.requested_amount is None
    assert not Invoice.objects.exists()


def test_set7_an_invoice_number_is_used_once_per_issuer_across_contracts():
    """SET-7: the same number from the same issuer on another contract's settlement is refused."""
    first = requested()
    used = first.invoices.get().number
    second = accepted()
    with pytest.raises(RuleViolation) as refused:
        perform("vendor1", approval.submit_request, settlement=second, amount="50000.00",
                invoices=[invoice_data(second, number=used)])  # fmt: skip
    assert refused.value.code == "invoice_number_used"


def test_set7_the_tax_rule_table_is_finances_and_dated():
    """SET-7: finance keeps the rules with their source; others may not; a dispatch item is a disguise sign."""
    tax_rules()
    assert TaxRule.objects.filter(rate=Decimal("6"), method="general").exists()
    assert TaxRule.objects.filter(rate=Decimal("5"), method="margin", tax_item__contains="劳务派遣").exists()
    assert all(rule.source for rule in TaxRule.objects.all())
    with pytest.raises(RuleViolation):
        invoices.save_tax_rule(actor=user("requester"), tax_item="x", method="general", rate="6",
                               valid_from=today(), valid_until=None, source="x")  # fmt: skip
    settlement = requested(tax_item="经纪代理服务*劳务派遣服务", invoice_type="digital_ordinary", rate="6")
    reasons = invoices.invoice_reasons(settlement.invoices.get())
    assert [r.code for r in reasons] == ["disguise_item"]


def test_set4_three_way_match_shows_the_difference_and_holds_finance_outside_the_tolerance():
    """SET-4: fee 50,000 − late fine 300 = 49,700 expected; the vendor asks 50,000 and invoices 50,000: a difference
    of +300.00 on each line, outside the tolerance (0.5 % = 248.50, ¥100 → ¥100): finance is held with it."""
    settlement = accepted()
    perform("requester", adjustments.add_line, settlement=settlement, line_type_code="late_fine", amount="-300",
            reason="周报迟交")  # fmt: skip
    settlement = requested(settlement, amount="50000.00")
    rows = invoices.three_way_match(settlement)
    assert [(r.expected, r.actual, r.difference) for r in rows] == [
        (Decimal("50000.00"), None, None), (Decimal("-300.00"), None, None),
        (Decimal("49700.00"), Decimal("50000.00"), Decimal("300.00")),
        (Decimal("49700.00"), Decimal("50000.00"), Decimal("300.00"))]  # fmt: skip
    assert invoices.tolerance(Decimal("49700.00")) == Decimal("100.00")
    reasons = approval.step_blockers(settlement, role="finance")
    assert [r.code for r in reasons] == ["three_way_match", "three_way_match"] and "¥300.00" in reasons[0]
    within = requested(accepted(), amount="50080.00", total="50080.00")  # +80 is within ¥100
    assert approval.step_blockers(within, role="finance") == []


def test_set5_approval_runs_business_hr_finance_and_payment_is_once():
    """SET-5: business head → HR → finance; then finance pays once, never above the approved amount."""
    settlement = requested()
    assert settlement.status == SettlementStatus.IN_APPROVAL
    roles = approve_everything(settlement, "settlement")
    assert roles == ["dept_head", "hr", "finance"]
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.APPROVED and settlement.approved_amount == Decimal("50000.00")
    with pytest.raises(RuleViolation) as refused:
        perform("finance", payments.record_payment, settlement=settlement, paid_on=today(), amount="50000.01",
                bank_reference="B1")  # fmt: skip
    assert refused.value.code == "above_approved"
    with pytest.raises(RuleViolation):
        perform("requester", payments.record_payment, settlement=settlement, paid_on=today(), amount="50000",
                bank_reference="B1")  # fmt: skip
    payment = perform("finance", payments.record_payment, settlement=settlement, paid_on=today(), amount="50000.00",
                      bank_reference="ICBC20260101")  # fmt: skip
    with pytest.raises(Conflict) as twice:
        perform("finance", payments.record_payment, settlement=settlement, paid_on=today(), amount="1",
                bank_reference="B2")  # fmt: skip
    assert twice.value.code == "already_paid" and Payment.objects.get() == payment
    correction = perform("finance", adjustments.add_line, settlement=settlement, line_type_code="correction",
                         amount="-120.00", reason="多付的加班餐补冲回")  # fmt: skip
    assert correction.after_payment
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.PAID and settlement.approved_amount == Decimal("50000.00")


def test_set5_a_settlement_held_at_finance_cannot_be_approved_or_paid():
    """SET-5: a difference outside the tolerance refuses finance's approval; the settlement stays unpaid."""
    settlement = requested(accepted(), amount="51000.00", total="51000.00")
    approve_everything(settlement, "settlement", skip=("finance",))
    task = ApprovalTask.objects.get(request__object_id=settlement.pk, role="finance", status=TaskStatus.PENDING)
    from outsourcing.approvals.services import decide

    with pytest.raises(RuleViolation) as refused:
        decide(task=task, actor=user("finance"), decision="approve")
    assert refused.value.code == "three_way_match" and "51,000.00" in str(refused.value)
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.IN_APPROVAL
    with pytest.raises(Conflict):
        perform("finance", payments.record_payment, settlement=settlement, paid_on=today(), amount="1",
                bank_reference="B")  # fmt: skip


def test_set5_returned_goes_back_to_the_vendor_who_resubmits():
    """SET-5: a return sends the request back to vendor1, who resubmits with a corrected invoice."""
    from outsourcing.approvals.services import decide

    settlement = requested()
    task = ApprovalTask.objects.get(request__object_id=settlement.pk, status=TaskStatus.PENDING)
    decide(task=task, actor=user("depthead"), decision="return", comment="工作量附件缺失")
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.REQUESTED and settlement.approval_state == "returned"
    settlement = perform("vendor1", approval.submit_request, settlement=settlement, amount="50000.00", invoices=[])
    assert settlement.status == SettlementStatus.IN_APPROVAL


@pytest.mark.parametrize(
    ("amount", "words"),
    [("45000.50", "人民币肆万伍仟元伍角整"), ("1234567.89", "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
     ("100000001.01", "人民币壹亿零壹元零壹分"), ("1005", "人民币壹仟零伍元整"), ("10010", "人民币壹万零壹拾元整"),
     ("0.05", "人民币伍分"), ("0", "人民币零元整"), ("1010101", "人民币壹佰零壹万零壹佰零壹元整")],
)  # fmt: skip
def test_set5_rmb_in_capital_numerals_hand_computed(amount, words):
    """SET-5: the approved amount in 人民币大写, checked against hand-written forms."""
    assert rmb_upper(amount) == words


def test_set5_the_approved_settlement_prints_with_the_amount_in_words():
    """SET-5: the PDF carries the figures and 人民币大写 of the approved amount."""
    settlement = requested()
    approve_everything(settlement, "settlement")
    settlement.refresh_from_db()
    content = settlement_pdf(settlement)
    assert content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "伍万元整" in text.replace(" ", "") and settlement.number in text
