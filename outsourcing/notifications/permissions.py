"""Who may use the inbox: every active person who logs in, staff and vendor users alike.

Each person reads and marks only their own notifications; the selectors scope every query by
recipient, so someone else's notification is simply not found (404), not forbidden.
"""

from __future__ import annotations

import rules


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


can_use_inbox = rules.is_authenticated & rules.is_active

rules.add_perm("notifications.view_inbox", can_use_inbox)
rules.add_perm("notifications.read_notification", can_use_inbox & is_recipient)
