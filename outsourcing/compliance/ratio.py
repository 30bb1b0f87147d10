"""The dispatch ratio (RSK-7): HR records the month's total workforce (用工总量) and dispatched headcount; the ratio is
(dispatched + outsourced workers on site on projects with a high disguised-dispatch score) ÷ total workforce, held
against the cap of 劳务派遣暂行规定 art. 4 (settings.DISPATCH_RATIO_CAP_PERCENT), with the projects that push it up.
Above the cap HR is alerted by the daily job; from DISPATCH_RATIO_NEAR_SHARE of it the page warns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models import DispatchLevel, DispatchScore
from outsourcing.compliance.models_ratio import WorkforceFigure
from outsourcing.core.errors import RuleViolation
from outsourcing.core.notices import Notice
from outsourcing.core.timeutil import today
from outsourcing.demands.models import Project
from outsourcing.workforce.models import WorkerStatus
from outsourcing.workforce.proofs import first_of_month


@transaction.atomic
def record_figures(
    *, actor, period: dt.date, total_workforce: int, dispatched: int, source: str = ""
) -> WorkforceFigure:
    """HR's figures of a month (entered again, they replace the month's)."""
    if not actor.has_perm("compliance.record_workforce"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR records the workforce figures."), status=403)
    if period is None or first_of_month(period) > first_of_month(today()):
        raise RuleViolation(ErrorCode.FUTURE_DATE, _("Figures are recorded for the current or a past month."),
                            field="period")  # fmt: skip
    for name, value in (("total_workforce", total_workforce), ("dispatched", dispatched)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Headcounts are whole numbers, not negative."), field=name)
    if total_workforce == 0:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Give the total workforce."), field="total_workforce")
    if total_workforce < dispatched:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("The total workforce (用工总量) includes the dispatched workers: "
                                                      "it cannot be below the dispatched headcount."),
                            field="total_workforce")  # fmt: skip
    figure = WorkforceFigure.objects.select_for_update().filter(period=first_of_month(period)).first()
    figure = figure or WorkforceFigure(period=first_of_month(period))
    figure.total_workforce, figure.dispatched, figure.source = total_workforce, dispatched, (source or "").strip()
    figure.stamp(actor)
    figure.save()
    return figure


@dataclass
class Ratio:
    figure: WorkforceFigure | None
    outsourced_high: int = 0
    percent: Decimal | None = None
    cap: Decimal = field(default_factory=lambda: settings.DISPATCH_RATIO_CAP_PERCENT)
    projects: list = field(default_factory=list)  # the high-score projects with their workers on site, most first

    @property
    def counted(self) -> int:
        return (self.figure.dispatched if self.figure else 0) + self.outsourced_high

    @property
    def above(self) -> bool:
        return self.percent is not None and self.percent > self.cap

    @property
    def near(self) -> bool:
        return (
            self.percent is not None
            and not self.above
            and self.percent >= self.cap * settings.DISPATCH_RATIO_NEAR_SHARE
        )


def current(day: dt.date | None = None) -> Ratio:
    """The ratio on the latest figures up to `day` (two queries)."""
    day = day or today()
    figure = WorkforceFigure.objects.filter(period__lte=day).order_by("-period").first()
    high = DispatchScore.objects.filter(level=DispatchLevel.HIGH).values("project_id")
    projects = list(Project.objects.filter(pk__in=high).annotate(
        on_site=Count("workers", filter=Q(workers__status=WorkerStatus.ON_SITE)),
    ).filter(on_site__gt=0).order_by("-on_site", "number"))  # fmt: skip
    ratio = Ratio(figure=figure, outsourced_high=sum(p.on_site for p in projects), projects=projects)
    if figure is not None:
        ratio.percent = (Decimal(ratio.counted) * 100 / figure.total_workforce).quantize(Decimal("0.01"),
                                                                                       ROUND_HALF_UP)  # fmt: skip
    return ratio


def alert(day: dt.date, hr: list[int]) -> list[Notice]:
    """HR is told once a month while the ratio is above the cap."""
    ratio = current(day)
    if not ratio.above:
        return []
    title = _("Dispatch ratio %(percent)s %% is above the %(cap)s %% cap (劳务派遣暂行规定 art. 4)") % {
        "percent": ratio.percent, "cap": ratio.cap}  # fmt: skip
    return [Notice(recipient_id=uid, title=title, url=reverse("compliance:dispatch_ratio"), level="danger",
                   dedup_key=f"dispatch-ratio:{ratio.figure.period}:{day:%Y-%m}") for uid in hr]  # fmt: skip
