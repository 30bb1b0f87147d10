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
from outsourcing.notifications.models import Kind

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
    """My notices, grouped by kind (tabs with their unread counts) and optionally only the unread ones."""
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in Kind.values else ""
    unread_only = request.GET.get("unread") == "1"
    notices = selectors.notifications_for(user=request.user, unread_only=unread_only, kind=kind)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = selectors.unread_by_kind(user=request.user)
    tabs = [("", _("All"), sum(unread.values()))] + [(value, label, unread[value]) for value, label in Kind.choices]
    return render(
        request,
        "notifications/list.html",
        {"page": page, "tabs": tabs, "kind": kind, "unread_only": unread_only},
    )


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
