from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from outsourcing.approvals.states import state_for_outcome
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.org.models import Department


class SampleFileKind(models.TextChoices):
    RECEIPT = "sample_receipt", "签收单"  # a signed paper: scans only
    WORKSHEET = "sample_worksheet", "工作表"


class SampleDocument(TrackedModel):
    """A minimal document: a title, an amount, a department; approved through the engine."""

    STATUSES = [
        ("draft", "草稿"),
        ("in_approval", "审批中"),
        ("approved", "已批准"),
        ("rejected", "已驳回"),
        ("returned", "已退回"),
    ]

    title = models.CharField(max_length=200)
    amount = MoneyField(null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=STATUSES, default="draft")

    def __str__(self) -> str:
        return self.title

    def approval_title(self) -> str:
        return self.title

    def approval_amount(self) -> Decimal | None:
        return self.amount

    def approval_department(self):
        return self.department

    def get_absolute_url(self) -> str:
        return reverse("testapp:detail", args=[self.pk])

    def record_outcome(self, *, outcome: str, actor) -> None:
        """The hook the sample declares on its kind (`finished`)."""
        self.status = state_for_outcome(outcome)
        self.save(update_fields=["status", "updated_at"])
