"""Incidents (INC-1..INC-4): recorded by the company with their type and severity; HR and legal are told at once and
the vendor, as the responsible party, is asked for its response in the portal; the timeline, the required actions
with owners and deadlines, the closing with root cause and remedy (never with an action open). A work injury runs
the vendor's 30-day recognition clock (工伤保险条例 art. 17); a serious incident is escalated to management, whose
acknowledgements are recorded. The company never pays compensation to the worker: the vendor is the employer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_incidents import (
    INCIDENT_STATES,
    Acknowledgement,
    Incident,
    IncidentAction,
    IncidentEvent,
    IncidentKind,
    IncidentStatus,
    Severity,
)
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import Role, RoleAssignment
from outsourcing.vendors.selectors import portal_user_ids


@dataclass
class IncidentData:
    kind: str
    title: str
    description: str
    occurred_on: dt.date
    vendor: object = None
    severity: str = Severity.ORDINARY
    contract: object = None
    project: object = None
    worker: object = None
    emergency_plan: str = ""


def role_ids(*roles: str) -> list[int]:
    return sorted(set(RoleAssignment.objects.filter(role__in=roles, user__is_active=True)
                      .values_list("user_id", flat=True)))  # fmt: skip


def _event(incident: Incident, actor, text) -> None:
    IncidentEvent.objects.create(incident=incident, actor=actor, text=str(text))


def _check(data: IncidentData) -> None:
    if data.kind not in IncidentKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the incident's type."), field="kind")
    if data.severity not in Severity.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the severity."), field="severity")
    if not (data.title or "").strip() or not (data.description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what happened."), field="description")
    if data.occurred_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the day it happened."), field="occurred_on")
    if data.occurred_on > today():
        raise RuleViolation(ErrorCode.FUTURE_DATE, _("An incident cannot be dated in the future."), field="occurred_on")
    if data.vendor is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the vendor responsible."), field="vendor")


@transaction.atomic
def record_incident(*, actor, data: IncidentData) -> Incident:
    if not actor.has_perm("compliance.record_incident"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Company staff record incidents."), status=403)
    if data.contract is not None and not actor.has_perm("contracts.view_contract", data.contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Record incidents of your own department's contracts."),
                            status=403)  # fmt: skip
    if data.worker is not None:
        data.contract = data.contract or data.worker.contract
        data.vendor = data.vendor or data.worker.vendor
    if data.contract is not None:
        data.vendor, data.project = data.vendor or data.contract.vendor, data.project or data.contract.project
    _check(data)
    incident = Incident(number=next_number("INC"), kind=data.kind, severity=data.severity, title=data.title.strip(),
                        description=data.description.strip(), occurred_on=data.occurred_on, vendor=data.vendor,
                        contract=data.contract, project=data.project, worker=data.worker,
                        emergency_plan=(data.emergency_plan or "").strip())  # fmt: skip
    if incident.is_work_injury:
        incident.filing_deadline = incident.occurred_on + dt.timedelta(days=settings.WORK_INJURY_FILING_DAYS)
    incident.stamp(actor)
    incident.save()
    _event(incident, actor, _("Recorded; HR and legal told, the vendor asked for its response."))
    notices = _recorded_notices(incident)
    if incident.severity == Severity.SERIOUS:
        notices += escalate(incident, actor=actor, reason=_("Serious incident"))
    with company_language():
        send(notices)
    return incident


def _recorded_notices(incident: Incident) -> list[Notice]:
    with company_language():
        facts = {"number": incident.number, "kind": incident.get_kind_display(), "title": incident.title}
        internal = _("Incident %(number)s (%(kind)s): %(title)s") % facts
        ask = _("Incident %(number)s (%(kind)s): give your response as the responsible party") % facts
    url = incident.get_absolute_url()
    notices = [Notice(recipient_id=uid, title=internal, url=url, level="danger", dedup_key=f"incident:{incident.pk}")
               for uid in role_ids(Role.HR, Role.LEGAL)]  # fmt: skip
    notices += [Notice(recipient_id=uid, title=ask, url=url, level="danger",
                       dedup_key=f"incident-ask:{incident.pk}")
                for uid in portal_user_ids([incident.vendor_id]).get(incident.vendor_id, [])]  # fmt: skip
    return notices


def escalate(incident: Incident, *, actor, reason, on: dt.date | None = None) -> list[Notice]:
    """Management and the emergency team are asked to acknowledge (INC-4); once per incident."""
    people = role_ids(Role.MANAGEMENT)
    Acknowledgement.objects.bulk_create([Acknowledgement(incident=incident, person_id=uid) for uid in people],
                                        ignore_conflicts=True)  # fmt: skip
    if incident.escalated_on is None:
        incident.escalated_on = on or today()
        Incident.objects.filter(pk=incident.pk).update(escalated_on=incident.escalated_on)
        _event(incident, actor, _("Escalated to management and the emergency team: %(reason)s") % {"reason": reason})
    with company_language():
        title = _("Acknowledge incident %(number)s: %(title)s") % {"number": incident.number, "title": incident.title}
    return [Notice(recipient_id=uid, title=title, url=incident.get_absolute_url(), level="danger",
                   dedup_key=f"incident-escalated:{incident.pk}") for uid in people]  # fmt: skip


def _lock(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


@transaction.atomic
def respond(*, actor, incident: Incident, response: str, filing_receipt: str = "", filed_on=None) -> Incident:
    """The vendor's response in the portal; for a work injury, its recognition filing receipt (INC-2, INC-3)."""
    if not actor.has_perm("compliance.respond_incident", incident):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The responsible vendor answers."), status=403)
    incident = _lock(incident)
    if incident.status == IncidentStatus.CLOSED:
        INCIDENT_STATES.check(incident.status, IncidentStatus.ANSWERED)
    if not (response or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the response."), field="response")
    if filing_receipt and (filed_on is None or filed_on > today() or filed_on < incident.occurred_on):
        raise RuleViolation(ErrorCode.FUTURE_DATE, _("Give the filing day, between the accident and today."),
                            field="filed_on")  # fmt: skip
    incident.vendor_response, incident.vendor_responded_at = response.strip(), timezone.now()
    if filing_receipt:
        incident.filing_receipt, incident.filed_on = filing_receipt.strip(), filed_on
    if incident.status == IncidentStatus.OPEN:
        INCIDENT_STATES.check(incident.status, IncidentStatus.ANSWERED)
        incident.status = IncidentStatus.ANSWERED
    incident.stamp(actor)
    incident.save()
    _event(incident, actor, _("The vendor responded%(receipt)s.") % {
        "receipt": (_("; recognition filed on %(day)s, receipt %(receipt)s") % {"day": filed_on,
                                                                               "receipt": filing_receipt})
        if filing_receipt else ""})  # fmt: skip
    return incident


def _manage(actor, incident) -> None:
    if not actor.has_perm("compliance.manage_incidents"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR and legal manage incidents."), status=403)
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The incident is closed."))


@transaction.atomic
def note(*, actor, incident: Incident, text: str) -> None:
    _manage(actor, incident)
    if not (text or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what was done."), field="text")
    _event(incident, actor, text.strip())


@transaction.atomic
def add_action(*, actor, incident: Incident, description: str, owner, due_on: dt.date) -> IncidentAction:
    _manage(actor, incident)
    if not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Describe the action."), field="description")
    if owner is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the action's owner."), field="owner")
    if due_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the action's deadline."), field="due_on")
    action = IncidentAction(incident=incident, description=description.strip(), owner=owner, due_on=due_on)
    action.stamp(actor)
    action.save()
    _event(
        incident,
        actor,
        _("Action required of %(owner)s by %(day)s: %(action)s")
        % {"owner": owner.get_full_name() or owner.username, "day": due_on, "action": action.description},
    )
    return action


@transaction.atomic
def complete_action(*, actor, action: IncidentAction) -> IncidentAction:
    if actor.pk != action.owner_id:  # the owner marks its own action done; otherwise HR or legal
        _manage(actor, action.incident)
    if action.done_on is None:
        action.done_on = today()
        action.stamp(actor)
        action.save()
        _event(action.incident, actor, _("Done: %(action)s") % {"action": action.description})
    return action


@transaction.atomic
def acknowledge(*, actor, incident: Incident) -> Acknowledgement:
    found = Acknowledgement.objects.select_for_update().filter(incident=incident, person=actor).first()
    if found is None:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only those it was escalated to acknowledge it."), status=403)
    if found.acknowledged_at is None:
        found.acknowledged_at = timezone.now()
        found.save(update_fields=["acknowledged_at"])
        _event(incident, actor, _("Acknowledged by %(person)s") % {"person": actor.get_full_name() or actor.username})
    return found


@transaction.atomic
def close(*, actor, incident: Incident, root_cause: str, remedy: str) -> Incident:
    _manage(actor, incident)
    incident = _lock(incident)
    INCIDENT_STATES.check(incident.status, IncidentStatus.CLOSED)
    open_actions = incident.actions.filter(done_on__isnull=True).count()
    if open_actions:
        raise Conflict(ErrorCode.OPEN_ACTIONS, _("%(n)s required action(s) are still open: finish them first.")
                       % {"n": open_actions})  # fmt: skip
    if not (root_cause or "").strip() or not (remedy or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Record the root cause and the remedy."), field="root_cause")
    incident.status, incident.closed_on = IncidentStatus.CLOSED, today()
    incident.root_cause, incident.remedy = root_cause.strip(), remedy.strip()
    incident.stamp(actor)
    incident.save()
    _event(incident, actor, _("Closed."))
    return incident


def injury_clock(day: dt.date) -> list[Notice]:
    """INC-3: each open work injury without the vendor's filing receipt: reminders on the configured days after the
    accident (to the vendor and HR), escalation once the deadline has passed. Sent once each (dedup keys)."""
    notices = []
    found = Incident.objects.filter(kind=IncidentKind.WORK_INJURY, filing_receipt="", filing_deadline__isnull=False
                                    ).exclude(status=IncidentStatus.CLOSED).select_related("vendor")  # fmt: skip
    accounts = portal_user_ids({i.vendor_id for i in found})
    hr = role_ids(Role.HR)
    for incident in found:
        elapsed = (day - incident.occurred_on).days
        if day > incident.filing_deadline:
            if incident.escalated_on is None:
                reason = _("the work-injury recognition was not filed by %(day)s") % {"day": incident.filing_deadline}
                notices += escalate(incident, actor=None, reason=reason, on=day)
                notices += [Notice(recipient_id=uid, title=_("%(number)s: work-injury recognition not filed by "
                                                             "%(day)s") % {"number": incident.number,
                                                                           "day": incident.filing_deadline},
                                   url=incident.get_absolute_url(), level="danger",
                                   dedup_key=f"injury-overdue:{incident.pk}")
                            for uid in role_ids(Role.HR, Role.LEGAL)]  # fmt: skip
            continue
        due = [d for d in settings.WORK_INJURY_REMINDER_DAYS if d <= elapsed]
        if not due:
            continue
        mark = max(due)
        title = _(
            "%(number)s: day %(n)s after the accident; apply for work-injury recognition by %(day)s and upload "
            "the receipt"
        ) % {"number": incident.number, "n": elapsed, "day": incident.filing_deadline}
        notices += [Notice(recipient_id=uid, title=title, url=incident.get_absolute_url(), level="warning",
                           dedup_key=f"injury-reminder:{incident.pk}:{mark}")
                    for uid in [*accounts.get(incident.vendor_id, []), *hr]]  # fmt: skip
    return notices
