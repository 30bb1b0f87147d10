"""Session lifetime by kind of account (security finding 7): a session ends after a time without requests
(30 minutes for vendor users, 8 hours for staff, by default), and a vendor user's also when the browser closes."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "_last_seen"
# The stamp is rewritten at most this often, so a busy user does not cost a session write per request.
STAMP_GRANULARITY_SECONDS = 60


def idle_limit_seconds(user) -> int:
    minutes = settings.SESSION_IDLE_MINUTES_VENDOR if user.is_vendor_user else settings.SESSION_IDLE_MINUTES_INTERNAL
    return int(minutes) * 60


def start_session_clock(sender, request, user, **kwargs):
    """On login (user_logged_in): the idle clock starts, and a vendor user's session ends with the browser."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_SEEN_KEY] = int(time.time())
    if user.is_vendor_user:
        request.session.set_expiry(0)


class SessionIdleTimeoutMiddleware:
    """Logs out a session idle longer than its limit; the view then treats the request as anonymous
    (a page sends it to the login page, the API answers 401)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            self._check(request, user)
        return self.get_response(request)

    def _check(self, request, user) -> None:
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        limit = idle_limit_seconds(user)
        if isinstance(last_seen, int) and now - last_seen > limit:
            logout(request)
            if not request.path.startswith("/api/"):
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity. Please log in again.")
                    % {"minutes": limit // 60},
                )
            return
        if not isinstance(last_seen, int) or now - last_seen >= STAMP_GRANULARITY_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        if user.is_vendor_user and not request.session.get_expire_at_browser_close():
            request.session.set_expiry(0)
