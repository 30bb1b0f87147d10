"""Every write of the inbox: delivering notices (in-app and e-mail), marking them read, and running
the daily checks that produce reminders (X-2).

`deliver` is registered as core.notices' deliverer, so apps send with `core.notices.send()` and never
import this module.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from outsourcing.core import timeutil
from outsourcing.core.notices import Notice, daily_checks
from outsourcing.notifications.models import KIND_OF_LEVEL, DailyJobRun, Kind, Level, Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "【劳务外包管理系统】"
_TITLE_MAX = Notification._meta.get_field("title").max_length
_URL_MAX = Notification._meta.get_field("url").max_length
_KEY_MAX = Notification._meta.get_field("dedup_key").max_length


def internal_path(url: str) -> str:
    """`url` if it is a path inside this system ("/…"), else "": a notice's link never leaves the site."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith(("//", "/\\")) and url_has_allowed_host_and_scheme(url, None):
        return url
    return ""


# ---------------------------------------------------------------------------------------------------
# Delivery


def _row(notice: Notice) -> Notification:
    title = " ".join(str(notice.title).split())
    if not title:
        raise ValueError("a notice needs a title")
    if notice.level not in Level.values:
        raise ValueError(f"unknown notice level {notice.level!r}; use one of {Level.values}")
    if notice.kind and notice.kind not in Kind.values:
        raise ValueError(f"unknown notice kind {notice.kind!r}; use one of {Kind.values}")
    if len(notice.dedup_key) > _KEY_MAX or len(str(notice.url)) > _URL_MAX:
        # Cutting either would silently merge different notices or break the link.
        raise ValueError("dedup_key or url too long")
    return Notification(
        recipient_id=notice.recipient_id,
        title=Truncator(title).chars(_TITLE_MAX),
        body=str(notice.body).strip(),
        url=str(notice.url).strip(),
        level=notice.level,
        kind=notice.kind or KIND_OF_LEVEL[notice.level],
        dedup_key=notice.dedup_key,
    )


def _without_repeats(notices: Iterable[Notice]) -> list[Notice]:
    """Drop a notice whose (recipient, dedup key) came earlier in the same batch."""
    seen: set[tuple[int, str]] = set()
    unique = []
    for notice in notices:
        if notice.dedup_key:
            key = (notice.recipient_id, notice.dedup_key)
            if key in seen:
                continue
            seen.add(key)
        unique.append(notice)
    return unique


