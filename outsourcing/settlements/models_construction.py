"""Wage protection on construction work (CST-2..CST-4, 保障农民工工资支付条例): the labour-cost terms of an
owner-role contract, the monthly labour-cost transfers to the project's dedicated wage account, and the project's
evidence with its expiry. The company's role is the project's recorded field (demands.Project.company_role)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.demands.models import Project


class TransferCycle(models.TextChoices):
    SEMIMONTHLY = "semimonthly", _("Twice a month")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


# 条例 art. 24: the labour-cost (人工费用) cycle is at most one month (CST-2: a cycle of at most one month).
CYCLES_OF_AT_MOST_A_MONTH = frozenset({TransferCycle.SEMIMONTHLY, TransferCycle.MONTHLY})


class ConstructionTerms(TrackedModel):
    """The labour-cost terms of a construction contract (CST-2): the labour cost (人工费用) as an amount or a ratio of
    the contract amount, the transfer cycle and the payment guarantee."""

    contract = models.OneToOneField(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="construction_terms"
    )
    labour_cost_amount = MoneyField(_("labour cost (人工费用)"), null=True, blank=True)
    labour_cost_ratio = models.DecimalField(
        _("labour cost as % of the contract amount"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    transfer_cycle = models.CharField(_("transfer cycle"), max_length=20, choices=TransferCycle.choices, blank=True)
    transfer_day = models.PositiveSmallIntegerField(_("transfer due on day of the month"), default=15)
    payment_guarantee = models.CharField(_("payment guarantee (工程款支付担保)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("construction labour-cost terms")
        verbose_name_plural = _("construction labour-cost terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(transfer_day__gte=1) & Q(transfer_day__lte=28), name="terms_transfer_day"
            ),
            models.CheckConstraint(
                condition=Q(labour_cost_ratio__isnull=True)
                | (Q(labour_cost_ratio__gt=0) & Q(labour_cost_ratio__lte=100)),
                name="terms_ratio",
            ),
        ]

    def __str__(self) -> str:
        return str(self.contract)


class LabourCostTransfer(TrackedModel):
    """One month's labour-cost transfer to the project's dedicated wage account (工资专用账户), scheduled from the
    terms, evidenced by the bank slip (CST-2). A settlement dispute never holds it."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="labour_cost_transfers"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    due_on = models.DateField(_("due on"))
    amount = MoneyField(_("amount"))
    paid_on = models.DateField(_("transferred on"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("labour-cost transfer")
        verbose_name_plural = _("labour-cost transfers")
        ordering = ["month", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "month"], name="labour_cost_transfer_once_a_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="labour_cost_transfer_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("settlements:construction", args=[self.contract.project_id]) + f"#transfer-{self.pk}"


class EvidenceKind(models.TextChoices):
    WAGE_ACCOUNT = "wage_account", _("Dedicated wage account (工资专用账户)")
    GUARANTEE_DEPOSIT = "guarantee_deposit", _("Wage guarantee deposit (工资保证金)")
    BANK_GUARANTEE = "bank_guarantee", _("Bank guarantee for wages (银行保函)")
    RIGHTS_BOARD = "rights_board", _("Rights-information board (维权信息告示牌)")
    INJURY_INSURANCE = "injury_insurance", _("Project work-injury insurance (按项目参加工伤保险)")
    PAYROLL_ON_BEHALF = "payroll_on_behalf", _("General contractor's payroll on behalf (总包代发)")


# Kept for the whole project; the guarantee is a deposit or a bank guarantee (条例 art. 32).
STANDING_EVIDENCE = (EvidenceKind.WAGE_ACCOUNT, EvidenceKind.RIGHTS_BOARD, EvidenceKind.INJURY_INSURANCE)
GUARANTEE_EVIDENCE = (EvidenceKind.GUARANTEE_DEPOSIT, EvidenceKind.BANK_GUARANTEE)


class ConstructionFileKind(models.TextChoices):
    """The construction papers a file can be (registered with the attachments engine; all scans or photos)."""

    BANK_SLIP = "bank_slip", _("Bank transfer slip")
    CONSTRUCTION_EVIDENCE = "construction_evidence", _("Construction wage evidence (scan or photo)")


class ProjectEvidence(TrackedModel):
    """A piece of the project's wage-protection evidence (CST-3) with its expiry where it has one; the monthly
    payroll-on-behalf proof names its month and total."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="construction_evidence"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    reference = models.CharField(_("reference (account, guarantee or policy number)"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    month = models.DateField(_("month (payroll on behalf)"), null=True, blank=True)
    amount = MoneyField(_("amount"), null=True, blank=True)

    class Meta:
        verbose_name = _("construction evidence")
        verbose_name_plural = _("construction evidence")
        ordering = ["kind", "-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="evidence_validity_order",
            ),
            models.CheckConstraint(
                condition=~Q(kind="payroll_on_behalf") | (Q(month__isnull=False) & Q(amount__isnull=False)),
                name="payroll_on_behalf_month_and_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("settlements:construction", args=[self.project_id]) + f"#evidence-{self.pk}"
