"""auditlog's middleware, made to name the user of token-authenticated API requests too.

Use `outsourcing.audit.middleware.AuditlogMiddleware` in MIDDLEWARE in place of auditlog's own: it
keeps what auditlog records per request (remote address, correlation id, the session user) and adds
the actor looked up when each entry is written, after DRF has authenticated the token.
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware

from outsourcing.audit.actor import acting_as
from outsourcing.audit.services import record_export

# Query keys that ask for the file rather than narrow the list.
NOT_A_FILTER = frozenset({"export", "format", "page"})


class AuditlogMiddleware(BaseAuditlogMiddleware):
    def __call__(self, request):
        # DRF's Request sets the authenticated user on the underlying HttpRequest, so reading
        # request.user late finds the token's user; a page request finds the session user as before.
        with acting_as(lambda: getattr(request, "user", None)):
            response = super().__call__(request)
        exported = getattr(response, "exported_list", None)
        user = getattr(request, "user", None)
        if exported is not None and response.status_code == 200 and user is not None and user.is_authenticated:
            filters = {key: request.GET.getlist(key) for key in request.GET if key not in NOT_A_FILTER}
            filters = {key: values[0] if len(values) == 1 else values for key, values in filters.items()}
            record_export(actor=user, name=exported, path=request.path, filters=filters, rows=response.exported_rows)
        return response
