"""Budget control (SET-6, 成本失控 P3§5-1): the costs of a project that no settlement shows — the company's own
management time and the equipment it provides — recorded against the project so its spend is the whole spend."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.demands.models import Project


class HiddenCostKind(models.TextChoices):
    MANAGEMENT_TIME = "management_time", _("Management time")
    EQUIPMENT = "equipment", _("Equipment and premises")
    OTHER = "other", _("Other")


class HiddenCost(TrackedModel):
    """A hidden cost of the project (SET-6): counted in its actual spend against the budget."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="hidden_costs")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=HiddenCostKind.choices)
    description = models.CharField(_("description"), max_length=200)
    incurred_on = models.DateField(_("incurred on"))
    amount = MoneyField(_("amount"))

    class Meta:
        verbose_name = _("hidden cost")
        verbose_name_plural = _("hidden costs")
        ordering = ["-incurred_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="hidden_cost_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() + "#budget"
