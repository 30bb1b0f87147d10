"""Metric values (PRF-3): a KPI's figures for a contract, entered on the page, imported from Excel or posted
through the API — the same service each time. A value keeps its inputs, source, collector and time; a correction
is a new value and the old one stays in the history. Refused: a KPI the SLA in force does not measure, a computed
KPI, a figure from the wrong side (the company's KPIs are the company's, the vendor's the vendor's), a day outside
the contract's term or in the future, a figure outside the KPI's range, a period already evaluated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.contracts.models import Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance import formula, periods, selectors
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import DataSource, Evaluation, EvaluationStatus, Kpi, KpiValue


@dataclass
class ValueData:
    contract: Contract
    kpi: Kpi
    measured_on: dt.date
    inputs: dict  # {input name: number}; {"value": x} for a KPI with one input
    source: str = KpiValue.Source.PAGE
    note: str = ""


def _number(value, name: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give %(name)s as a number.") % {"name": name},
                            field="inputs") from exc  # fmt: skip
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("%(name)s is not a plausible figure.") % {"name": name},
                            field="inputs")  # fmt: skip
    return number


def normalise_inputs(kpi: Kpi, inputs: dict) -> dict[str, Decimal]:
    """The KPI's inputs as numbers; for a one-input KPI a lone `value` names that input."""
    if not isinstance(inputs, dict):
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the KPI's inputs."), field="inputs")
    names = list(kpi.inputs)
    if len(names) == 1 and set(inputs) == {"value"}:
        inputs = {names[0]: inputs["value"]}
    missing = [n for n in names if inputs.get(n) in (None, "")]
    if missing:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give %(names)s for %(kpi)s.")
                            % {"names": "、".join(missing), "kpi": kpi.code}, field="inputs")  # fmt: skip
    unknown = sorted(set(inputs) - set(names))
    if unknown:
        raise RuleViolation(ErrorCode.REQUIRED, _("%(kpi)s has no input %(names)s (its inputs: %(known)s).")
                            % {"kpi": kpi.code, "names": "、".join(unknown), "known": ", ".join(names)},
                            field="inputs")  # fmt: skip
    return {n: _number(inputs[n], n) for n in names}


def _check(data: ValueData, actor: User) -> tuple[dict[str, Decimal], Decimal]:
    contract, kpi = data.contract, data.kpi
    if not actor.has_perm("performance.enter_value", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Not yours to enter for this contract."), status=403)
    if kpi.data_source == DataSource.COMPUTED:
        raise RuleViolation(ErrorCode.WRONG_SOURCE, _("%(kpi)s is computed from the system's data: nobody enters it.")
                            % {"kpi": kpi.code}, field="kpi")  # fmt: skip
    vendor_side = actor.is_vendor_user
    if vendor_side != (kpi.data_source == DataSource.VENDOR):
        message = (_("%(kpi)s is the company's figure: the vendor does not enter it.") if vendor_side
                   else _("%(kpi)s is submitted by the vendor: the company does not enter it."))  # fmt: skip
        raise RuleViolation(ErrorCode.WRONG_SOURCE, message % {"kpi": kpi.code}, field="kpi")
    day = data.measured_on
    if day is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the day measured."), field="measured_on")
    if day > today():
        raise RuleViolation(ErrorCode.PERIOD_NOT_COVERED, _("A figure is entered once measured, not for a future "
                                                            "day."), field="measured_on")  # fmt: skip
    if not contract.start_date <= day <= contract.end_date:
        raise RuleViolation(ErrorCode.PERIOD_NOT_COVERED, _("%(day)s is outside the term of %(contract)s (%(start)s "
                                                            "to %(end)s).")
                            % {"day": day, "contract": contract.number, "start": contract.start_date,
                               "end": contract.end_date}, field="measured_on")  # fmt: skip
    sla = selectors.sla_in_force(contract.pk, day)
    if sla is None:
        raise RuleViolation(ErrorCode.NO_SLA, _("%(contract)s has no approved SLA in force on %(day)s.")
                            % {"contract": contract.number, "day": day}, field="measured_on")  # fmt: skip
    if not any(item.kpi_id == kpi.pk for item in sla.items.all()):
        raise RuleViolation(ErrorCode.KPI_NOT_IN_SLA, _("%(kpi)s is not measured by %(sla)s.")
                            % {"kpi": kpi.code, "sla": str(sla)}, field="kpi")  # fmt: skip
    evaluated = Evaluation.objects.filter(contract=contract, period_start__lte=day, period_end__gte=day)
    if evaluated.exclude(status=EvaluationStatus.DRAFT).exists():
        raise Conflict(
            ErrorCode.PERIOD_CLOSED,
            _("The period of %(day)s is already evaluated and published: its figures are final.") % {"day": day},
            field="measured_on",
        )
    inputs = normalise_inputs(kpi, data.inputs)
    value = formula.evaluate(kpi.formula, inputs)
    if not kpi.minimum <= value <= kpi.maximum:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("%(value)s is outside the range of %(kpi)s (%(min)s to "
                                                      "%(max)s %(unit)s).")
                            % {"value": value.normalize(), "kpi": kpi.code, "min": kpi.minimum.normalize(),
                               "max": kpi.maximum.normalize(), "unit": kpi.unit}, field="inputs")  # fmt: skip
    return inputs, value.quantize(Decimal("0.0001"))


def _store(data: ValueData, actor: User, inputs, value) -> KpiValue:
    record = KpiValue(contract=data.contract, kpi=data.kpi, measured_on=data.measured_on,
                      period_start=periods.month_start(data.measured_on), value=value,
                      inputs={k: str(v) for k, v in inputs.items()}, source=data.source,
                      note=(data.note or "").strip()[:300])  # fmt: skip
    record.stamp(actor)
    record.save()
    return record


@transaction.atomic
def record_value(*, actor: User, data: ValueData) -> KpiValue:
    """Record one figure (page, import row or API item)."""
    inputs, value = _check(data, actor)
    return _store(data, actor, inputs, value)


@transaction.atomic
def record_values(*, actor: User, items: list[ValueData]) -> list[KpiValue]:
    """Record many figures, all or none (the API's bulk post): the first refusal names its item."""
    saved = []
    for index, data in enumerate(items):
        try:
            saved.append(record_value(actor=actor, data=data))
        except RuleViolation as exc:
            exc.message = _("Item %(n)s: %(message)s") % {"n": index + 1, "message": exc.message}
            raise
    return saved


@transaction.atomic
def correct_value(*, actor: User, value: KpiValue, inputs: dict, note: str) -> KpiValue:
    """A correction: a new value for the same KPI, contract and day; the old one stays in the history."""
    old = KpiValue.objects.select_for_update().select_related("contract", "kpi").get(pk=value.pk)
    if old.replaced_by_id is not None:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This value was already corrected: correct the latest one."))
    if not (note or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say why the value is corrected."), field="note")
    data = ValueData(contract=old.contract, kpi=old.kpi, measured_on=old.measured_on, inputs=inputs,
                     source=KpiValue.Source.PAGE, note=note)  # fmt: skip
    checked_inputs, number = _check(data, actor)
    new = _store(data, actor, checked_inputs, number)
    old.replaced_by = new
    old.stamp(actor)
    old.save(update_fields=["replaced_by", "updated_by", "updated_at"])
    return new
