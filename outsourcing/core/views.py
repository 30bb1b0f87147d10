"""Kernel views: error pages in the layout, and the permission decorator pages use."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


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


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # The database may be what failed: render without context processors (no user, no navigation).
    return HttpResponseServerError(get_template("500.html").render({}))
