"""What compliance tells the partnership app (PTN-4, PTN-5, VEN-5), through the hooks partnership offers: the year's
incidents and labour disputes of each award candidate (a serious incident takes the vendor off the list), and each
vendor's live high risks, which stop its entry to the strategic tier and propose its exit. Compliance is on top of
the lifecycle: it registers into partnership, partnership never imports it."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outsourcing.compliance.models import LIVE_RISK, Incident, Risk
from outsourcing.compliance.models_incidents import IncidentKind, Severity
from outsourcing.partnership.awards import AwardFact, register_award_fact
from outsourcing.partnership.tiers import register_risk_source

HIGH_RISK_SCORE = 15  # residual likelihood × impact from which a risk is high (models.rating_level)


def _incident_counts(year: int, vendor_ids: list[int], condition: Q) -> dict[int, int]:
    rows = (Incident.objects.filter(condition, vendor_id__in=vendor_ids, occurred_on__year=year)
            .values("vendor_id").annotate(n=Count("id")).values_list("vendor_id", "n"))  # fmt: skip
    return dict(rows)


def incidents(year: int, vendor_ids: list[int]) -> dict[int, int]:
    """The year's incidents of each vendor other than labour disputes (one query)."""
    return _incident_counts(year, vendor_ids, ~Q(kind=IncidentKind.LABOUR_DISPUTE))


def disputes(year: int, vendor_ids: list[int]) -> dict[int, int]:
    """The year's labour disputes of each vendor's people (one query)."""
    return _incident_counts(year, vendor_ids, Q(kind=IncidentKind.LABOUR_DISPUTE))


def serious_incidents(year: int, vendor_ids: list[int]) -> dict[int, int]:
    """The year's serious incidents (INC-4): any one takes the vendor off the award's candidates (one query)."""
    return _incident_counts(year, vendor_ids, Q(severity=Severity.SERIOUS))


def high_risks(vendor_ids: list[int]) -> dict[int, str]:
    """Each vendor's live high risks of the register, named (one query): grounds against the strategic tier."""
    found: dict[int, list[str]] = {}
    rows = (Risk.objects.filter(vendor_id__in=vendor_ids, status__in=LIVE_RISK)
            .annotate(score=F("residual_likelihood") * F("residual_impact")).filter(score__gte=HIGH_RISK_SCORE)
            .order_by("vendor_id", "id").values_list("vendor_id", "title"))  # fmt: skip
    for vendor_id, title in rows:
        found.setdefault(vendor_id, []).append(title)
    return {vendor_id: gettext("Live high risk: %(titles)s") % {"titles": "、".join(titles)}
            for vendor_id, titles in found.items()}  # fmt: skip


def register() -> None:
    register_award_fact(AwardFact("incidents", _("Incidents in the year"), incidents))
    register_award_fact(AwardFact("disputes", _("Labour disputes in the year"), disputes))
    register_award_fact(AwardFact("serious_incidents", _("Serious incidents in the year"), serious_incidents,
                                  disqualifies=True))  # fmt: skip
    register_risk_source(high_risks)
