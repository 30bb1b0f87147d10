"""The dispatch ratio (RSK-7): HR enters the company's total workforce (用工总量) and its dispatched headcount for a
period; the ratio adds the outsourced workers on projects with a high disguised-dispatch score and is held against
the legal cap (劳务派遣暂行规定 art. 4: dispatched workers at most 10 % of the total workforce)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel


class WorkforceFigure(TrackedModel):
    period = models.DateField(_("period (month)"), unique=True, help_text=_("The first day of the month."))
    total_workforce = models.PositiveIntegerField(_("total workforce (用工总量)"))
    dispatched = models.PositiveIntegerField(_("dispatched headcount"))
    source = models.CharField(_("source of the figures"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("workforce figures")
        verbose_name_plural = _("workforce figures")
        ordering = ["-period"]
        constraints = [models.CheckConstraint(condition=Q(total_workforce__gte=F("dispatched"), total_workforce__gt=0),
                                              name="workforce_total_covers_dispatched")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.period:%Y-%m}"
