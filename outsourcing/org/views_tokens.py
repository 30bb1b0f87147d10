"""The person's own API tokens (X-6, security finding 7): issue one, see those that still work, revoke one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.errors import RuleViolation
from outsourcing.org import tokens
from outsourcing.org.forms import ApiTokenForm


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        token, key = tokens.issue_token(user=request.user, name=form.cleaned_data["name"])
        issued = {"token": token, "key": key}
        form = ApiTokenForm()
    response = render(
        request,
        "org/api_tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": tokens.live_tokens(user=request.user),
            "token_days": settings.API_TOKEN_DAYS,
        },
    )
    response["Cache-Control"] = "no-store"  # a new key is on the page
    return response


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    try:
        tokens.revoke_token(actor=request.user, token_id=pk)
    except RuleViolation as exc:
        raise Http404 from exc
    messages.success(request, _("The token was revoked; programs using it are refused from now on."))
    return redirect("api_tokens")
