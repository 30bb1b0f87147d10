"""Daily checks of daily operations (run by `manage.py run_daily_jobs`): instructions not acknowledged by their
day or not completed by their due date (OPS-1), contracts in force without a kick-off after the configured days
(OPS-4), action items past their due date (OPS-3). Each notice is sent once (its dedup key)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.operations import selectors


def kickoff_days() -> int:
    """Days a contract may be in force without a kick-off (settings.OPERATIONS_KICKOFF_DAYS, default 30)."""
    return int(getattr(settings, "OPERATIONS_KICKOFF_DAYS", 30))


@daily_check("operations.instructions_overdue")
def instructions_overdue(today: dt.date) -> list[Notice]:
    notices = []
    for instruction in selectors.unacknowledged_after(today):
        facts = {"number": instruction.number, "subject": instruction.subject,
                 "day": instruction.acknowledge_by.isoformat()}  # fmt: skip
        notices += [
            Notice(recipient_id=user_id, title=_("%(number)s not acknowledged by %(day)s: %(subject)s") % facts,
                   body=_("The vendor's site manager acknowledges the instruction in the portal."),
                   url=instruction.get_absolute_url(), dedup_key=f"instruction-unacknowledged:{instruction.pk}",
                   level="warning")
            for user_id in sorted({instruction.addressee_id, instruction.created_by_id} - {None})
        ]  # fmt: skip
    for instruction in selectors.incomplete_after(today):
        facts = {"number": instruction.number, "subject": instruction.subject, "day": instruction.due_date.isoformat()}
        notices += [
            Notice(recipient_id=user_id, title=_("%(number)s was due on %(day)s, completion not reported: %(subject)s")
                   % facts, url=instruction.get_absolute_url(), dedup_key=f"instruction-overdue:{instruction.pk}",
                   level="warning")
            for user_id in sorted({instruction.addressee_id, instruction.created_by_id} - {None})
        ]  # fmt: skip
    return notices


@daily_check("operations.kickoff_missing")
def kickoff_missing(today: dt.date) -> list[Notice]:
    days = kickoff_days()
    return [
        Notice(recipient_id=contract.project.owner_id,
               title=_("%(number)s has been in force since %(start)s without a kick-off meeting")
               % {"number": contract.number, "start": contract.start_date.isoformat()},
               body=_("Hold the kick-off with the vendor: goals, communication plan and both sides' interface "
                      "persons (more than %(days)s days in force).") % {"days": days},
               url=contract.get_absolute_url() + "#operations", dedup_key=f"kickoff-missing:{contract.pk}",
               level="warning")
        for contract in selectors.contracts_without_kickoff(today, after_days=days)
    ]  # fmt: skip


@daily_check("operations.action_items_overdue")
def action_items_overdue(today: dt.date) -> list[Notice]:
    notices = []
    for item in selectors.action_items_overdue(today):
        title = _("Action item of %(meeting)s past its due date %(day)s: %(item)s") % {
            "meeting": item.meeting.number, "day": item.due_date.isoformat(), "item": item.description}  # fmt: skip
        notices += [
            Notice(recipient_id=user_id, title=title, url=item.get_absolute_url(),
                   dedup_key=f"action-item-overdue:{item.pk}:{item.due_date.isoformat()}", level="warning")
            for user_id in sorted({item.owner_id, item.meeting.created_by_id} - {None})
        ]  # fmt: skip
    return notices
