"""Login locks (security finding 2): HR and administrators see which account is locked from which address,
until when, and lift the lock."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outsourcing.core.views import require_perm
from outsourcing.org import lockouts


@require_perm("org.unlock_accounts")
def lockout_list(request):
    return render(request, "org/lockout_list.html", {"locks": lockouts.locked_accounts(), "tab": "lockouts"})


@require_POST
@require_perm("org.unlock_accounts")
def lockout_unlock(request, pk: int):
    attempt = lockouts.unlock(actor=request.user, attempt_id=pk)
    messages.success(request, _("%(username)s can log in again.") % {"username": attempt.username})
    return redirect("org:lockout_list")
