"""The vendor's request and invoices (SET-4, SET-7) and their checks, each a Reason with a stable code.

Refused at once (nothing saved): a total that is not amount + tax, a rate or method not valid on the invoice date
for the tax item in finance's tax-rule table, a 差额 pass-through part on a 专票, an issuer or payee that is not
the contracted vendor entity, a personal payee account, an invoice number the issuer already used (also on
another contract), money as a float or with a third decimal. Shown to every approver: a tax that does not follow
the rate, an invoice item of 劳务派遣 or 人力资源外包 on an outsourcing contract (a disguise sign), and the
three-way match — contract price × accepted quantity ± performance lines ↔ request ↔ invoices — line by line;
outside the tolerance (finance's setting, default 0.5 % or ¥100, whichever is smaller) it holds the settlement
at finance with the difference as the reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from outsourcing.core.errors import Reason, RuleViolation
from outsourcing.core.money import format_cny, to_money
from outsourcing.settlements.amounts import figures, money_input
from outsourcing.settlements.errors import ErrorCode
from outsourcing.settlements.models import (
    SPECIAL_INVOICES,
    AccountType,
    Invoice,
    InvoiceType,
    Settlement,
    TaxMethod,
    TaxRule,
)


@dataclass
class InvoiceData:
    invoice_type: str
    number: str
    issued_on: dt.date
    tax_item: str
    tax_method: str
    rate: object
    amount: object
    tax: object
    total: object
    issuer_name: str
    issuer_tax_number: str
    payee_name: str
    payee_account: str
    payee_account_type: str
    pass_through: object = "0"


def rule_for(tax_item: str, method: str, day: dt.date, rate: Decimal | None = None) -> TaxRule | None:
    rules = TaxRule.objects.filter(tax_item=tax_item, method=method, valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day))  # fmt: skip
    if rate is not None:
        rules = rules.filter(rate=rate)
    return rules.order_by("-valid_from").first()


def _refuse(code: str, message, field: str | None = None):
    raise RuleViolation(code, message, field=field)


def check_invoice_input(settlement: Settlement, data: InvoiceData) -> Invoice:
    """The invoice as typed, or the first refusal (SET-7 bad input)."""
    vendor = settlement.contract.vendor
    if data.invoice_type not in InvoiceType.values:
        _refuse(ErrorCode.REQUIRED, _("Choose the invoice type."), "invoice_type")
    if data.tax_method not in TaxMethod.values:
        _refuse(ErrorCode.REQUIRED, _("Choose the tax method."), "tax_method")
    number = (data.number or "").strip()
    if not number or not data.issued_on or not (data.tax_item or "").strip():
        _refuse(ErrorCode.REQUIRED, _("Each invoice needs its number, date and tax item."), "number")
    amount = money_input(data.amount, "amount", label=_("amount before tax"))
    tax = money_input(data.tax, "tax", label=_("tax"))
    total = money_input(data.total, "total", label=_("total"))
    pass_through = money_input(data.pass_through or "0", "pass_through", label=_("差额 pass-through part"))
    rate = money_input(data.rate, "rate", label=_("rate (%)"))
    if amount + tax != total:
        _refuse(ErrorCode.TOTAL_MISMATCH, _("Invoice %(number)s: the total %(total)s is not amount %(amount)s + tax "
                                            "%(tax)s.") % {"number": number, "total": total, "amount": amount,
                                                           "tax": tax}, "total")  # fmt: skip
    if rule_for(data.tax_item.strip(), data.tax_method, data.issued_on, rate) is None:
        _refuse(ErrorCode.RATE_NOT_VALID, _("Invoice %(number)s: %(rate)s %% %(method)s is not a valid rate for "
                                            "“%(item)s” on %(day)s (tax-rule table).")
                % {"number": number, "rate": rate, "method": TaxMethod(data.tax_method).label,
                   "item": data.tax_item, "day": data.issued_on}, "rate")  # fmt: skip
    if pass_through and data.invoice_type in SPECIAL_INVOICES:
        _refuse(ErrorCode.PASS_THROUGH_ON_SPECIAL, _("Invoice %(number)s: a 差额 pass-through part (wages, social "
                                                     "insurance) may only be on an ordinary invoice (普票), never on "
                                                     "a 专票.") % {"number": number}, "pass_through")  # fmt: skip
    if data.issuer_tax_number.strip() != vendor.credit_code or data.issuer_name.strip() != vendor.name:
        _refuse(ErrorCode.ISSUER, _("Invoice %(number)s: the issuer must be the contracted vendor %(vendor)s "
                                    "(%(code)s).") % {"number": number, "vendor": vendor.name,
                                                      "code": vendor.credit_code}, "issuer_name")  # fmt: skip
    if data.payee_account_type != AccountType.CORPORATE:
        _refuse(ErrorCode.PERSONAL_ACCOUNT, _("The payee account must be the vendor's corporate account, never a "
                                              "personal one."), "payee_account_type")  # fmt: skip
    if data.payee_name.strip() != vendor.name or not data.payee_account.strip():
        _refuse(ErrorCode.PAYEE, _("The payee account must be held by the contracted vendor %(vendor)s.")
                % {"vendor": vendor.name}, "payee_name")  # fmt: skip
    if Invoice.objects.filter(issuer_tax_number=vendor.credit_code, number=number).exists():
        _refuse(ErrorCode.INVOICE_NUMBER_USED, _("Invoice number %(number)s of %(vendor)s is already used.")
                % {"number": number, "vendor": vendor.name}, "number")  # fmt: skip
    return Invoice(settlement=settlement, invoice_type=data.invoice_type, number=number, issued_on=data.issued_on,
                   tax_item=data.tax_item.strip(), tax_method=data.tax_method, rate=rate, amount=amount, tax=tax,
                   total=total, pass_through=pass_through, issuer_name=data.issuer_name.strip(),
                   issuer_tax_number=data.issuer_tax_number.strip(), payee_name=data.payee_name.strip(),
                   payee_account=data.payee_account.strip(), payee_account_type=data.payee_account_type)  # fmt: skip


def save_invoice(invoice: Invoice, actor) -> Invoice:
    invoice.stamp(actor)
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        _refuse(ErrorCode.INVOICE_NUMBER_USED, _("Invoice number %(number)s of %(vendor)s is already used.")
                % {"number": invoice.number, "vendor": invoice.issuer_name}, "number")  # fmt: skip
    return invoice


def expected_tax(invoice: Invoice) -> Decimal:
    if invoice.tax_method == TaxMethod.MARGIN:  # (total − deductible part) ÷ (1 + rate) × rate (财税〔2016〕47号)
        return to_money((invoice.total - invoice.pass_through) * invoice.rate / (100 + invoice.rate))
    return to_money(invoice.amount * invoice.rate / 100)


def invoice_reasons(invoice: Invoice) -> list[Reason]:
    """What every approver sees about one invoice (the input checks passed when it was saved)."""
    reasons = []
    label = {"number": invoice.number}
    if rule_for(invoice.tax_item, invoice.tax_method, invoice.issued_on, invoice.rate) is None:
        reasons.append(Reason(ErrorCode.RATE_NOT_VALID, _("Invoice %(number)s: its rate is no longer valid on its "
                                                          "date in the tax-rule table.") % label))  # fmt: skip
    expected = expected_tax(invoice)
    if abs(expected - invoice.tax) > Decimal(str(settings.SETTLEMENT_TAX_ROUNDING)):
        reasons.append(Reason(ErrorCode.TAX_MISMATCH, _("Invoice %(number)s: tax %(tax)s does not follow the rate "
                                                        "%(rate)s %% (expected %(expected)s).")
                              % {**label, "tax": format_cny(invoice.tax), "rate": invoice.rate,
                                 "expected": format_cny(expected)}))  # fmt: skip
    if any(word in invoice.tax_item for word in settings.SETTLEMENT_DISGUISE_TAX_ITEMS):
        reasons.append(Reason(ErrorCode.DISGUISE_ITEM, _("Invoice %(number)s is for “%(item)s” on an outsourcing "
                                                         "contract: a sign of disguised dispatch.")
                              % {**label, "item": invoice.tax_item}))  # fmt: skip
    return reasons


@dataclass(frozen=True)
class MatchRow:
    label: str
    expected: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else to_money(self.actual - self.expected)


def tolerance(expected: Decimal) -> Decimal:
    by_percent = to_money(abs(expected) * Decimal(str(settings.SETTLEMENT_MATCH_TOLERANCE_PERCENT)) / 100)
    return min(by_percent, to_money(settings.SETTLEMENT_MATCH_TOLERANCE_AMOUNT))


def three_way_match(settlement: Settlement, invoices=None) -> list[MatchRow]:
    """The contract's figure (price × accepted ± lines) against the request and the invoices' total."""
    figs = figures(settlement)
    invoices = list(settlement.invoices.all()) if invoices is None else invoices
    return [
        MatchRow(_("Accepted fee (contract price × accepted quantity)"), figs.fee, None),
        MatchRow(_("Performance and itemised lines (after the cap)"), figs.bonuses + figs.capped_deductions, None),
        MatchRow(_("Vendor's request"), figs.payable, settlement.requested_amount),
        MatchRow(_("Invoices (total)"), figs.payable, to_money(sum((i.total for i in invoices), Decimal(0)))
                 if invoices else None),
    ]  # fmt: skip


def finance_reasons(settlement: Settlement) -> list[Reason]:
    """Why finance's step may not pass: no invoice, an invoice's reasons, a difference outside the tolerance."""
    invoices = list(settlement.invoices.all())
    if not invoices:
        return [Reason(ErrorCode.NO_INVOICE, _("The vendor has not submitted an invoice."))]
    reasons = [r for invoice in invoices for r in invoice_reasons(invoice) if r.code != ErrorCode.DISGUISE_ITEM]
    for row in three_way_match(settlement, invoices):
        if row.difference is not None and abs(row.difference) > tolerance(row.expected):
            reasons.append(Reason(ErrorCode.MATCH, _("%(what)s: %(actual)s against %(expected)s, a difference of "
                                                     "%(difference)s (outside the tolerance of %(tolerance)s).")
                                  % {"what": row.label, "actual": format_cny(row.actual),
                                     "expected": format_cny(row.expected), "difference": format_cny(row.difference),
                                     "tolerance": format_cny(tolerance(row.expected))}))  # fmt: skip
    return reasons


@transaction.atomic
def save_tax_rule(*, actor, tax_item: str, method: str, rate, valid_from: dt.date, valid_until: dt.date | None = None,
                  source: str, rule: TaxRule | None = None) -> TaxRule:  # fmt: skip
    """Finance keeps the tax-rule table (SET-7): each rate with its dates and its source."""
    if not actor.has_perm("settlements.manage_tax_rules"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Finance keeps the tax-rule table."), status=403)
    if method not in TaxMethod.values or not (tax_item or "").strip() or not (source or "").strip() or not valid_from:
        raise RuleViolation(ErrorCode.REQUIRED, _("A tax rule needs its item, method, rate, dates and source."))
    rate = money_input(rate, "rate", label=_("rate (%)"))
    if not Decimal(0) <= rate < 100:
        raise RuleViolation(ErrorCode.REQUIRED, _("A rate between 0 and 100 %."), field="rate")
    if valid_until and valid_until < valid_from:
        raise RuleViolation(ErrorCode.PERIOD, _("The rule ends before it starts."), field="valid_until")
    rule = rule or TaxRule()
    rule.tax_item, rule.method, rule.rate = tax_item.strip(), method, rate
    rule.valid_from, rule.valid_until, rule.source = valid_from, valid_until, source.strip()
    rule.stamp(actor)
    rule.save()
    return rule