def _check_recipients(notices: list[Notice]) -> None:
    # Foreign keys are checked only at commit; say clearly which recipient is wrong, now.
    wanted = {n.recipient_id for n in notices}
    found = set(get_user_model().objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - found:
        raise ValueError(f"notices for unknown users: {sorted(wanted - found)}")


def _not_yet_delivered(notices: list[Notice]) -> list[Notice]:
    keyed = [n for n in notices if n.dedup_key]
    if not keyed:
        return notices
    existing = set(
        Notification.objects.filter(
            recipient_id__in={n.recipient_id for n in keyed}, dedup_key__in={n.dedup_key for n in keyed}
        ).values_list("recipient_id", "dedup_key")
    )
    return [n for n in notices if not n.dedup_key or (n.recipient_id, n.dedup_key) not in existing]


def _insert(notices: list[Notice]) -> list[tuple[Notification, Notice]]:
    """Insert the notices; returns those that are new (row, notice), also when another process races us."""
    rows = [_row(n) for n in notices]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
        return list(zip(rows, notices, strict=True))
    except IntegrityError:
        pass
    # Someone delivered some of the same notices since we looked: one by one, and a row whose
    # (recipient, dedup key) the unique constraint refuses is theirs, not new.
    created = []
    for notice in notices:
        row = _row(notice)
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            duplicate = Notification.objects.filter(recipient_id=notice.recipient_id, dedup_key=notice.dedup_key)
            if notice.dedup_key and duplicate.exists():
                continue
            raise
        created.append((row, notice))
    return created


def deliver(notices: list[Notice]) -> int:
    """Put each notice in its recipient's inbox unless the same (recipient, dedup key) is already there.

    Returns how many notifications are new. New ones with `email=True` are e-mailed once the
    caller's transaction commits (a rolled-back action sends nothing); a failed e-mail is logged and
    the in-app notification stays.
    """
    batch = _without_repeats(notices)
    if not batch:
        return 0
    with transaction.atomic():
        _check_recipients(batch)
        created = _insert(_not_yet_delivered(batch))
        to_email = [row.pk for row, notice in created if notice.email]
        if to_email:
            transaction.on_commit(partial(send_emails, to_email))
    return len(created)


def _email_body(notification: Notification) -> str:
    path = internal_path(notification.url)
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    link = f"{site}{path}" if path and site else path
    return "\n\n".join(part for part in (notification.body, link) if part) + "\n"


def send_emails(notification_ids: list[int]) -> int:
    """E-mail the given notifications not e-mailed yet to recipients with an address; stamps emailed_at.

    Never raises: a mail server that is down or refuses one address is logged, and what was sent
    is still stamped.
    """
    pending = (
        Notification.objects.filter(
            pk__in=notification_ids, emailed_at__isnull=True, recipient__is_active=True, recipient__email__gt=""
        )
        .select_related("recipient")
        .order_by("pk")
    )
    sent: list[int] = []
    try:
        with mail.get_connection() as connection:
            for notification in pending:
                message = mail.EmailMessage(
                    subject=SUBJECT_PREFIX + notification.title,
                    body=_email_body(notification),
                    to=[notification.recipient.email],
                    connection=connection,
                )
                try:
                    message.send()
                except Exception:
                    logger.exception(
                        "e-mail for notification %s (user %s) failed", notification.pk, notification.recipient_id
                    )
                else:
                    sent.append(notification.pk)
    except Exception:
        logger.exception("could not e-mail notifications %s", notification_ids)
    finally:
        if sent:
            Notification.objects.filter(pk__in=sent).update(emailed_at=timeutil.now())
    return len(sent)


def resolve(dedup_keys: list[str]) -> int:
    """The to-dos named by `dedup_keys` are done: every recipient's notice of them is resolved and read (it
    leaves the bell's count). Registered as core.notices' resolver. Resolving again changes nothing."""
    stamp = timeutil.now()
    todos = Notification.objects.filter(dedup_key__in=dedup_keys, resolved_at__isnull=True)
    resolved = todos.filter(read_at__isnull=False).update(resolved_at=stamp)
    return resolved + todos.filter(read_at__isnull=True).update(resolved_at=stamp, read_at=stamp)


# ---------------------------------------------------------------------------------------------------
# Reading


def mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of `user`'s own notifications read (reading it again changes nothing)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        stamp = timeutil.now()
        if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=stamp):
            notification.read_at = stamp
        else:
            notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    """Mark all of `user`'s unread notifications read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timeutil.now())


# ---------------------------------------------------------------------------------------------------
# The daily job


def run_daily_jobs(*, today: dt.date | None = None) -> list[DailyJobRun]:
    """Run every registered daily check for `today` (default: today in Asia/Shanghai).

    Each check runs in its own transaction and is recorded as a DailyJobRun; a check that fails is
    recorded with its error and the others still run. Running again on the same day creates
    nothing new as long as checks put the date (or the object) in their dedup keys.
    """
    today = today or timeutil.today()
    runs = []
    # Notices are stored as text: write them in the company's language, not the shell's.
    with translation.override(settings.LANGUAGE_CODE):
        for name, check in sorted(daily_checks().items()):
            run = DailyJobRun.objects.create(name=name, run_date=today, started_at=timeutil.now())
            try:
                with transaction.atomic():
                    created = deliver(list(check(today)))
            except Exception as exc:  # one broken check must not stop the others
                logger.exception("daily check %s failed for %s", name, today)
                run.error = f"{type(exc).__name__}: {exc}"[:2000]
            else:
                run.notices_created = created
            run.finished_at = timeutil.now()
            run.save(update_fields=["notices_created", "error", "finished_at"])
            runs.append(run)
    return runs
