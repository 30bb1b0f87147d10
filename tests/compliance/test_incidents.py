"""Incidents (INC-1..INC-4): recording tells HR and legal and asks the vendor; the vendor answers in the portal; the
timeline and required actions; closing refused with an open action; the work-injury clock across month ends with
the daily job run twice; a serious incident escalates to management, whose acknowledgements are recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import incidents
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_incidents import INCIDENT_STATES, Incident, IncidentStatus
from outsourcing.core.errors import RuleViolation
from outsourcing.core.states import FORBIDDEN_TRANSITION
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _record(on_contract, *, by="requester", **overrides):
    values = {"kind": "service_interruption", "title": "热线中断两小时", "description": "坐席系统故障，热线中断。",
              "occurred_on": today(), "contract": on_contract}  # fmt: skip
    values.update(overrides)
    return incidents.record_incident(actor=user(by), data=incidents.IncidentData(**values))


def _told(username: str, incident) -> int:
    return Notification.objects.filter(recipient__username=username, url=incident.get_absolute_url()).count()


def test_inc1_recording_tells_hr_and_legal_and_asks_the_vendor(demo):
    """INC-1/INC-2: the incident names the contract's vendor as responsible; HR, legal and the vendor are told."""
    contract = contract_in_force()
    incident = _record(contract)
    assert incident.vendor_id == contract.vendor_id and incident.project_id == contract.project_id
    assert (_told("hr", incident), _told("legal", incident), _told("vendor1", incident)) == (1, 1, 1)
    assert incident.events.count() == 1


@pytest.mark.parametrize("overrides, code", [
    ({"occurred_on": today() + dt.timedelta(days=1)}, ErrorCode.FUTURE_DATE),
    ({"kind": "meteor"}, ErrorCode.REQUIRED),
    ({"description": " "}, ErrorCode.REQUIRED),
    ({"contract": None}, ErrorCode.REQUIRED),
])  # fmt: skip
def test_inc1_bad_input_is_refused_and_nothing_saved(demo, overrides, code):
    """INC-1 (bad input): an incident dated in the future, without a type, text or vendor: refused, nothing saved."""
    contract = contract_in_force()
    with pytest.raises(RuleViolation) as refused:
        _record(contract, **overrides)
    assert refused.value.code == code and not Incident.objects.exists()


def test_inc2_vendor_responds_actions_and_closing(demo):
    """INC-2: the vendor answers in the portal; an open action blocks the closing; done, it closes with cause and
    remedy; every forbidden move is refused."""
    contract = contract_in_force()
    incident = _record(contract)
    with pytest.raises(RuleViolation):
        incidents.respond(actor=user("vendor2"), incident=incident, response="不是我们")
    incident = incidents.respond(actor=user("vendor1"), incident=incident, response="已切换备用线路，正在排查。")
    assert incident.status == IncidentStatus.ANSWERED
    action = incidents.add_action(actor=user("hr"), incident=incident, description="提交故障分析报告",
                                  owner=user("requester"), due_on=today() + dt.timedelta(days=5))  # fmt: skip
    with pytest.raises(RuleViolation) as refused:
        incidents.close(actor=user("hr"), incident=incident, root_cause="交换机故障", remedy="更换设备")
    assert refused.value.code == ErrorCode.OPEN_ACTIONS
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.ANSWERED
    incidents.complete_action(actor=user("requester"), action=action)
    incident = incidents.close(actor=user("hr"), incident=incident, root_cause="交换机故障", remedy="更换设备")
    assert incident.status == IncidentStatus.CLOSED and incident.events.count() == 5
    for current, to in INCIDENT_STATES.forbidden_pairs():
        with pytest.raises(RuleViolation) as refused:
            INCIDENT_STATES.check(current, to)
        assert refused.value.code == FORBIDDEN_TRANSITION


