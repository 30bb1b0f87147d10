"""Daily checks of partnership (run by `manage.py run_daily_jobs`): proposals unanswered after their deadline
(PTN-1; unanswered proposals are the known failure of such programmes), relationship-plan activities due within
a week (PTN-5), the rule's proposed strategic-tier changes (VEN-5) and the award cycle in January (PTN-4). Each
notice is sent once (its dedup key)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.org.models import Role, User
from outsourcing.partnership import selectors, tiers


def _holders(role: str) -> list[int]:
    return list(User.objects.filter(is_active=True, role_assignments__role=role).values_list("pk", flat=True)
                .distinct().order_by("pk"))  # fmt: skip


@daily_check("partnership.proposals_overdue")
def proposals_overdue(today: dt.date) -> list[Notice]:
    notices = []
    for proposal in selectors.proposals_overdue(today):
        title = _("%(number)s unanswered since %(day)s: %(title)s") % {
            "number": proposal.number, "day": proposal.answer_due.isoformat(), "title": proposal.title}  # fmt: skip
        notices += [Notice(recipient_id=uid, title=title, url=proposal.get_absolute_url(), level="warning",
                           body=_("Screen, pilot, adopt or decline the vendor's proposal with the reason."),
                           dedup_key=f"proposal-overdue:{proposal.pk}")
                    for uid in sorted({proposal.contract.project.owner_id, proposal.created_by_id} - {None})
                    ]  # fmt: skip
    return notices


@daily_check("partnership.plan_activities_due")
def plan_activities_due(today: dt.date) -> list[Notice]:
    keepers = _holders(Role.HR)
    return [
        Notice(recipient_id=uid, title=_("%(kind)s with %(vendor)s on %(day)s: %(title)s")
               % {"kind": a.get_kind_display(), "vendor": a.vendor.name, "day": a.planned_on.isoformat(),
                  "title": a.title}, url=a.get_absolute_url(), level="warning" if a.planned_on < today else "info",
               dedup_key=f"plan-activity:{a.pk}:{'late' if a.planned_on < today else 'due'}")
        for a in selectors.activities_due(today) for uid in sorted({a.created_by_id, *keepers} - {None})
    ]  # fmt: skip


@daily_check("partnership.tier_proposals")
def tier_proposals(today: dt.date) -> list[Notice]:
    keepers = _holders(Role.HR)
    return [
        Notice(recipient_id=uid, title=_("The rule proposes %(direction)s for %(vendor)s")
               % {"direction": dict(tiers.TierDirection.choices)[direction], "vendor": vendor.name},
               body="；".join(grounds), url=vendor.get_absolute_url(),
               dedup_key=f"tier-rule:{vendor.pk}:{direction}:{today:%Y-%m}")
        for vendor, direction, grounds in tiers.proposed_changes(today) for uid in keepers
    ]  # fmt: skip


@daily_check("partnership.award_cycle")
def award_cycle(today: dt.date) -> list[Notice]:
    if today.month != 1:
        return []
    year = today.year - 1
    return [Notice(recipient_id=uid, title=_("The %(year)s partner awards are due: propose the winners for "
                                             "management's decision") % {"year": year},
                   dedup_key=f"award-cycle:{year}") for uid in _holders(Role.HR)]  # fmt: skip
