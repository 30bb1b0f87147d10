"""Inbox pages: my notifications, open one (marks it read), mark read in place (htmx), mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from outsourcing.core.views import require_perm
from outsourcing.notifications import selectors, services

PAGE_SIZE = 25


def _mine(request, pk: int):
    # Scoped by recipient: another person's notification does not exist for me (404).
    return get_object_or_404(selectors.notifications_for(user=request.user), pk=pk)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")


@require_GET
@require_perm("notifications.view_inbox")
def notification_list(request):
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_GET
@require_perm("notifications.view_inbox")
def notification_open(request, pk: int):
    """Mark read and go to the notice's page, if it names a page inside this system (never elsewhere)."""
    notification = services.mark_read(user=request.user, notification=_mine(request, pk))
    return redirect(services.internal_path(notification.url) or "notifications:list")


@require_POST
@require_perm("notifications.view_inbox")
def notification_read(request, pk: int):
    notification = services.mark_read(user=request.user, notification=_mine(request, pk))
    if request.htmx:
        return render(request, "notifications/_read_response.html", {"notification": notification})
    return _back(request)


@require_POST
@require_perm("notifications.view_inbox")
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return redirect("notifications:list")
