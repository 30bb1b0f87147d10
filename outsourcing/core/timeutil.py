"""Company time: Asia/Shanghai, timezone-aware."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    """Today's date in the company's time zone (the day a Chinese office sees on the wall)."""
    return timezone.now().astimezone(SHANGHAI).date()


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(SHANGHAI)
