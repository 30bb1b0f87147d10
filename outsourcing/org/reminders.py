"""Org's daily check, registered on import in OrgConfig.ready(): accounts that hold no role.

Every app registers its checks the same way (`@core.notices.daily_check("vendors.qualification_expiry")`),
in a module named `reminders.py`; the notifications engine runs them and owns none.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.org import selectors as org_selectors
from outsourcing.org.models import Role, RoleAssignment, UserKind

LISTED_NAMES = 20


@daily_check("org.account_without_role")
def accounts_without_role(today: dt.date) -> list[Notice]:
    """Each active administrator hears once a day of active accounts that hold no role.

    Such an account can log in but sees nothing: usually a new hire left half set up, or someone who
    left and was never deactivated. The reminder repeats daily until it is fixed.
    """
    accounts = org_selectors.users_without_role().order_by("username")
    count = accounts.count()
    if not count:
        return []
    lines = [
        f"- {full_name or username} ({username})"
        for username, full_name in accounts.values_list("username", "full_name")[:LISTED_NAMES]
    ]
    if count > LISTED_NAMES:
        lines.append(_("… and %(more)s more") % {"more": count - LISTED_NAMES})
    body = "\n".join([*lines, "", _("They can log in but see nothing: give them a role or deactivate them.")])
    admins = (
        RoleAssignment.objects.filter(role=Role.ADMIN, user__is_active=True, user__kind=UserKind.INTERNAL)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return [
        Notice(
            recipient_id=admin_id,
            title=_("%(count)s active accounts have no role") % {"count": count},
            body=body,
            url=reverse("org:user_list"),
            dedup_key=f"account-without-role:{today.isoformat()}",
            level="warning",
        )
        for admin_id in admins
    ]
