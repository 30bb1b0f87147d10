"""Meetings with the vendor (周/月例会, 季度业务评审会 QBR, OPS-3): agenda and attendees of both sides, minutes
(会议纪要), and action items with an owner on either side and a due date, tracked to closure."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.operations.errors import ErrorCode
from outsourcing.operations.kickoff import side_of
from outsourcing.operations.models import ActionItem, ActionStatus, Meeting, MeetingAttendee, MeetingKind, Side
from outsourcing.org.models import User


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _names(values) -> list[str]:
    return [name.strip() for name in values or [] if name and name.strip()]


@transaction.atomic
def record_meeting(*, actor: User, contract: Contract, kind: str, held_on: dt.date, agenda: str,
                   company_attendees: list[str], vendor_attendees: list[str],
                   quarter: dt.date | None = None) -> Meeting:  # fmt: skip
    """Plan or record a meeting under a contract in force; a QBR names the quarter it reviews."""
    if not actor.has_perm("operations.hold_meeting", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR holds meetings with the vendor."),
                            status=403)  # fmt: skip
    if contract.status not in LIVE_STATUSES:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("%(contract)s is not in force.")
                            % {"contract": contract.number}, field="contract")  # fmt: skip
    if kind not in MeetingKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of meeting."), field="kind")
    if held_on is None or not contract.start_date <= held_on <= contract.end_date:
        raise RuleViolation(ErrorCode.DATES, _("The meeting falls within the contract's term (%(start)s – %(end)s).")
                            % {"start": contract.start_date.isoformat(), "end": contract.end_date.isoformat()},
                            field="held_on")  # fmt: skip
    if kind == MeetingKind.QBR:
        if quarter is None or quarter != quarter_start(quarter):
            raise RuleViolation(ErrorCode.QUARTER, _("Choose the quarter the review covers."), field="quarter")
        if quarter > held_on:
            raise RuleViolation(ErrorCode.QUARTER, _("A QBR reviews a quarter that has begun by the meeting day."),
                                field="quarter")  # fmt: skip
    else:
        quarter = None
    if not (agenda or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the agenda."), field="agenda")
    company, vendor = _names(company_attendees), _names(vendor_attendees)
    if not company or not vendor:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the attendees of both sides: the company's and the vendor's."),
                            field="company_attendees" if not company else "vendor_attendees")  # fmt: skip
    meeting = Meeting(number=next_number("MTG"), contract=contract, kind=kind, held_on=held_on, quarter=quarter,
                      agenda=agenda.strip())  # fmt: skip
    meeting.stamp(actor)
    meeting.save()
    MeetingAttendee.objects.bulk_create(
        [MeetingAttendee(meeting=meeting, side=Side.COMPANY, name=name) for name in company]
        + [MeetingAttendee(meeting=meeting, side=Side.VENDOR, name=name) for name in vendor]
    )
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("contract__project").get(pk=meeting.pk)


@transaction.atomic
def record_minutes(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """The minutes (会议纪要), once the meeting has taken place; a correction replaces them (the trail keeps both)."""
    meeting = _lock(meeting)
    if not actor.has_perm("operations.hold_meeting", meeting):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Who holds the meeting records its minutes."), status=403)
    if meeting.held_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Minutes are recorded once the meeting has taken place (%(day)s).")
                            % {"day": meeting.held_on.isoformat()}, field="minutes")  # fmt: skip
    if not (minutes or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the minutes."), field="minutes")
    meeting.minutes = minutes.strip()
    meeting.minutes_recorded_at = timezone.now()
    meeting.stamp(actor)
    meeting.save()
    return meeting


@transaction.atomic
def add_action_item(*, actor: User, meeting: Meeting, description: str, owner: User | None,
                    due_date: dt.date | None) -> ActionItem:  # fmt: skip
    """An action agreed in the meeting, owned by someone of either side, due on a day."""
    meeting = _lock(meeting)
    if not actor.has_perm("operations.hold_meeting", meeting):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Who holds the meeting records its action items."), status=403)
    if not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what is to be done."), field="description")
    if owner is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the owner of the action item."), field="owner")
    side = side_of(owner, meeting.contract)
    if side is None:
        raise RuleViolation(ErrorCode.NOT_A_PARTY, _("%(name)s is neither company staff nor a user of %(vendor)s.")
                            % {"name": owner.get_full_name(), "vendor": meeting.contract.vendor.name},
                            field="owner")  # fmt: skip
    if due_date is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the due date."), field="due_date")
    if due_date < meeting.held_on:
        raise RuleViolation(ErrorCode.DATES, _("The due date (%(due)s) is before the meeting (%(day)s).")
                            % {"due": due_date.isoformat(), "day": meeting.held_on.isoformat()},
                            field="due_date")  # fmt: skip
    item = ActionItem(meeting=meeting, description=description.strip(), owner=owner, owner_side=side,
                      due_date=due_date)  # fmt: skip
    item.stamp(actor)
    item.save()
    with company_language():
        send([Notice(recipient_id=owner.pk, title=_("Action item from %(meeting)s, due %(day)s: %(item)s")
                     % {"meeting": meeting.number, "day": due_date.isoformat(), "item": item.description},
                     url=item.get_absolute_url(), dedup_key=f"action-item:{item.pk}")])  # fmt: skip
    return item


@transaction.atomic
def close_action_item(*, actor: User, item: ActionItem, outcome: str) -> ActionItem:
    """Its owner, or who holds the meeting, closes the item with its outcome."""
    item = ActionItem.objects.select_for_update(of=("self",)).select_related("meeting__contract__project").get(
        pk=item.pk
    )
    if not actor.has_perm("operations.read_record", item):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Not found, or not yours to see."), status=403)
    if item.status != ActionStatus.OPEN:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This action item is already closed."))
    if not actor.has_perm("operations.close_action_item", item):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The owner or who holds the meeting closes an action item."),
                            status=403)  # fmt: skip
    if not (outcome or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what came of it."), field="outcome")
    item.status = ActionStatus.CLOSED
    item.outcome = outcome.strip()
    item.closed_at, item.closed_by = timezone.now(), actor
    item.stamp(actor)
    item.save()
    return item
