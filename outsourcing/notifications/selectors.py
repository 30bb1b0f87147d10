"""Reads of the inbox: a person's own notifications only, at a fixed number of queries."""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from outsourcing.notifications.models import DailyJobRun, Kind, Notification


def notifications_for(*, user, unread_only: bool = False, kind: str = "") -> QuerySet[Notification]:
    """`user`'s notifications, unread first, then newest first; `kind` (a Kind value) narrows them."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    if kind in Kind.values:
        notifications = notifications.filter(kind=kind)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return notifications.alias(unread=unread).order_by("-unread", "-created_at", "-id")


def unread_count(*, user) -> int:
    """What the bell counts: notices still unread, a to-do done by anyone is read (resolved)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_by_kind(*, user) -> dict[str, int]:
    """Unread notices per kind, every kind present (one query): the inbox's filter tabs."""
    counts = dict(
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return {kind: counts.get(kind, 0) for kind in Kind.values}


def daily_job_runs(*, run_date=None) -> QuerySet[DailyJobRun]:
    runs = DailyJobRun.objects.all()
    if run_date is not None:
        runs = runs.filter(run_date=run_date)
    return runs.order_by("-started_at", "-id")
