"""Daily checks of vendor selection (run by `manage.py run_daily_jobs`): answers due tomorrow remind the
invited vendors that have not answered; a passed deadline tells the organisers the answers can be opened."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.org.models import Role, RoleAssignment
from outsourcing.sourcing.models import EventStatus, SourcingEvent
from outsourcing.vendors.selectors import portal_user_ids


@daily_check("sourcing.deadlines")
def deadlines(today: dt.date) -> list[Notice]:
    notices = []
    open_events = SourcingEvent.objects.filter(status=EventStatus.INVITING).prefetch_related("candidates__bid")
    organisers = list(
        RoleAssignment.objects.filter(role__in=[Role.HR, Role.PROCUREMENT], user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    for event in open_events:
        due = timezone.localtime(event.deadline).date()
        if due == today + dt.timedelta(days=1):
            waiting = [c for c in event.candidates.all() if not hasattr(c, "bid")]
            accounts = portal_user_ids({c.vendor_id for c in waiting})
            for candidate in waiting:
                for user_id in accounts.get(candidate.vendor_id, []):
                    notices.append(
                        Notice(
                            recipient_id=user_id,
                            title=_("Answer due tomorrow: %(title)s") % {"title": event.title},
                            url=reverse("sourcing:portal_event", args=[event.pk]),
                            dedup_key=f"sourcing-due:{event.pk}",
                            level="warning",
                        )
                    )
        elif due <= today:
            notices.extend(
                Notice(
                    recipient_id=user_id,
                    title=_("%(number)s: the deadline has passed, the answers can be opened")
                    % {"number": event.number},
                    url=event.get_absolute_url(),
                    dedup_key=f"sourcing-open:{event.pk}",
                )
                for user_id in organisers
            )
    return notices
