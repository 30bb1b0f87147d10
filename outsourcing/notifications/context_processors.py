"""The unread count for the bell in the navigation bar.

A memoised callable, which templates call when they read it: the one COUNT query runs only when a
page shows the bell (not for fragments that do not), at most once per request, never for anonymous
visitors.
"""

from functools import cache

from outsourcing.notifications import selectors


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    @cache
    def unread_notifications() -> int:
        return selectors.unread_count(user=user)

    return {"unread_notifications": unread_notifications}
