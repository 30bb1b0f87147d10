"""Request plumbing of the kernel: the company's language choice, rule violations as messages, and the
Permissions-Policy header."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

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
