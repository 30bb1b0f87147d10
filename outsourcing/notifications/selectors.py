"""Reads of the inbox: a person's own notifications only, at a fixed number of queries."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from outsourcing.notifications.models import DailyJobRun, Notification


def notifications_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """`user`'s notifications, unread first, then newest first."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return notifications.alias(unread=unread).order_by("-unread", "-created_at", "-id")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def daily_job_runs(*, run_date=None) -> QuerySet[DailyJobRun]:
    runs = DailyJobRun.objects.all()
    if run_date is not None:
        runs = runs.filter(run_date=run_date)
    return runs.order_by("-started_at", "-id")
