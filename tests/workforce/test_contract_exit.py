"""CON-8 with loophole 3: a contract cannot close, and its exit plan's access item cannot be ticked, while any of
its workers is on site or holds access or an issued card; the exit plan names them; the daily job alerts when a
contract has ended with people still active under it. The closing registry is also the final-settlement hook."""

import datetime as dt

import pytest

from outsourcing.contracts import changes, closing
from outsourcing.contracts.models import Contract, ContractStatus, ExitCategory
from outsourcing.core.errors import Conflict
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import access
from outsourcing.workforce import entry as worker_entry
from tests.workforce.factories import contract_in_force, granted, on_site, user

pytestmark = pytest.mark.django_db


def exiting_with_one_worker():
    contract = contract_in_force()
    worker = on_site(contract)
    grant = granted(worker)
    card = access.issue_item(actor=user("requester"), worker=worker, kind="card", description="门禁卡 A-017",
                             issued_on=today())  # fmt: skip
    changes.start_exit(actor=user("procurement"), contract=contract, due=contract.end_date)
    return contract, worker, grant, card


def tick(contract, category, evidence="已完成"):
    item = contract.exit_items.get(category=category)
    return changes.complete_exit_item(actor=user("procurement"), item=item, evidence=evidence)


def test_con8_contract_does_not_close_while_its_people_are_still_active(demo, client_for, api_for):
    """CON-8 (loophole 3): the access item and the closing are refused, naming the worker, his access and his
    card, with the reason; page and API answer the same code; nothing changes; once out, it closes."""
    contract, worker, grant, card = exiting_with_one_worker()
    for category in (ExitCategory.KNOWLEDGE, ExitCategory.SETTLEMENT):
        tick(contract, category)
    with pytest.raises(Conflict) as refused:
        tick(contract, ExitCategory.ACCESS)
    assert refused.value.code == "workers_still_active"
    message = str(refused.value.message)
    assert worker.badge_number in message and "客服工单系统" in message and "门禁卡 A-017" in message
    assert "P1§15(三)" in message
    access_item = contract.exit_items.get(category=ExitCategory.ACCESS)
    assert access_item.is_open

    page = client_for("procurement")
    shown = page.get(contract.get_absolute_url()).content.decode()
    assert 'id="closing-open-points"' in shown and worker.badge_number in shown and "门禁卡 A-017" in shown
    answer = page.post(f"/contracts/{contract.pk}/exit/{access_item.pk}/done/", {"evidence": "已关闭"}, follow=True)
    assert "门禁卡 A-017" in answer.content.decode()
    access_item.refresh_from_db()
    assert access_item.is_open

    api = api_for("procurement")
    tick_api = api.post(f"/api/contracts/{contract.pk}/exit-items/{access_item.pk}/done/", {"evidence": "已关闭"})
    assert tick_api.status_code == 409 and tick_api.json()["code"] == "workers_still_active"
    plan = api.get(f"/api/contracts/{contract.pk}/exit-plan/").json()
    # The exit plan's own open items are the first closing check (CON-8); the people come after them.
    points = {point["code"]: point for point in plan["open_points"]}
    assert list(points)[:2] == ["exit_items_open", "workers_still_active"]
    assert any(worker.badge_number in line for line in points["workers_still_active"]["items"])

    # The assets item is done, the access one still open, so closing names the open item first...
    tick(contract, ExitCategory.ASSETS)
    closed = api.post(f"/api/contracts/{contract.pk}/close/")
    assert closed.status_code == 409 and closed.json()["code"] == "exit_items_open"

    # ...and with the exit recorded but the card still out, both still refuse.
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=today())
    access.revoke_grant(actor=user("requester"), grant=grant)
    with pytest.raises(Conflict) as still:
        tick(contract, ExitCategory.ACCESS)
    assert "门禁卡 A-017" in str(still.value.message) and "客服工单系统" not in str(still.value.message)
    access.return_item(actor=user("requester"), item=card)
    tick(contract, ExitCategory.ACCESS)
    done = api.post(f"/api/contracts/{contract.pk}/close/")
    assert done.status_code == 200 and done.json()["status"] == "closed"


def test_con8_closing_asks_every_registered_check_such_as_the_final_settlement(demo):
    """CON-8: the registry is the hook the settlements app fills; with none registered there is no check; with
    one, closing and the settlement item are refused under its code until it is clear."""
    contract = contract_in_force()
    changes.start_exit(actor=user("procurement"), contract=contract, due=contract.end_date)
    for item in contract.exit_items.exclude(category=ExitCategory.SETTLEMENT):
        changes.complete_exit_item(actor=user("procurement"), item=item, evidence="已完成")
    unsettled = {contract.pk}
    before = {c.code: c for c in closing.closing_checks()}  # the settlements app's own check, restored below
    closing.register_closing_check(
        code="final_settlement_open", title=lambda: "最终结算未完成", rule=lambda: "最终结算经财务确认后方可关闭合同。",
        blockers=lambda c: ["2026-12 结算单"] if c.pk in unsettled else [], guards={ExitCategory.SETTLEMENT},
    )  # fmt: skip
    try:
        with pytest.raises(Conflict) as refused:
            tick(contract, ExitCategory.SETTLEMENT)
        assert refused.value.code == "final_settlement_open" and "2026-12 结算单" in str(refused.value.message)
        unsettled.clear()
        tick(contract, ExitCategory.SETTLEMENT)
        assert changes.close_contract(actor=user("procurement"), contract=contract).status == ContractStatus.CLOSED
    finally:
        closing.unregister_closing_check("final_settlement_open")
        if "final_settlement_open" in before:
            original = before["final_settlement_open"]
            closing.register_closing_check(code=original.code, title=original.title, rule=original.rule,
                                           blockers=original.blockers, guards=original.guards,
                                           order=original.order)  # fmt: skip
    assert {c.code: c for c in closing.closing_checks()} == before


def test_con8_daily_job_alerts_when_a_contract_ended_with_people_still_active(demo):
    """CON-8, X-2 (loophole 3): the day after the end, the owner, HR and the department head hear once."""
    contract = contract_in_force()
    worker = on_site(contract)
    other = contract_in_force()  # ended too, but nobody under it
    end = today() + dt.timedelta(days=3)
    Contract.objects.filter(pk__in=[contract.pk, other.pk]).update(end_date=end)
    alerts = Notification.objects.filter(url=contract.get_absolute_url() + "#exit")
    run_daily_jobs(today=end)
    assert not alerts.exists()
    run_daily_jobs(today=end + dt.timedelta(days=1))
    run_daily_jobs(today=end + dt.timedelta(days=2))
    owner_alerts = alerts.filter(recipient=user("requester"))
    assert owner_alerts.count() == 1 and worker.badge_number in owner_alerts.get().body
    assert alerts.filter(recipient=user("hr")).count() == 1
    assert not Notification.objects.filter(url=other.get_absolute_url() + "#exit").exists()
