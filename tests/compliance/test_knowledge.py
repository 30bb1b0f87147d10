"""RSK-6 (knowledge management, P3§4 管控措施4): the inventory of key documents and process knowledge per contract,
each hand-over recorded with its date; the indicator "key knowledge not handed over" finds an item overdue (never
handed over since the contract began, or its last hand-over older than its interval) and clears once handed over."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import daily, knowledge
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models import FindingStatus, IndicatorFinding
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from tests.workforce.factories import contract_in_force, user

pytestmark = pytest.mark.django_db


def _open():
    return IndicatorFinding.objects.filter(indicator="knowledge_not_handed_over", status=FindingStatus.OPEN)


def test_rsk6_key_knowledge_not_handed_over_until_recorded(demo):
    """RSK-6: an item due every 30 days on a contract that began 40 days ago: a finding; a hand-over clears it; 31
    days after the hand-over it is found again with the last hand-over date."""
    contract = contract_in_force(start=today() - dt.timedelta(days=40))
    item = knowledge.add_item(actor=user("hr"), contract=contract, title="热线知识库与话术", every_days=30)
    daily.run_all(today())
    found = _open().get()
    assert found.contract_id == contract.pk and item.title in found.evidence
    knowledge.record_handover(actor=user("hr"), item=item, handed_over_on=today(), note="知识库导出")
    daily.run_all(today())
    assert not _open().exists()
    daily.run_all(today() + dt.timedelta(days=31))
    assert str(today()) in _open().get().evidence


def test_rsk6_bad_input_is_refused(demo):
    """RSK-6 (bad input): an interval outside 7–366 days, a hand-over in the future, a project owner: refused."""
    contract = contract_in_force()
    with pytest.raises(RuleViolation) as refused:
        knowledge.add_item(actor=user("hr"), contract=contract, title="操作手册", every_days=3)
    assert refused.value.code == ErrorCode.OUT_OF_RANGE
    item = knowledge.add_item(actor=user("hr"), contract=contract, title="操作手册")
    with pytest.raises(RuleViolation):
        knowledge.record_handover(actor=user("hr"), item=item, handed_over_on=today() + dt.timedelta(days=1))
    with pytest.raises(RuleViolation):
        knowledge.add_item(actor=user("requester"), contract=contract, title="操作手册")


def test_rsk6_page_lists_items_with_their_last_handover(demo, client_for):
    """RSK-6: HR adds an item on the page and sees its last hand-over; outsiders 403."""
    contract = contract_in_force()
    hr = client_for("hr")
    hr.post("/compliance/knowledge/", {"form": "item", "contract": contract.pk, "title": "排班规则说明",
                                       "every_days": "90"})  # fmt: skip
    assert "排班规则说明" in hr.get("/compliance/knowledge/").content.decode()
    assert client_for("vendor1").get("/compliance/knowledge/").status_code == 403
