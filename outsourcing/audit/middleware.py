"""auditlog's middleware, made to name the user of token-authenticated API requests too.

Use `outsourcing.audit.middleware.AuditlogMiddleware` in MIDDLEWARE in place of auditlog's own: it
keeps what auditlog records per request (remote address, correlation id, the session user) and adds
the actor looked up when each entry is written, after DRF has authenticated the token.
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware

from outsourcing.audit.actor import acting_as


class AuditlogMiddleware(BaseAuditlogMiddleware):
    def __call__(self, request):
        # DRF's Request sets the authenticated user on the underlying HttpRequest, so reading
        # request.user late finds the token's user; a page request finds the session user as before.
        with acting_as(lambda: getattr(request, "user", None)):
            return super().__call__(request)
