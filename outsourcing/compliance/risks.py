"""The risk register (RSK-1): a risk recorded by HR or legal with its likelihood and impact (1–5) before and after
its controls, its owner, treatment and review date, linked to a vendor, contract or project; or raised from an
indicator's finding (RSK-2), in which case it closes when the finding clears or is accepted with a reason.
Every status change goes through the declared machine (RISK_STATES)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models import (
    RISK_STATES,
    FindingStatus,
    IndicatorFinding,
    Risk,
    RiskCategory,
    RiskStatus,
    Treatment,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today

RATINGS = ("likelihood", "impact", "residual_likelihood", "residual_impact")


@dataclass
class RiskData:
    title: str
    category: str
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int
    owner: object
    review_on: dt.date
    description: str = ""
    controls: str = ""
    treatment: str = Treatment.MITIGATE
    justification: str = ""
    vendor: object = None
    contract: object = None
    project: object = None


def _check(data: RiskData) -> None:
    if not (data.title or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the risk."), field="title")
    if data.category not in RiskCategory.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the risk's category."), field="category")
    for field in RATINGS:
        value = getattr(data, field)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Likelihood and impact are rated from 1 to 5."),
                                field=field)  # fmt: skip
    if data.residual_likelihood * data.residual_impact > data.likelihood * data.impact:
        raise RuleViolation(ErrorCode.RESIDUAL_ABOVE_INHERENT, _("The residual rating (after the controls) cannot be "
                                                                 "above the inherent rating."),
                            field="residual_likelihood")  # fmt: skip
    if data.owner is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the risk's owner."), field="owner")
    if data.review_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the date of the next review."), field="review_on")
    if data.treatment not in Treatment.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the treatment."), field="treatment")
    if data.treatment == Treatment.ACCEPT and not (data.justification or "").strip():
        raise RuleViolation(ErrorCode.JUSTIFICATION, _("Accepting a risk needs a written justification."),
                            field="justification")  # fmt: skip


def _apply(risk: Risk, data: RiskData) -> None:
    for field in ("title", "category", "description", "controls", "treatment", "justification", "owner",
                  "review_on", "vendor", "contract", "project", *RATINGS):  # fmt: skip
        setattr(risk, field, getattr(data, field))
    risk.title, risk.justification = risk.title.strip(), risk.justification.strip()
    if risk.contract is not None:  # the contract names its vendor and project
        risk.vendor, risk.project = risk.vendor or risk.contract.vendor, risk.project or risk.contract.project


@transaction.atomic
def record_risk(*, actor, data: RiskData, finding: IndicatorFinding | None = None) -> Risk:
    _check(data)
    risk = Risk(number=next_number("RSK"), finding=finding)
    _apply(risk, data)
    if data.treatment == Treatment.ACCEPT:
        risk.status = RiskStatus.ACCEPTED
    risk.stamp(actor)
    risk.save()
    return risk


@transaction.atomic
def update_risk(*, actor, risk: Risk, data: RiskData) -> Risk:
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if risk.status == RiskStatus.CLOSED:
        raise RuleViolation(ErrorCode.WRONG_STATUS, _("A closed risk is reopened before it is changed."), status=409)
    _check(data)
    _apply(risk, data)
    if data.treatment == Treatment.ACCEPT and risk.status != RiskStatus.ACCEPTED:
        RISK_STATES.check(risk.status, RiskStatus.ACCEPTED)
        risk.status = RiskStatus.ACCEPTED
    elif data.treatment != Treatment.ACCEPT and risk.status == RiskStatus.ACCEPTED:
        RISK_STATES.check(risk.status, RiskStatus.TREATING)
        risk.status = RiskStatus.TREATING
    risk.stamp(actor)
    risk.save()
    return risk


def raise_from_finding(*, actor, finding: IndicatorFinding, data: RiskData) -> Risk:
    """A risk raised by an indicator's open finding, linked to it and to its vendor, contract and project."""
    if finding.status != FindingStatus.OPEN:
        raise RuleViolation(ErrorCode.WRONG_STATUS, _("This finding has cleared: there is no risk to raise."),
                            status=409)  # fmt: skip
    data.vendor = data.vendor or finding.vendor
    data.contract = data.contract or finding.contract
    data.project = data.project or finding.project
    return record_risk(actor=actor, data=data, finding=finding)


@transaction.atomic
def move(*, actor, risk: Risk, to: str, note: str = "") -> Risk:
    """Start treating, accept (with a reason), close (not while its indicator still finds it) or reopen a risk."""
    risk = Risk.objects.select_for_update(of=("self",)).select_related("finding").get(pk=risk.pk)
    RISK_STATES.check(risk.status, to)
    note = (note or "").strip()
    if to == RiskStatus.ACCEPTED:
        if not note and not risk.justification:
            raise RuleViolation(ErrorCode.JUSTIFICATION, _("Accepting a risk needs a written justification."),
                                field="note")  # fmt: skip
        risk.treatment, risk.justification = Treatment.ACCEPT, note or risk.justification
    if to == RiskStatus.CLOSED:
        if risk.finding is not None and risk.finding.status == FindingStatus.OPEN:
            raise RuleViolation(ErrorCode.INDICATOR_OPEN, _("The indicator that raised this risk still finds it: the "
                                                            "risk closes when the finding clears, or accept it with "
                                                            "a reason."), status=409)  # fmt: skip
        if not note:
            raise RuleViolation(ErrorCode.REQUIRED, _("Say why the risk is closed."), field="note")
        risk.closed_on, risk.closing_note = today(), note
    if to == RiskStatus.OPEN:
        risk.closed_on, risk.closing_note = None, ""
    risk.status = to
    risk.stamp(actor)
    risk.save()
    return risk
