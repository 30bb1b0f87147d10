"""REST API base shared by every app: pagination, error shape, permission by rule name."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import permissions, status
from rest_framework.exceptions import ErrorDetail, NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from outsourcing.core.errors import RuleViolation


class StandardPagination(PageNumberPagination):
    """{"count", "next", "previous", "results"}; ?page=2&page_size=200 (up to 1000)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


def exception_handler(exc, context):
    """RuleViolation → 400/409 {"detail", "code"}; DRF's one-message refusals gain their code too; field
    validation errors stay as DRF shapes them."""
    if isinstance(exc, RuleViolation):
        body = {"detail": str(exc.message), "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        body.update(getattr(exc, "extra", None) or {})  # e.g. the screen's hits (core.screening)
        return Response(body, status=exc.status or status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Demand matches the given query."): say it plainly.
        exc = NotFound(_("Not found, or not yours to see."))
    response = drf_exception_handler(exc, context)
    detail = getattr(exc, "detail", None)
    if response is not None and isinstance(response.data, dict) and isinstance(detail, ErrorDetail):
        # A refusal with one message (not authenticated, token expired, forbidden …): the same shape as a
        # RuleViolation, so a client reads one stable code whatever refused it.
        response.data.setdefault("code", detail.code)
    return response


def rule_permission(perm: str, *, object_perm: str | None = None) -> type[permissions.BasePermission]:
    """A DRF permission class that asks django-rules, like the pages do."""

    class RulePermission(permissions.BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(perm))

        def has_object_permission(self, request, view, obj):
            return request.user.has_perm(object_perm or perm, obj)

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission
