"""API tokens (X-6, security finding 7): issued, listed and revoked by their owner; refused when expired,
when the password changed since they were issued, or when the account is inactive."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from outsourcing.core.errors import RuleViolation
from outsourcing.org.errors import ErrorCode
from outsourcing.org.models import ApiToken, User

# last_used_at is written at most this often per token, so a busy client does not write on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _is_live(token: ApiToken, now) -> bool:
    return (
        token.expires_at > now
        and token.user.is_active
        and constant_time_compare(token.password_stamp, token.user.get_session_auth_hash())
    )


# ---------------------------------------------------------------------------------------------------
# Writes


@transaction.atomic
def issue_token(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key, which is shown once and never stored."""
    now = timezone.now()
    # The user's dead tokens go when a new one is issued, so the list shows only what still works.
    dead = [t.pk for t in user.api_tokens.select_related("user") if not _is_live(t, now)]
    if dead:
        ApiToken.objects.filter(pk__in=dead).delete()
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        key_hash=hash_key(key),
        prefix=key[:8],
        password_stamp=user.get_session_auth_hash(),
        expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, key


@transaction.atomic
def revoke_token(*, actor: User, token_id: int) -> None:
    """The owner revokes one of their tokens; another person's token is as unknown as a missing one."""
    deleted, _rows = ApiToken.objects.filter(pk=token_id, user=actor).delete()
    if not deleted:
        raise RuleViolation(ErrorCode.TOKEN_NOT_FOUND, _("No such token among yours."), status=404)


def revoke_all_tokens(*, user: User) -> None:
    """Every token of `user` (the account was deactivated)."""
    ApiToken.objects.filter(user=user).delete()


# ---------------------------------------------------------------------------------------------------
# Reads


def live_tokens(*, user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    now = timezone.now()
    tokens: QuerySet[ApiToken] = ApiToken.objects.filter(user=user, expires_at__gt=now).select_related("user")
    return [t for t in tokens if _is_live(t, now)]


# ---------------------------------------------------------------------------------------------------
# DRF authentication


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refusing expired and revoked tokens with a message that says which."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid API token."), code=ErrorCode.TOKEN_INVALID)
        now = timezone.now()
        if token.expires_at <= now:
            expired = date_format(timezone.localtime(token.expires_at), "SHORT_DATETIME_FORMAT")
            raise exceptions.AuthenticationFailed(
                _("This API token expired at %(when)s; get a new one from /api/auth/token/.") % {"when": expired},
                code=ErrorCode.TOKEN_EXPIRED,
            )
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(
                _("This account is deactivated; its API tokens no longer work."), code=ErrorCode.ACCOUNT_INACTIVE
            )
        if not constant_time_compare(token.password_stamp, user.get_session_auth_hash()):
            raise exceptions.AuthenticationFailed(
                _("This API token was revoked because the password changed; get a new one from /api/auth/token/."),
                code=ErrorCode.TOKEN_REVOKED,
            )
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token
