"""Least-privilege access and the exit day (WRK-5, CST-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import access, filing
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce.models import AccessGrant, GrantStatus, Worker
from tests.workforce.factories import (
    approved,
    construction_contract,
    contract_in_force,
    filed,
    granted,
    on_site,
    user,
)

pytestmark = pytest.mark.django_db


def _request(worker, **overrides):
    values = {"kind": "system", "resource": "客服工单系统", "reason": "接听热线后在工单系统中记录客户诉求",
              "valid_from": worker.planned_start, "valid_until": worker.planned_end}  # fmt: skip
    values.update(overrides)
    return access.request_grant(actor=user("requester"), worker=worker, **values)


def test_access_is_requested_with_a_reason_and_approved_by_the_department_head(demo):
    """WRK-5: the project's department asks with a reason; its head approves; then it is granted."""
    worker = approved(contract_in_force())
    grant = _request(worker)
    assert grant.status == GrantStatus.IN_APPROVAL
    task = ApprovalTask.objects.get(request__object_id=grant.pk, request__flow__document_type="access_grant",
                                    status=TaskStatus.PENDING)  # fmt: skip
    assert task.role == "dept_head"
    from outsourcing.approvals.services import decide

    decide(task=task, actor=user("depthead"), decision="approve", comment="同意")
    assert AccessGrant.objects.get(pk=grant.pk).status == GrantStatus.APPROVED


def test_access_is_refused_without_reason_past_the_workers_end_or_before_approval(demo):
    """WRK-5: no reason, an end after the worker's, an end before the start, a worker not yet approved, a user
    outside the project's department: refused with a message, nothing saved."""
    contract = contract_in_force()
    worker = approved(contract)
    cases = [
        ({"reason": "需要"}, "reason"),
        ({"valid_until": worker.planned_end + dt.timedelta(days=1)}, "valid_until"),
        ({"valid_until": worker.planned_start - dt.timedelta(days=1)}, "valid_until"),
        ({"valid_from": worker.planned_start - dt.timedelta(days=1)}, "valid_from"),
        ({"resource": ""}, "resource"),
    ]
    for overrides, field in cases:
        with pytest.raises(RuleViolation) as refused:
            _request(worker, **overrides)
        assert refused.value.field == field, overrides
    with pytest.raises(RuleViolation, match=str(worker.planned_end.isoformat())):
        _request(worker, valid_until=worker.planned_end + dt.timedelta(days=30))
    with pytest.raises(RuleViolation):
        _request(filed(contract))  # not approved to enter
    for username in ("vendor1", "logistics", "hr"):
        with pytest.raises(RuleViolation) as refused:
            access.request_grant(actor=user(username), worker=worker, kind="system", resource="工单系统",
                                 reason="需要登录工单系统处理诉求", valid_from=worker.planned_start,
                                 valid_until=worker.planned_end)  # fmt: skip
        assert refused.value.status == 403
    assert not AccessGrant.objects.exists()


def test_a_grant_cannot_be_approved_once_the_worker_has_left(demo):
    """WRK-5: the approval checks again: a worker who exited meanwhile gets no access."""
    worker = approved(contract_in_force())
    grant = _request(worker)
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    task = ApprovalTask.objects.get(request__object_id=grant.pk, request__flow__document_type="access_grant",
                                    status=TaskStatus.PENDING)  # fmt: skip
    from outsourcing.approvals.services import decide

    with pytest.raises(RuleViolation):
        decide(task=task, actor=user("depthead"), decision="approve")
    assert AccessGrant.objects.get(pk=grant.pk).status == GrantStatus.IN_APPROVAL


def test_construction_site_access_needs_real_name_registration(demo):
    """CST-1: no site (area) access on a construction project without the real-name registration."""
    contract = construction_contract()
    assert filing.is_construction(contract)
    worker = filed(contract)
    worker_entry.register_realname(actor=user("hr"), worker=worker, reference="SH-RMZ-2026-000901")
    worker = worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)
    # the registration is later found missing (cleared at the registry): the one check asks again at the gate
    Worker.objects.filter(pk=worker.pk).update(realname_reference="")
    worker.refresh_from_db()
    assert _request(worker).status == GrantStatus.IN_APPROVAL  # a system grant is not site access
    with pytest.raises(RuleViolation, match="实名"):
        _request(worker, kind="area", resource="施工现场")
    worker.realname_reference = "SH-RMZ-2026-1"
    worker.save()
    assert _request(worker, kind="area", resource="施工现场").status == GrantStatus.IN_APPROVAL


