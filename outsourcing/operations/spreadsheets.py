"""Excel export columns of every operations list (X-5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from outsourcing.core.excel import Column

INSTRUCTION_COLUMNS = [
    Column(_("Number"), lambda i: i.number, 16),
    Column(_("Contract"), lambda i: i.contract.number, 16),
    Column(_("Vendor"), lambda i: i.contract.vendor.name, 28),
    Column(_("To the vendor's site manager"), lambda i: i.addressee.get_full_name(), 14),
    Column(_("Subject"), lambda i: i.subject, 30),
    Column(_("Instruction"), lambda i: i.content, 50),
    Column(_("Instruction date"), lambda i: i.issued_on, 12),
    Column(_("Acknowledge by"), lambda i: i.acknowledge_by, 12),
    Column(_("Due date"), lambda i: i.due_date, 12),
    Column(_("Status"), lambda i: i.get_status_display(), 16),
    Column(_("Acknowledged at"), lambda i: i.acknowledged_at, 18),
    Column(_("Completion reported at"), lambda i: i.completed_at, 18),
    Column(_("Completion report"), lambda i: i.completion_report, 40),
    Column(_("Issued by"), lambda i: i.created_by.get_full_name() if i.created_by else "", 12),
]

KICKOFF_COLUMNS = [
    Column(_("Contract"), lambda k: k.contract.number, 16),
    Column(_("Vendor"), lambda k: k.contract.vendor.name, 28),
    Column(_("Held on"), lambda k: k.held_on, 12),
    Column(_("Goals of the service"), lambda k: k.goals, 40),
    Column(_("Communication plan"), lambda k: k.communication_plan, 40),
    Column(_("Attendees"), lambda k: k.attendees, 30),
    Column(_("Recorded by"), lambda k: k.created_by.get_full_name() if k.created_by else "", 12),
]

MEETING_COLUMNS = [
    Column(_("Number"), lambda m: m.number, 16),
    Column(_("Kind"), lambda m: m.get_kind_display(), 18),
    Column(_("Contract"), lambda m: m.contract.number, 16),
    Column(_("Vendor"), lambda m: m.contract.vendor.name, 28),
    Column(_("Date"), lambda m: m.held_on, 12),
    Column(_("Quarter reviewed"), lambda m: m.quarter_label, 10),
    Column(_("Agenda"), lambda m: m.agenda, 40),
    Column(_("Minutes"), lambda m: m.minutes, 50),
    Column(_("Action items"), lambda m: m.item_count, 10),
    Column(_("Open action items"), lambda m: m.open_items, 10),
]

ACTION_ITEM_COLUMNS = [
    Column(_("Meeting"), lambda a: a.meeting.number, 16),
    Column(_("Contract"), lambda a: a.meeting.contract.number, 16),
    Column(_("Action"), lambda a: a.description, 40),
    Column(_("Owner"), lambda a: a.owner.get_full_name(), 14),
    Column(_("Owner's side"), lambda a: a.get_owner_side_display(), 10),
    Column(_("Due date"), lambda a: a.due_date, 12),
    Column(_("Status"), lambda a: a.get_status_display(), 10),
    Column(_("Closed at"), lambda a: a.closed_at, 18),
    Column(_("Outcome"), lambda a: a.outcome, 40),
]
