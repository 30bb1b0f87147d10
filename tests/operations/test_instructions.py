"""Work instructions (OPS-1): to the vendor's site manager only, dated and due, acknowledged and completed by the
site manager, reminded when not acknowledged; the acknowledgement timeliness the performance app reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.operations import instructions, reminders, selectors
from outsourcing.operations.models import InstructionStatus, WorkInstruction
from tests.operations.factories import contract_in_force, instruct, user

pytestmark = pytest.mark.django_db


def test_ops1_instruction_goes_to_the_site_manager_with_number_dates_and_a_notice(demo):
    """OPS-1: numbered, dated, due, acknowledge-by within the configured days; the site manager is told."""
    contract = contract_in_force("vendor1")
    instruction = instruct(contract)
    assert instruction.number.startswith(f"INS-{today().year}-")
    assert instruction.issued_on == today()
    assert instruction.acknowledge_by == today() + dt.timedelta(days=2)
    assert instruction.status == InstructionStatus.ISSUED
    assert Notification.objects.filter(recipient=user("vendor1"), url=instruction.get_absolute_url()).exists()


@pytest.mark.parametrize("overrides, code, field", [
    ({"addressee": "hr"}, "not_site_manager", "addressee"),
    ({"addressee": "vendor2"}, "not_site_manager", "addressee"),
    ({"due_date": -1}, "dates", "due_date"),
    ({"issued_on": 1}, "dates", "issued_on"),
    ({"subject": "  "}, "required", "subject"),
    ({"due_date": None}, "required", "due_date"),
])  # fmt: skip
def test_ops1_bad_instructions_are_refused_and_nothing_is_saved(demo, overrides, code, field):
    """OPS-1, X-8: an addressee who is not the vendor's site manager (company staff, another vendor's manager), a
    due date before the instruction date, a future date, a blank subject: refused with the field, nothing saved."""
    contract = contract_in_force("vendor1")
    contract_in_force("vendor2")
    values = dict(overrides)
    if "addressee" in values:
        values["addressee"] = user(values["addressee"])
    for key in ("due_date", "issued_on"):
        if isinstance(values.get(key), int):
            values[key] = today() + dt.timedelta(days=values[key])
    with pytest.raises(RuleViolation) as refused:
        instruct(contract, **values)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not WorkInstruction.objects.exists()


def test_ops1_the_refusal_names_the_site_managers(demo):
    contract = contract_in_force("vendor1")
    with pytest.raises(RuleViolation) as refused:
        instruct(contract, addressee=user("requester"))
    assert "现场负责人" in str(refused.value.message) or "site manager" in str(refused.value.message)
    assert user("vendor1").get_full_name() in str(refused.value.message)


def test_ops1_only_the_projects_department_issues_and_only_under_a_live_contract(demo):
    contract = contract_in_force("vendor1")
    with pytest.raises(RuleViolation) as refused:
        instruct(contract, by="vendor1")
    assert refused.value.status == 403
    contract.status = "closed"
    contract.save()
    with pytest.raises(RuleViolation) as refused:
        instruct(contract)
    assert refused.value.code == "contract_not_live"


def test_ops1_site_manager_acknowledges_then_completes_and_the_issuer_is_told(demo):
    contract = contract_in_force("vendor1")
    instruction = instruct(contract)
    with pytest.raises(RuleViolation) as early:
        instructions.complete_instruction(actor=user("vendor1"), instruction=instruction, report="已完成")
    assert early.value.code == "wrong_status"
    with pytest.raises(RuleViolation) as outsider:
        instructions.acknowledge_instruction(actor=user("vendor2"), instruction=instruction)
    assert outsider.value.status == 403
    instruction = instructions.acknowledge_instruction(actor=user("vendor1"), instruction=instruction)
    assert instruction.status == InstructionStatus.ACKNOWLEDGED and instruction.acknowledged_on_time
    with pytest.raises(RuleViolation) as twice:
        instructions.acknowledge_instruction(actor=user("vendor1"), instruction=instruction)
    assert twice.value.status == 409
    with pytest.raises(RuleViolation) as blank:
        instructions.complete_instruction(actor=user("vendor1"), instruction=instruction, report=" ")
    assert blank.value.field == "report"
    report = "已补全7份交接记录，并在交接模板中增加未结工单栏。"
    instruction = instructions.complete_instruction(actor=user("vendor1"), instruction=instruction, report=report)
    assert instruction.status == InstructionStatus.COMPLETED
    assert Notification.objects.filter(recipient=user("requester"), url=instruction.get_absolute_url(),
                                       title__contains="INS-").exists()  # fmt: skip


def test_ops1_overdue_acknowledgement_and_completion_are_reminded_once(demo):
    """OPS-1, X-2: the daily job reminds the site manager and the issuer once per instruction."""
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=30))
    late = instruct(contract, issued_on=today() - dt.timedelta(days=5))
    waiting = instruct(contract)
    past_due = instruct(contract, issued_on=today() - dt.timedelta(days=9), due_date=today() - dt.timedelta(days=1))
    instructions.acknowledge_instruction(actor=user("vendor1"), instruction=past_due)
    notices = reminders.instructions_overdue(today())
    titles = {(n.recipient_id, n.dedup_key) for n in notices}
    assert (user("vendor1").pk, f"instruction-unacknowledged:{late.pk}") in titles
    assert (user("requester").pk, f"instruction-unacknowledged:{late.pk}") in titles
    assert (user("vendor1").pk, f"instruction-overdue:{past_due.pk}") in titles
    assert not any(str(waiting.pk) == key.rsplit(":", 1)[1] for _r, key in titles)
    from outsourcing.core.notices import send

    assert send(notices) == len(notices)
    assert send(reminders.instructions_overdue(today())) == 0


def test_ops1_acknowledgement_timeliness_per_contract_and_period(demo):
    """OPS-1 → PRF-1 computed source: on time, late, still waiting per contract in one query; no instructions,
    no entry (not 0 %)."""
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    quiet = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    on_time = instruct(contract, issued_on=today() - dt.timedelta(days=10))
    instructions.acknowledge_instruction(actor=user("vendor1"), instruction=on_time)
    WorkInstruction.objects.filter(pk=on_time.pk).update(
        acknowledged_at=timezone.make_aware(dt.datetime.combine(on_time.acknowledge_by, dt.time(23, 30))))
    late = instruct(contract, issued_on=today() - dt.timedelta(days=10))
    instructions.acknowledge_instruction(actor=user("vendor1"), instruction=late)  # today: 8 days late
    instruct(contract, issued_on=today() - dt.timedelta(days=9))  # never acknowledged: late
    instruct(contract)  # still within its days
    figures = selectors.acknowledgement_timeliness(start=today() - dt.timedelta(days=30), end=today(),
                                                   contract_ids=[contract.pk, quiet.pk])  # fmt: skip
    assert quiet.pk not in figures
    row = figures[contract.pk]
    assert (row.issued, row.on_time, row.late, row.waiting) == (4, 1, 2, 1)
    assert str(row.rate) == "25.00"


def test_ops1_ops2_instruction_dictating_a_workers_leave_is_warned_then_recorded_as_a_sign(demo):
    """OPS-1, OPS-2, RSK-3: the text screen warns before sending, nothing saved; sent anyway, the instruction keeps
    the findings and a sign is recorded against the vendor."""
    from outsourcing.core import screening
    from outsourcing.core.models import ScreenSign

    contract = contract_in_force("vendor1")
    text = {"subject": "王小明下周请假安排", "content": "王小明下周一至周三准假，扣工资按公司规定执行。"}
    with pytest.raises(screening.ScreenWarning) as warned:
        instruct(contract, **text)
    assert warned.value.code == "direct_management_terms" and warned.value.field == "send_anyway"
    assert not WorkInstruction.objects.exists() and not ScreenSign.objects.exists()
    instruction = instruct(contract, send_anyway=True, **text)
    assert {hit["category"] for hit in instruction.screen_findings} >= {"leave"}
    sign = ScreenSign.objects.get()
    assert sign.vendor_id == contract.vendor_id and sign.purpose == instructions.SCREEN_PURPOSE
    plain = instruct(contract)
    assert plain.screen_findings == [] and ScreenSign.objects.count() == 1