@pytest.mark.parametrize("accident", [dt.date(2026, 1, 25), dt.date(2026, 2, 20), dt.date(2026, 12, 10)])
def test_inc3_work_injury_reminders_across_month_ends_then_escalation(demo, accident):
    """INC-3: the 30-day recognition clock from the accident (工伤保险条例 art. 17): reminders on days 7, 20, 28 to
    the vendor and HR, each once although the job runs twice a day, across month ends; escalation after the deadline
    to management; none once the receipt is filed."""
    contract = contract_in_force(start=accident - dt.timedelta(days=30))
    worker = on_site(contract, entered=min(today(), accident - dt.timedelta(days=5)))
    incident = _record(contract, kind="work_injury", title="搬运时扭伤", description="仓库搬运时腰部扭伤。",
                       worker=worker, occurred_on=min(accident, today()))  # fmt: skip
    Incident.objects.filter(pk=incident.pk).update(occurred_on=accident,
                                                   filing_deadline=accident + dt.timedelta(days=30))  # fmt: skip
    reminders = Notification.objects.filter(recipient__username="vendor1", dedup_key__startswith="injury-reminder:")
    seen = {}
    for offset in (6, 7, 8, 19, 20, 27, 28, 29, 30, 31, 32):
        day = accident + dt.timedelta(days=offset)
        run_daily_jobs(today=day)
        run_daily_jobs(today=day)
        seen[offset] = reminders.count()
    assert seen == {6: 0, 7: 1, 8: 1, 19: 1, 20: 2, 27: 2, 28: 3, 29: 3, 30: 3, 31: 3, 32: 3}
    incident.refresh_from_db()
    assert incident.escalated_on == accident + dt.timedelta(days=31)
    assert _told("manager", incident) == 1


def test_inc3_the_receipt_stops_the_clock(demo):
    """INC-3: once the vendor files and uploads the receipt, no reminder and no escalation."""
    accident = today() - dt.timedelta(days=10)
    contract = contract_in_force(start=accident - dt.timedelta(days=30))
    incident = _record(contract, kind="work_injury", occurred_on=accident)
    incidents.respond(actor=user("vendor1"), incident=incident, response="已申请工伤认定",
                      filing_receipt="人社工伤受理 2026-118", filed_on=today())  # fmt: skip
    run_daily_jobs(today=accident + dt.timedelta(days=31))
    assert not Notification.objects.filter(dedup_key__startswith="injury-").exists()
    assert Incident.objects.get(pk=incident.pk).escalated_on is None


def test_inc4_serious_incident_escalates_and_acknowledgements_are_recorded(demo, client_for):
    """INC-4: a serious incident is escalated at once to management, who acknowledge it on its page."""
    contract = contract_in_force()
    incident = _record(contract, severity="serious", kind="information_leak", title="客户信息外泄")
    ack = incident.acknowledgements.get(person__username="manager")
    assert ack.acknowledged_at is None and _told("manager", incident) == 1
    page = client_for("manager")
    assert 'id="acknowledge-form"' in page.get(incident.get_absolute_url()).content.decode()
    page.post(f"/compliance/incidents/{incident.pk}/acknowledge/")
    ack.refresh_from_db()
    assert ack.acknowledged_at is not None
    with pytest.raises(RuleViolation):
        incidents.acknowledge(actor=user("legal"), incident=incident)


def test_inc2_pages_portal_and_api(demo, client_for, api_for):
    """INC-1/INC-2: the list exports; the vendor sees only its own incidents and answers on the page; the API
    records and answers with the same codes."""
    contract = contract_in_force()
    incident = _record(contract, kind="work_injury", title="搬运时扭伤")
    hr = client_for("hr")
    text = hr.get(incident.get_absolute_url()).content.decode()
    assert 'id="incident-timeline"' in text and 'id="receipt-missing"' in text
    assert hr.get("/compliance/incidents/?export=xlsx").status_code == 200
    assert client_for("vendor2").get(incident.get_absolute_url()).status_code == 404
    vendor = client_for("vendor1")
    assert incident.number in vendor.get("/compliance/incidents/").content.decode()
    vendor.post(f"/compliance/incidents/{incident.pk}/respond/", {"response": "已送医，正在申请认定",
                                                                  "filing_receipt": "受理 001",
                                                                  "filed_on": today().isoformat()})  # fmt: skip
    assert Incident.objects.get(pk=incident.pk).filing_receipt == "受理 001"
    api = api_for("hr")
    refused = api.post("/api/incidents/", {"kind": "other", "title": "x", "description": "x", "contract": contract.pk,
                                           "occurred_on": (today() + dt.timedelta(days=2)).isoformat()},
                       format="json")  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "future_date"
    assert api_for("vendor2").get("/api/incidents/").json()["count"] == 0
    assert api_for("vendor1").get("/api/incidents/").json()["count"] == 1