def test_open_access_after_the_exit_day_raises_one_alert_per_item_once(demo):
    """WRK-5: on exit everything is closed that day; what is still open the day after is an alert to the
    project's owner and department head, one per open grant or item, never repeated."""
    worker = on_site(
        contract_in_force(), entered=today() - dt.timedelta(days=5), planned_start=today() - dt.timedelta(days=5)
    )
    grant = granted(worker)
    closed = granted(worker, resource="办公内网")
    card = access.issue_item(actor=user("requester"), worker=worker, kind="card", description="门禁卡 A-17",
                             issued_on=today() - dt.timedelta(days=5))  # fmt: skip
    exit_day = today() - dt.timedelta(days=1)
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=exit_day)
    access.revoke_grant(actor=user("requester"), grant=closed, revoked_on=exit_day)

    def alerts():
        return Notification.objects.filter(dedup_key__startswith="worker-open-")

    run_daily_jobs(today=exit_day)
    assert not alerts().exists()  # the exit day itself: still time to close
    run_daily_jobs(today=today())
    assert set(alerts().values_list("recipient__username", "dedup_key")) == {
        ("requester", f"worker-open-grant:{grant.pk}"), ("depthead", f"worker-open-grant:{grant.pk}"),
        ("requester", f"worker-open-item:{card.pk}"), ("depthead", f"worker-open-item:{card.pk}"),
    }  # fmt: skip
    run_daily_jobs(today=today())
    run_daily_jobs(today=today() + dt.timedelta(days=1))
    assert alerts().count() == 4  # never duplicated
    access.revoke_grant(actor=user("requester"), grant=grant)
    access.return_item(actor=user("requester"), item=card)
    assert access.open_access(worker) == ([], [])


def test_revoking_and_returning_are_recorded_by_the_department_and_checked(demo):
    """WRK-5: only HR or the project's department closes access; dates in the future or twice are refused."""
    worker = on_site(contract_in_force())
    grant = granted(worker)
    item = access.issue_item(actor=user("requester"), worker=worker, kind="key", description="机房钥匙",
                             issued_on=today())  # fmt: skip
    for username in ("vendor1", "logistics"):
        with pytest.raises(RuleViolation):
            access.revoke_grant(actor=user(username), grant=grant)
    with pytest.raises(RuleViolation):
        access.revoke_grant(actor=user("requester"), grant=grant, revoked_on=today() + dt.timedelta(days=1))
    access.revoke_grant(actor=user("hr"), grant=grant)
    with pytest.raises(RuleViolation):
        access.revoke_grant(actor=user("hr"), grant=grant)
    access.return_item(actor=user("requester"), item=item)
    with pytest.raises(RuleViolation):
        access.return_item(actor=user("requester"), item=item)
    with pytest.raises(RuleViolation):
        access.issue_item(actor=user("requester"), worker=worker, kind="card", description="",
                          issued_on=today())  # fmt: skip


def test_an_exit_is_on_a_real_day_after_the_entry(demo):
    """WRK-5: the exit day is not in the future and not before the entry."""
    worker = on_site(contract_in_force(), entered=today() - dt.timedelta(days=3))
    for day in (today() + dt.timedelta(days=1), today() - dt.timedelta(days=4)):
        with pytest.raises(RuleViolation):
            worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=day)
    with pytest.raises(RuleViolation):
        worker_entry.record_exit(actor=user("vendor2"), worker=worker, exited_on=today())
    assert worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today()).exited_on == today()


def test_a_worker_entered_early_gets_access_from_the_entry_and_a_future_grant_closes_on_exit(demo):
    """WRK-5: access may start on the day the worker actually entered; after the exit even a grant that has not
    started yet is closed that day."""
    contract = contract_in_force()
    worker = approved(contract, planned_start=today() + dt.timedelta(days=5))
    worker_entry.record_entry(actor=user("requester"), worker=worker, briefing_on=today(), topics=["safety"],
                        undertaking_signed_on=today(), workplace_conditions="工位与网络")  # fmt: skip
    worker.refresh_from_db()
    early = granted(worker, resource="客服工单系统")
    assert early.valid_from == worker.planned_start
    now = _request(worker, resource="办公内网", valid_from=today())
    assert now.valid_from == today()
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    access.revoke_grant(actor=user("requester"), grant=early, revoked_on=today())  # before its own start
    assert AccessGrant.objects.get(pk=early.pk).status == GrantStatus.REVOKED
