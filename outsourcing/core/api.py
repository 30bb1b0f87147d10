"""REST API base shared by every app: pagination, error shape, permission by rule name."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import permissions, status
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from outsourcing.core.errors import RuleViolation

MAX_ID = 2**63 - 1  # the largest id the database holds: a bigger one is refused (400), never an overflow (500)


def id_from(data, field: str) -> int:
    """The id a body names in `field`, as a positive whole number, or 400 {field: [why]} (security finding 5)."""
    value = data.get(field) if hasattr(data, "get") else None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if number <= 0 or number > MAX_ID:
        raise ValidationError({field: [_("Give the record's id, a whole number.")]})
    return number


TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def flag_param(request, name: str) -> bool:
    """A yes/no query parameter (true/false, 1/0, yes/no, on/off); anything else is 400 on the parameter."""
    value = request.query_params.get(name, "").strip().lower()
    if value not in TRUE_WORDS | FALSE_WORDS:
        raise ValidationError({name: [_("Give true or false.")]})
    return value in TRUE_WORDS


class StandardPagination(PageNumberPagination):
    """{"count", "next", "previous", "results"}; ?page=2&page_size=200 (up to 1000)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        """A page_size that is not a whole number from 1 is refused (400), not silently replaced."""
        value = request.query_params.get(self.page_size_query_param)
        if value is not None:
            try:
                number = int(value)
            except ValueError:
                number = 0
            if number < 1:
                raise ValidationError({self.page_size_query_param: [_("Give a whole number from 1 to 1000.")]})
        return super().get_page_size(request)


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
    # Imported here: rest_framework.views reads DEFAULT_PARSER_CLASSES, which names this module's parser, so a
    # module-level import fails whenever this module is the first to load DRF's views (as DRF's own system
    # check may do, in whatever order the check registry's set yields).
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    detail = getattr(exc, "detail", None)
    if response is not None and isinstance(response.data, dict) and isinstance(detail, ErrorDetail):
        # A refusal with one message (not authenticated, token expired, forbidden …): the same shape as a
        # RuleViolation, so a client reads one stable code whatever refused it.
        response.data.setdefault("code", detail.code)
    elif response is not None and isinstance(exc, ValidationError):
        # A serializer's refusal: the same shape too, the messages per field under "fields".
        fields = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": _first_message(fields), "code": "invalid", "fields": fields}
    return response


def _first_message(fields: dict) -> str:
    for name, messages in fields.items():
        while isinstance(messages, (list, dict)) and messages:
            messages = messages[0] if isinstance(messages, list) else next(iter(messages.values()))
        if messages:
            return str(messages) if name == "non_field_errors" else f"{name}: {messages}"
    return str(_("The input was refused."))


def rule_permission(perm: str, *, object_perm: str | None = None) -> type[permissions.BasePermission]:
    """A DRF permission class that asks django-rules, like the pages do."""

    class RulePermission(permissions.BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(perm))

        def has_object_permission(self, request, view, obj):
            return request.user.has_perm(object_perm or perm, obj)

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission


ERROR_STATUSES = {
    "400": "Refused input: {detail, code[, field][, blockers]} from a rule, or {detail, code: invalid, fields: "
    "{field: [messages]}} from a serializer.",
    "401": "Not logged in, or the token is unknown or expired.",
    "403": "Not allowed for this user.",
    "404": "Not found, or not yours to see.",
    "409": "Conflicts with the record's current state: {detail, code}.",
    "429": "Too many requests or failed logins: {detail[, code]}.",
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the error answers every view may give, in
    the one error shape (security finding 5: no undocumented status codes)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "field": {"type": "string"},
            # messages per field; a nested serializer's are nested the same way (a list per line, a dict per field)
            "fields": {"type": "object", "additionalProperties": True},
            "blockers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
        "additionalProperties": True,
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in ERROR_STATUSES.items():
                operation["responses"].setdefault(code, {"description": description, "content": error})
    return result
