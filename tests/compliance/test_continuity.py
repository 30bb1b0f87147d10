"""RSK-5 (business continuity for critical services) and the vendor-concentration indicator (RSK-2): HR marks a
service category critical; a live contract of it without a continuity plan is a finding until a tested plan is
recorded, and again once its review is overdue; one vendor holding more than the configured share of a critical
category's live contract amount is a finding, gone below it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from outsourcing.compliance import continuity, daily
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models import FindingStatus, IndicatorFinding
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from tests.contracts.factories import approved_award
from tests.workforce.factories import contract_in_force, user

pytestmark = pytest.mark.django_db


def _open(code: str):
    return IndicatorFinding.objects.filter(indicator=code, status=FindingStatus.OPEN)


def _awarded_contract():
    """A contract in force from an approved selection (its service category is the selection's)."""
    award, _vendors = approved_award()
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(award=award)
    return Contract.objects.select_related("award__event__category").get(pk=contract.pk)


def _critical_contract():
    contract = _awarded_contract()
    continuity.mark_critical(actor=user("hr"), category=contract.award.event.category, reason="客户热线不可中断")
    return contract


def test_rsk5_critical_service_needs_a_tested_plan_reviewed_on_time(demo):
    """RSK-5: no plan → finding with the contract's link; a tested, reviewed plan clears it; overdue review opens it
    again; the plan's bad dates are refused."""
    contract = _critical_contract()
    daily.run_all(today())
    found = _open("critical_service_without_plan").get()
    assert found.contract_id == contract.pk and found.url == contract.get_absolute_url()
    with pytest.raises(RuleViolation) as refused:
        continuity.record_plan(actor=user("hr"), contract=contract, vendor_plan="备用坐席", company_fallback="自有坐席",
                               reviewed_on=today(), next_review_on=today())  # fmt: skip
    assert refused.value.code == ErrorCode.OUT_OF_RANGE
    continuity.record_plan(actor=user("hr"), contract=contract, vendor_plan="异地备用坐席", company_fallback="自有坐席",
                           tested_on=today(), reviewed_on=today(),
                           next_review_on=today() + dt.timedelta(days=90))  # fmt: skip
    daily.run_all(today())
    assert not _open("critical_service_without_plan").exists()
    daily.run_all(today() + dt.timedelta(days=91))
    assert str(today() + dt.timedelta(days=90)) in _open("critical_service_without_plan").get().evidence
    with pytest.raises(RuleViolation):
        continuity.mark_critical(actor=user("requester"), category=contract.award.event.category, reason="x")


def test_rsk2_vendor_concentration_in_a_critical_service(demo, settings):
    """RSK-2: the only vendor of a critical category holds 100 % (> 60 %): a finding on the vendor; with the share
    raised above its holding, the finding clears."""
    contract = _critical_contract()
    daily.run_all(today())
    found = _open("vendor_concentration").get()
    assert found.vendor_id == contract.vendor_id and "100" in found.evidence
    settings.VENDOR_CONCENTRATION_SHARE = Decimal("1")
    daily.run_all(today())
    assert not _open("vendor_concentration").exists()


def test_rsk5_page_marks_and_records_for_keepers_only(demo, client_for):
    """RSK-5: HR marks a category on the page; an auditor reads without the forms; outsiders 403."""
    contract = _awarded_contract()
    category = contract.award.event.category
    hr = client_for("hr")
    hr.post("/compliance/critical-services/", {"form": "mark", "category": category.pk, "reason": "热线"})
    text = hr.get("/compliance/critical-services/").content.decode()
    assert category.name in text and contract.number in text
    assert "mark-form" not in client_for("auditor").get("/compliance/critical-services/").content.decode()
    assert client_for("requester").get("/compliance/critical-services/").status_code == 403
