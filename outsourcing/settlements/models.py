"""Settlement and payment (SET-2..SET-7): a contract's period settled once — the workload or milestone the
business department accepted, the performance adjustment and itemised lines, the vendor's request and its
invoices checked against a dated tax-rule table, the approval and the one payment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract, Milestone
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.core.states import StateMachine
from outsourcing.performance.models import Evaluation, SlaVersion
from outsourcing.settlements.amounts import payable


class SettlementStatus(models.TextChoices):
    DRAFT = "draft", _("Open, to be accepted")
    ACCEPTED = "accepted", _("Accepted by the business department")
    REQUESTED = "requested", _("Requested by the vendor")
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved, to be paid")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")


# The settlement's life (SET-2, SET-4, SET-5): a returned approval goes back to the vendor's request; a paid or
# waived settlement is final (a correction after payment is a separate line, never a status change).
MACHINE = StateMachine(
    _("settlement"),
    {
        SettlementStatus.DRAFT: frozenset({SettlementStatus.ACCEPTED, SettlementStatus.WAIVED}),
        SettlementStatus.ACCEPTED: frozenset({SettlementStatus.REQUESTED, SettlementStatus.WAIVED}),
        SettlementStatus.REQUESTED: frozenset({SettlementStatus.IN_APPROVAL, SettlementStatus.ACCEPTED}),
        SettlementStatus.IN_APPROVAL: frozenset({SettlementStatus.APPROVED, SettlementStatus.REQUESTED,
                                                 SettlementStatus.ACCEPTED}),
        SettlementStatus.APPROVED: frozenset({SettlementStatus.PAID}),
        SettlementStatus.PAID: frozenset(),
        SettlementStatus.WAIVED: frozenset(),
    },
    labels=dict(SettlementStatus.choices),
)  # fmt: skip

DONE_STATUSES = frozenset({SettlementStatus.PAID, SettlementStatus.WAIVED})


class Settlement(TrackedModel):
    """One period of one contract (费用结算单): accepted amounts, performance lines, request, invoices, payment."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="settlements")  # fmt: skip
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    is_final = models.BooleanField(_("final settlement of the contract"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=SettlementStatus.choices,
                              default=SettlementStatus.DRAFT)  # fmt: skip
    approval_state = models.CharField(_("approval"), max_length=20, choices=ApprovalState.choices,
                                      default=ApprovalState.DRAFT)  # fmt: skip
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="settlements")  # fmt: skip
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")  # fmt: skip
    vendor_confirmed_at = models.DateTimeField(_("vendor confirmed the acceptance at"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    requested_amount = MoneyField(_("amount requested by the vendor"), null=True, blank=True)
    approved_amount = MoneyField(_("approved amount"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    waiver_reason = models.TextField(_("why waived"), blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-period_start", "-id"]
        constraints = [
            # One settlement per contract and period (SET-5): a second is refused, never a duplicate.
            models.UniqueConstraint(fields=["contract", "period_start"], name="settlement_once_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="settlement_period"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("settlements:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period_start.month == self.period_end.month and self.period_start.year == self.period_end.year:
            return f"{self.period_start:%Y-%m}"
        return f"{self.period_start:%Y-%m-%d}～{self.period_end:%Y-%m-%d}"

    # --- the approval engine's protocol (the hooks are on the registered kind) ---
    def approval_title(self) -> str:
        return f"{self.number} {self.contract.number} {self.period_label}（{self.contract.vendor.name}）"

    def approval_amount(self):
        return payable(self)

    def approval_department(self):
        return self.contract.project.department


class AcceptanceLine(models.Model):
    """One accepted quantity (工作量确认单 / 验收, SET-2): a price line of the contract or a milestone's result."""

    settlement = models.ForeignKey(Settlement, verbose_name=_("settlement"), on_delete=models.CASCADE,
                                   related_name="acceptance_lines")  # fmt: skip
    description = models.CharField(_("item"), max_length=200)
    milestone = models.ForeignKey(Milestone, verbose_name=_("milestone"), on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+")  # fmt: skip
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    unit_price = MoneyField(_("unit price"))
    reported_quantity = models.DecimalField(_("reported quantity"), max_digits=14, decimal_places=2, default=0)
    accepted_quantity = models.DecimalField(_("accepted quantity"), max_digits=14, decimal_places=2, default=0)
    contract_quantity = models.DecimalField(_("contract quantity"), max_digits=14, decimal_places=2, null=True,
                                            blank=True)  # fmt: skip

    class Meta:
        verbose_name = _("acceptance line")
        verbose_name_plural = _("acceptance lines")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(accepted_quantity__gte=0), name="acceptance_not_negative")]

    def __str__(self) -> str:
        return self.description

    @property
    def amount(self):
        from outsourcing.core.money import to_money

        return to_money(self.unit_price * self.accepted_quantity)


class AdjustmentLine(TrackedModel):
    """A bonus or deduction with its reason (SET-3): the evaluation's grade, a late fine, a service credit, an
    award, gain sharing (PTN-2) or a correction after payment. `line_type` is a code of the line-type registry."""

    settlement = models.ForeignKey(Settlement, verbose_name=_("settlement"), on_delete=models.CASCADE,
                                   related_name="adjustments")  # fmt: skip
    line_type = models.CharField(_("line type"), max_length=40)
    reason = models.TextField(_("reason"))
    amount = MoneyField(_("amount (negative for a deduction)"))
    capped_from = MoneyField(_("before the cap"), null=True, blank=True)
    after_payment = models.BooleanField(_("correction after payment"), default=False)

    class Meta:
        verbose_name = _("settlement line")
        verbose_name_plural = _("settlement lines")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.line_type} {self.amount}"


class IncentiveTable(TrackedModel):
    """The incentive table of an SLA version (SET-3): bands of the total score → percent of the period's fee.
    An SLA version without one takes the SPEC's default (settings.SETTLEMENT_INCENTIVE_BANDS)."""

    sla = models.OneToOneField(SlaVersion, verbose_name=_("SLA version"), on_delete=models.CASCADE,
                               related_name="incentive_table")  # fmt: skip
    bands = models.JSONField(_("bands"), default=list)  # [{"min": "95", "percent": "3"}, …] highest first
    deduction_cap_percent = models.DecimalField(_("deduction cap (% of the period's fee)"), max_digits=5,
                                                decimal_places=2, null=True, blank=True)  # fmt: skip

    class Meta:
        verbose_name = _("incentive table")
        verbose_name_plural = _("incentive tables")

    def __str__(self) -> str:
        return str(self.sla)


class TaxMethod(models.TextChoices):
    GENERAL = "general", _("General (一般计税)")
    SIMPLIFIED = "simplified", _("Simplified (简易计税)")
    MARGIN = "margin", _("Margin (差额征税)")


class TaxRule(TrackedModel):
    """A rate valid for a tax item and method over dates, kept by finance with its source (SET-7; no rate in
    code)."""

    tax_item = models.CharField(_("tax item"), max_length=100)
    method = models.CharField(_("tax method"), max_length=20, choices=TaxMethod.choices)
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("tax rule")
        verbose_name_plural = _("tax rules")
        ordering = ["tax_item", "method", "-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lt=100), name="tax_rule_rate")]

    def __str__(self) -> str:
        return f"{self.tax_item} {self.get_method_display()} {self.rate}%"


class InvoiceType(models.TextChoices):
    DIGITAL_SPECIAL = "digital_special", _("数电专票")
    DIGITAL_ORDINARY = "digital_ordinary", _("数电普票")
    PAPER_SPECIAL = "paper_special", _("纸质专票")
    PAPER_ORDINARY = "paper_ordinary", _("普票")


SPECIAL_INVOICES = frozenset({InvoiceType.DIGITAL_SPECIAL, InvoiceType.PAPER_SPECIAL})


class AccountType(models.TextChoices):
    CORPORATE = "corporate", _("Corporate account (对公账户)")
    PERSONAL = "personal", _("Personal account")


class Invoice(TrackedModel):
    """An invoice the vendor submits with its request (SET-4, SET-7)."""

    settlement = models.ForeignKey(Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT,
                                   related_name="invoices")  # fmt: skip
    invoice_type = models.CharField(_("invoice type"), max_length=20, choices=InvoiceType.choices)
    number = models.CharField(_("invoice number"), max_length=30)
    issued_on = models.DateField(_("invoice date"))
    tax_item = models.CharField(_("tax item"), max_length=100)
    tax_method = models.CharField(_("tax method"), max_length=20, choices=TaxMethod.choices)
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2)
    amount = MoneyField(_("amount before tax"))
    tax = MoneyField(_("tax"))
    total = MoneyField(_("total"))
    pass_through = MoneyField(_("差额 pass-through part"), default=0)
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_tax_number = models.CharField(_("issuer's taxpayer number"), max_length=20)
    payee_name = models.CharField(_("payee account name"), max_length=200)
    payee_account = models.CharField(_("payee account"), max_length=40)
    payee_account_type = models.CharField(_("account type"), max_length=20, choices=AccountType.choices)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["issued_on", "id"]
        constraints = [
            # An invoice number is used once per issuer, across all contracts (SET-7).
            models.UniqueConstraint(fields=["issuer_tax_number", "number"], name="invoice_number_once_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.total}"


class Payment(TrackedModel):
    """The payment of one approved settlement (SET-5): at most one, by constraint and by lock."""

    settlement = models.OneToOneField(Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT,
                                      related_name="payment")  # fmt: skip
    paid_on = models.DateField(_("paid on"))
    amount = MoneyField(_("amount paid"))
    bank_reference = models.CharField(_("bank reference"), max_length=100)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"{self.settlement.number} {self.amount}"


from outsourcing.settlements.models_budget import HiddenCost, HiddenCostKind  # noqa: E402, F401
from outsourcing.settlements.models_construction import (  # noqa: E402, F401
    ConstructionFileKind,
    ConstructionTerms,
    EvidenceKind,
    LabourCostTransfer,
    ProjectEvidence,
    TransferCycle,
)
