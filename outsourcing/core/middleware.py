"""Request plumbing of the kernel: the company's language choice, rule violations as messages, and the
Permissions-Policy header."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation


class CompanyLanguageMiddleware:
    """Chinese unless the user switched language (cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language and show English to anyone
    whose browser is English; the policy's users expect Chinese first (X-4).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class RuleViolationMiddleware:
    """A RuleViolation that escapes a page view becomes a message on the page the user came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RuleViolation) or request.path.startswith("/api/"):
            return None
        messages.error(request, str(exception.message))
        back = request.headers.get("Referer") or "/"
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "/"
        return HttpResponseRedirect(back)


NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def text_refusal(values) -> tuple[str, str] | None:
    """Why these texts are refused, as (code, message), or None (security findings 5, 6): a NUL character (no
    name, number or text holds one, and PostgreSQL cannot store it) or a text longer than TEXT_MAX_CHARS (no
    field of ours takes more; a title of megabytes would otherwise be stored and shown to everyone)."""
    limit = settings.TEXT_MAX_CHARS
    for value in values:
        if NUL in value:
            return "nul_character", _("The request contains a NUL character, which no field accepts: nothing was "
                                      "changed.")  # fmt: skip
        if len(value) > limit:
            return "text_too_long", _("A text of the request is longer than %(limit)s characters, more than any "
                                      "field takes: nothing was changed.") % {"limit": limit}  # fmt: skip
    return None


def _texts(request):
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method == "POST" and request.content_type in FORM_TYPES:
        for key, values in request.POST.lists():
            yield key
            yield from values


class InputGuardMiddleware:
    """Texts in the address, the filters and the form fields are checked by `text_refusal` before any view runs
    and refused with 400 (the API's error shape under /api/). A file in an upload is not a form field: it may
    hold NUL bytes and be larger (attachments have their own limit). JSON bodies are checked by
    core.api_fields.JSONObjectParser with the same rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = text_refusal(_texts(request))
        if refusal is not None:
            from outsourcing.core.views import bad_request

            code, message = refusal
            return bad_request(request, reason=message, code=code)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (camera, microphone, geolocation … off): Django has no setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
