"""Request plumbing of the kernel: the company's language choice, and rule violations as messages."""

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


def _carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in value for key, values in request.GET.lists() for value in values):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        return any(NUL in key or NUL in value for key, values in request.POST.lists() for value in values)
    return False


class RefuseNulMiddleware:
    """A NUL character (\\0) in the address, a filter or a form field is refused with 400 before any view runs
    (security finding 5): no name, number or text holds one, and PostgreSQL cannot store it. A file in an
    upload may contain NUL bytes (it is not a form field); JSON bodies are checked by core.api.JSONObjectParser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            from outsourcing.core.views import bad_request

            return bad_request(request, reason=_("The request contains a NUL character, which no field accepts: "
                                                 "nothing was changed."), code="nul_character")  # fmt: skip
        return self.get_response(request)
