"""Kernel views: error pages in the layout, and the permission decorator pages use."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.translation import gettext as _


def require_perm(perm: str, *, obj_getter=None):
    """Page decorator: anonymous users go to the login page; users without `perm` get 403.

    `obj_getter(request, **kwargs)` returns the object for an object-level rule.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = obj_getter(request, **kwargs) if obj_getter else None
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def bad_request(request, exception=None, *, reason: str = "", code: str = "bad_request"):
    """400 in the project's shape: {"detail", "code"} on the API, the layout's page elsewhere (nothing changed)."""
    detail = reason or _("The request could not be read: nothing was changed.")
    return _api_error(request, 400, detail, code) or render(request, "400.html", {"reason": reason}, status=400)


CODES = {400: "bad_request", 403: "permission_denied", 404: "not_found", 500: "server_error"}


def _api_error(request, status: int, detail, code: str | None = None) -> JsonResponse | None:
    """Under /api/ every error answers the API's shape, also when no API view ran (an address that matches no
    route, a failure in a middleware): a client never has to read an HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(detail), "code": code or CODES[status]}, status=status)
    return None


def permission_denied(request, exception=None):
    return _api_error(request, 403, _("You do not have permission to do this.")) or render(
        request, "403.html", status=403
    )


def page_not_found(request, exception=None):
    return _api_error(request, 404, _("Not found, or not yours to see.")) or render(request, "404.html", status=404)


def server_error(request):
    # The database may be what failed: render without context processors (no user, no navigation).
    answer = _api_error(request, 500, _("The server failed to answer; nothing was changed. Try again later."))
    if answer is not None:
        return answer
    return HttpResponseServerError(get_template("500.html").render({}))
