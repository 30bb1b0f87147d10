"""Risk and compliance on the home page: for HR, the indicators' open findings not yet covered by a risk (RSK-2)
and the projects with a high disguised-dispatch score (RSK-3);
for anyone, the risks they own that are due for review (RSK-1)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.compliance.models import LIVE_RISK, DispatchLevel, DispatchScore, FindingStatus, IndicatorFinding, Risk
from outsourcing.compliance.scores import PREFIX
from outsourcing.core.timeutil import today
from outsourcing.core.todos import WaitingItem, waiting_records
from outsourcing.org.models import Role
from outsourcing.org.permissions import holds_role


def waiting(user) -> list[WaitingItem]:
    if user.is_vendor_user:
        return []
    items = []
    if holds_role(user, Role.HR):
        covered = Risk.objects.filter(finding_id=OuterRef("pk"), status__in=LIVE_RISK)
        uncovered = IndicatorFinding.objects.filter(status=FindingStatus.OPEN).exclude(indicator__startswith=PREFIX)
        uncovered = uncovered.exclude(Exists(covered))
        count = uncovered.count()
        if count:
            items.append(WaitingItem(_("Risk indicators found records"), count, reverse("compliance:indicator_list"),
                                     _("Each finding has its evidence and where to fix it; raise a risk when it "
                                       "needs an owner.")))  # fmt: skip
        high = DispatchScore.objects.filter(level=DispatchLevel.HIGH).order_by("-score", "project_id")
        items += waiting_records(
            high,
            _("Projects with a high disguised-dispatch score"),
            lambda s: s.get_absolute_url(),
            _("Each sign is listed with its evidence; fix the cause, the score follows the next day."),
            "danger",
        )
    due = Risk.objects.filter(owner=user, status__in=LIVE_RISK, review_on__lte=today()).order_by("review_on", "pk")
    items += waiting_records(due, _("Risks you own due for review"), lambda r: r.get_absolute_url())
    return items
