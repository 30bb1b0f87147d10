"""Login throttling (ORG-3, security finding 2): django-axes counts failed logins on the login page and on
`/api/auth/token/` by account and source address; after LOGIN_FAILURE_LIMIT failures within
LOGIN_LOCKOUT_MINUTES the pair is locked until the cool-off ends or HR or an administrator unlocks it.

Every failure is an axes AccessFailureLog row and every lock an AccessAttempt row, both kept in the audit
trail (registered with auditlog in OrgConfig.ready), so an unlock is recorded as its deletion, with who did it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.timeutil import local
from outsourcing.org.errors import ErrorCode

LOCKED_CODE = "login_locked"


@dataclass(frozen=True)
class Lockout:
    attempt: AccessAttempt
    until: dt.datetime


def _until(attempt: AccessAttempt) -> dt.datetime:
    return attempt.attempt_time + settings.AXES_COOLOFF_TIME


def lockout_message(until: dt.datetime | None) -> str:
    if until is None:
        return _("Too many failed logins: this account is locked. Ask HR or an administrator to unlock it.")
    return _(
        "Too many failed logins: this account is locked from this address. Try again after %(time)s, "
        "or ask HR or an administrator to unlock it."
    ) % {"time": local(until).strftime("%Y-%m-%d %H:%M")}


def _latest_until(credentials: dict | None) -> dt.datetime | None:
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or (credentials or {}).get("username")
    attempt = AccessAttempt.objects.filter(username=username).order_by("-attempt_time").first() if username else None
    return _until(attempt) if attempt else None


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again with the reason and when to retry (HTTP 429); the API
    answers the project's error shape with the code `login_locked`."""
    message = lockout_message(_latest_until(credentials))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": LOCKED_CODE}, status=429)
    form = AuthenticationForm(request)
    return render(request, "registration/login.html", {"form": form, "locked_message": message}, status=429)


def locked_accounts() -> list[Lockout]:
    """The account-and-address pairs locked now, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return [Lockout(attempt=attempt, until=_until(attempt)) for attempt in attempts]


@transaction.atomic
def unlock(*, actor, attempt_id: int) -> AccessAttempt:
    """HR or an administrator lifts a lock; the deleted attempt stays in the audit trail with the actor."""
    if not actor.has_perm("org.unlock_accounts"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or an administrator unlocks accounts."), status=403)
    attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
    if attempt is None:
        raise Conflict(ErrorCode.NOT_LOCKED, _("This lock has already been lifted or has expired."))
    AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
    return attempt
