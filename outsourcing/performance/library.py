"""The KPI library (PRF-1): the administrator or HR defines each KPI with its SMART fields, direction, unit and
precision, range, thresholds, data source and calculation. A KPI with a SMART field empty may be saved as a
draft of the library but cannot be put into an SLA."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import User
from outsourcing.performance import bands, formula, sources
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import Aggregation, DataSource, Direction, Kpi, KpiCategory, Period


@dataclass
class KpiData:
    code: str
    name: str
    category: str
    definition: str = ""
    unit: str = ""
    precision: int = 1
    minimum: Decimal = Decimal(0)
    maximum: Decimal = Decimal(100)
    direction: str = ""
    target: Decimal | None = None
    thresholds: list = field(default_factory=list)
    data_source: str = ""
    computed_from: str = ""
    inputs: list = field(default_factory=list)
    formula: str = ""
    aggregation: str = Aggregation.AVERAGE
    collection_owner: str = ""
    period: str = ""
    relevance: str = ""
    achievability: str = ""
    is_active: bool = True


def _check(data: KpiData) -> dict:
    if not (data.code or "").strip() or not (data.name or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the KPI's code and name."), field="code")
    if data.category not in KpiCategory.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the KPI's category."), field="category")
    if data.direction and data.direction not in Direction.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the direction."), field="direction")
    if data.data_source and data.data_source not in DataSource.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the data source."), field="data_source")
    if data.period and data.period not in Period.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the period."), field="period")
    if data.aggregation not in Aggregation.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose how the period's figure is made."), field="aggregation")
    if not 0 <= int(data.precision) <= 4:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give 0 to 4 decimal places."), field="precision")
    minimum, maximum = Decimal(data.minimum), Decimal(data.maximum)
    if maximum <= minimum:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("The highest possible value must be above the lowest."),
                            field="maximum")  # fmt: skip
    if data.direction == Direction.MILESTONE and (minimum, maximum) != (0, 1):
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("A milestone is reached (1) or not (0): its range is 0 to 1."),
                            field="maximum")  # fmt: skip
    target = Decimal(data.target) if data.target is not None else None
    if target is not None and not minimum <= target <= maximum:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("The target lies outside the KPI's range %(min)s–%(max)s.")
                            % {"min": minimum, "max": maximum}, field="target")  # fmt: skip
    thresholds = data.thresholds or []
    if thresholds:
        thresholds = bands.check_bands(thresholds, minimum=minimum, maximum=maximum, target=target,
                                       direction=data.direction)  # fmt: skip
    inputs, expression, computed_from = [], "", ""
    if data.data_source == DataSource.COMPUTED:
        if data.computed_from not in sources.SOURCES:
            raise RuleViolation(ErrorCode.FORMULA, _("Choose which of the system's figures the KPI is computed from."),
                                field="computed_from")  # fmt: skip
        computed_from = data.computed_from
    elif data.formula or data.inputs:
        inputs = formula.check_input_names(list(data.inputs))
        expression = data.formula.strip()
        formula.parse(expression, inputs)
    return {"code": data.code.strip().upper(), "name": data.name.strip(), "category": data.category,
            "definition": data.definition.strip(), "unit": data.unit.strip(), "precision": int(data.precision),
            "minimum": minimum, "maximum": maximum, "direction": data.direction, "target": target,
            "thresholds": thresholds, "data_source": data.data_source, "computed_from": computed_from,
            "inputs": inputs, "formula": expression, "aggregation": data.aggregation,
            "collection_owner": data.collection_owner.strip(), "period": data.period,
            "relevance": data.relevance.strip(), "achievability": data.achievability.strip(),
            "is_active": bool(data.is_active)}  # fmt: skip


def _may_manage(actor: User) -> None:
    if not actor.has_perm("performance.manage_kpis"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The administrator or HR keeps the KPI library."), status=403)


@transaction.atomic
def save_kpi(*, actor: User, data: KpiData, kpi: Kpi | None = None) -> Kpi:
    """Add a KPI to the library or change one; a KPI frozen in an SLA keeps its frozen copy there."""
    _may_manage(actor)
    values = _check(data)
    if Kpi.objects.filter(code=values["code"]).exclude(pk=kpi.pk if kpi else None).exists():
        raise RuleViolation(ErrorCode.DUPLICATE, _("The code %(code)s is already in the library.")
                            % {"code": values["code"]}, field="code")  # fmt: skip
    kpi = Kpi.objects.select_for_update().get(pk=kpi.pk) if kpi else Kpi()
    for name, value in values.items():
        setattr(kpi, name, value)
    kpi.stamp(actor)
    kpi.save()
    return kpi


def require_usable(kpi: Kpi) -> None:
    """PRF-1: a KPI with an empty SMART field cannot be used."""
    missing = kpi.missing_smart_fields
    if missing:
        raise RuleViolation(ErrorCode.SMART_INCOMPLETE,
                            _("%(kpi)s cannot be used until every SMART field is filled: %(missing)s.")
                            % {"kpi": kpi.code, "missing": "、".join(missing)}, field="items")  # fmt: skip
    if not kpi.is_active:
        raise RuleViolation(ErrorCode.SMART_INCOMPLETE, _("%(kpi)s is not in use.") % {"kpi": kpi.code},
                            field="items")  # fmt: skip
