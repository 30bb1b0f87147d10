"""Approval flows (definitions), requests (one per document), tasks (one per step and round),
delegations (WF-1..WF-4)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.org.models import AuthorityMatrixVersion, Department, Role


class StepScope(models.TextChoices):
    COMPANY = "company", _("Company-wide")
    SUBMITTER_DEPARTMENT = "submitter_department", _("The document's department")
    FIXED_DEPARTMENT = "fixed_department", _("A fixed department")


class StepCondition(models.TextChoices):
    ALWAYS = "always", _("Always")
    AUTHORITY_MATRIX = "authority_matrix", _("When the authority matrix requires this level")


class ApprovalFlow(TrackedModel):
    """How one type of document is approved: ordered steps; steps sharing a position are a co-review."""

    document_type = models.CharField(_("document type"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    matrix_document_type = models.CharField(
        _("authority matrix document type"),
        max_length=30,
        blank=True,  # one of org.document_types
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("approval flow")
        verbose_name_plural = _("approval flows")
        ordering = ["document_type"]

    def __str__(self) -> str:
        return self.name


class FlowStep(models.Model):
    flow = models.ForeignKey(ApprovalFlow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Steps with the same position are reviewed in parallel (co-review).")
    )
    name = models.CharField(_("step name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    scope = models.CharField(_("department scope"), max_length=30, choices=StepScope.choices, default=StepScope.COMPANY)
    department = models.ForeignKey(
        Department,
        verbose_name=_("fixed department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    condition = models.CharField(
        _("condition"), max_length=30, choices=StepCondition.choices, default=StepCondition.ALWAYS
    )
    # WF-1: a step may also apply only from an amount and only to some categories of document.
    min_amount = MoneyField(_("from amount"), null=True, blank=True)
    categories = models.JSONField(_("only for categories"), default=list, blank=True)

    class Meta:
        verbose_name = _("flow step")
        verbose_name_plural = _("flow steps")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("In approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for revision")


class ApprovalRequest(TrackedModel):
    """The approval of one document, across all its rounds (a return starts a new round)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("document id"))
    document = GenericForeignKey("content_type", "object_id")
    flow = models.ForeignKey(ApprovalFlow, verbose_name=_("flow"), on_delete=models.PROTECT, related_name="requests")
    title = models.CharField(_("title"), max_length=200)
    amount = MoneyField(_("amount"), null=True, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    matrix_version = models.ForeignKey(
        AuthorityMatrixVersion,
        verbose_name=_("authority matrix version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    current_position = models.PositiveSmallIntegerField(_("current position"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="approvals_one_request_per_document")
        ]

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for earlier steps")
    PENDING = "pending", _("Waiting for decision")
    APPROVED = "approved", pgettext_lazy("approval step", "Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for revision")
    CANCELLED = "cancelled", _("Not needed (round ended)")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")


DECISION_STATUS = {
    Decision.APPROVE: TaskStatus.APPROVED,
    Decision.RETURN: TaskStatus.RETURNED,
    Decision.REJECT: TaskStatus.REJECTED,
}


class ApprovalTask(models.Model):
    """One step of one round, for one role (and department where the role is scoped)."""

    request = models.ForeignKey(
        ApprovalRequest, verbose_name=_("approval request"), on_delete=models.CASCADE, related_name="tasks"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    position = models.PositiveSmallIntegerField(_("position"))
    step_name = models.CharField(_("step"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval task")
        verbose_name_plural = _("approval tasks")
        ordering = ["round", "position", "id"]
        indexes = [models.Index(fields=["status", "role"], name="approvals_task_status_role")]

    def __str__(self) -> str:
        return f"{self.request} · {self.step_name}"


class Delegation(TrackedModel):
    """While away, an approver names a delegate who may decide in their place for a date range."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approver"), on_delete=models.CASCADE, related_name="delegations_given"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until (inclusive)"))
    reason = models.CharField(_("reason"), max_length=200)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="approvals_delegation_dates"
            ),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="approvals_delegation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate}"
