"""Changes of a signed contract (CON-6, CON-7, CON-8): amendments, the renewal decision, breach notices and the exit
and handover plan. In their own module to keep models.py readable; imported there so Django finds them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField


class ChangeKind(models.TextChoices):
    AMENDMENT = "amendment", _("Amendment")
    RENEWAL = "renewal", _("Renewal agreement")


class Amendment(TrackedModel):
    """An approved, versioned change of a contract, or its renewal agreement (CON-6)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="amendments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    description = models.TextField(_("what changes and why"))
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    new_amount = MoneyField(_("new contract amount"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.IN_APPROVAL
    )
    applied_version = models.PositiveIntegerField(_("contract version it made"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.contract.get_absolute_url() + "#amendments"

    def approval_title(self) -> str:
        return f"{self.number} {self.get_kind_display()}：{self.contract.number} {self.contract.title}"

    def approval_amount(self):
        return self.new_amount if self.new_amount is not None else self.contract.amount

    def approval_categories(self) -> set[str]:
        return self.contract.approval_categories()

    def approval_department(self):
        return self.contract.project.department


class RenewalChoice(models.TextChoices):
    RENEW = "renew", _("Renew with this vendor")
    RETENDER = "retender", _("Select a vendor again")
    END = "end", _("End the outsourcing at expiry")


class RenewalDecision(TrackedModel):
    """The project owner's decision before expiry, approved like a change, with the contract's history as it
    stood when decided kept beside it for the audit (CON-6, P2 3.1(1))."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="renewal_decisions"
    )
    choice = models.CharField(_("decision"), max_length=20, choices=RenewalChoice.choices)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.IN_APPROVAL
    )
    history = models.JSONField(_("the contract's history when decided"), default=list, blank=True)

    class Meta:
        verbose_name = _("renewal decision")
        verbose_name_plural = _("renewal decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_choice_display()}"

    def get_absolute_url(self) -> str:
        return self.contract.get_absolute_url() + "#renewal"

    def approval_title(self) -> str:
        contract = self.contract
        return f"{self.get_choice_display()}：{contract.number} {contract.title}（{contract.vendor.name}）"

    def approval_amount(self):
        return self.contract.amount

    def approval_categories(self) -> set[str]:
        return self.contract.approval_categories()

    def approval_department(self):
        return self.contract.project.department


class NoticeKind(models.TextChoices):
    RECTIFICATION = "rectification", _("Rectification notice")
    TERMINATION = "termination", _("Termination notice")


class BreachNotice(TrackedModel):
    """A rectification or termination notice built from the recorded facts, after legal review (CON-7)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    clause = models.CharField(_("clause breached"), max_length=200)
    facts = models.TextField(_("facts found"))
    found_on = models.DateField(_("found on"))
    demand = models.TextField(_("what the vendor must do"))
    respond_by = models.DateField(_("answer or remedy by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.IN_APPROVAL
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    vendor_response = models.TextField(_("the vendor's answer"), blank=True)
    vendor_responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("breach notice")
        verbose_name_plural = _("breach notices")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.contract.get_absolute_url() + "#notices"

    def approval_title(self) -> str:
        return f"{self.number} {self.get_kind_display()}：{self.contract.number} {self.contract.vendor.name}"

    def approval_amount(self):
        return self.contract.amount

    def approval_department(self):
        return self.contract.project.department


class ExitCategory(models.TextChoices):
    """What an exit and handover plan covers (P1§15(三), P2 3.1(3))."""

    KNOWLEDGE = "knowledge", _("Knowledge transfer: documents, data, processes")
    ASSETS = "assets", _("Asset recovery: cards, keys, equipment")
    ACCESS = "access", _("Access closed on the last day")
    SETTLEMENT = "settlement", _("Final settlement")


class ExitItem(TrackedModel):
    """One item of the exit and handover plan; the contract closes when none is open (CON-8)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="exit_items"
    )
    category = models.CharField(_("category"), max_length=20, choices=ExitCategory.choices)
    description = models.CharField(_("item"), max_length=300)
    due_date = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("exit item")
        verbose_name_plural = _("exit items")
        ordering = ["category", "due_date", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def is_open(self) -> bool:
        return self.done_at is None


class RectificationNotice(BreachNotice):
    """A rectification notice (整改通知书): legal reviews it before it goes out."""

    class Meta:
        proxy = True
        verbose_name = _("rectification notice")
        verbose_name_plural = _("rectification notices")


class TerminationNotice(BreachNotice):
    """A termination notice (合同解除通知函): legal reviews it and management approves it."""

    class Meta:
        proxy = True
        verbose_name = _("termination notice")
        verbose_name_plural = _("termination notices")
