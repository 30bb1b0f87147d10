"""Excel export columns of partnership's lists (X-5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from outsourcing.core.excel import Column

PROPOSAL_COLUMNS = [
    Column(_("Number"), lambda p: p.number, 16),
    Column(_("Vendor"), lambda p: p.contract.vendor.name, 28),
    Column(_("Contract"), lambda p: p.contract.number, 16),
    Column(_("Kind"), lambda p: p.get_kind_display(), 14),
    Column(_("Title"), lambda p: p.title, 30),
    Column(_("Submitted on"), lambda p: p.submitted_on, 12),
    Column(_("To be answered by"), lambda p: p.answer_due, 12),
    Column(_("Status"), lambda p: p.get_status_display(), 14),
    Column(_("Expected saving per month"), lambda p: p.expected_benefit, 14),
    Column(_("Vendor's share (%)"), lambda p: p.share_percent, 10),
    Column(_("Realised saving"), lambda p: p.realised, 14),
    Column(_("Gain shares"), lambda p: p.shared, 14),
    Column(_("Why declined"), lambda p: p.decline_reason, 30),
]

AWARD_COLUMNS = [
    Column(_("Number"), lambda a: a.number, 16),
    Column(_("Year"), lambda a: a.year, 8),
    Column(_("Award"), lambda a: a.title, 20),
    Column(_("Winner"), lambda a: a.vendor.name, 28),
    Column(_("Simplified selection"), lambda a: _("yes") if a.simplified else _("no"), 10),
    Column(_("Approval"), lambda a: a.get_approval_state_display(), 12),
    Column(_("Priority right until"), lambda a: a.priority_until, 12),
    Column(_("The committee's reasons"), lambda a: a.reasons, 40),
]

TIER_COLUMNS = [
    Column(_("Number"), lambda t: t.number, 16),
    Column(_("Vendor"), lambda t: t.vendor.name, 28),
    Column(_("Direction"), lambda t: t.get_direction_display(), 16),
    Column(_("Grounds by the rule"), lambda t: "；".join(t.grounds), 50),
    Column(_("Reason"), lambda t: t.reason, 30),
    Column(_("Approval"), lambda t: t.get_approval_state_display(), 12),
]
