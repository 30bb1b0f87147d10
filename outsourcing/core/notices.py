"""Notices and daily checks: how any app tells people something without importing the inbox.

Apps build `Notice` objects and call `send()`, and register daily checks with `@daily_check`; the
notifications engine registers itself as the deliverer (in its AppConfig.ready) and runs the checks
from `manage.py run_daily_jobs`. So engines and domain apps depend only on the kernel, and a notice
with the same recipient and dedup key is delivered once, however often it is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class Notice:
    """One message for one person. `dedup_key` makes repeated sends of the same notice a no-op."""

    recipient_id: int
    title: str
    body: str = ""
    url: str = ""
    dedup_key: str = ""
    level: str = "info"  # info, warning, danger
    email: bool = True
    # What the notice is: "todo" (asks the person to decide, confirm or answer; resolved when done by anyone),
    # "reminder", "alert" or "info". Blank: from the level (warning → reminder, danger → alert).
    kind: str = ""


Deliverer = Callable[[list[Notice]], int]
Resolver = Callable[[list[str]], int]
DailyCheck = Callable[[dt.date], Iterable[Notice]]

_deliverers: list[Deliverer] = []
_daily_checks: dict[str, DailyCheck] = {}
_resolvers: list[Resolver] = []


def register_deliverer(deliverer: Deliverer) -> None:
    if deliverer not in _deliverers:
        _deliverers.append(deliverer)


def send(notices: Iterable[Notice]) -> int:
    """Deliver notices through every registered deliverer; returns how many were new."""
    batch = list(notices)
    if not batch:
        return 0
    return sum(deliver(batch) for deliver in _deliverers)


def register_resolver(resolver: Resolver) -> None:
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def resolve(dedup_keys: Iterable[str]) -> int:
    """The to-dos these dedup keys name are done (by anyone): their notices, whoever received them, are resolved
    and leave the unread count. Returns how many notices were resolved."""
    keys = sorted({key for key in dedup_keys if key})
    if not keys:
        return 0
    return sum(resolver(keys) for resolver in _resolvers)


@contextmanager
def company_language() -> Iterator[None]:
    """Notices are stored text: write them in the company's language, whoever's request sends them."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def daily_check(name: str) -> Callable[[DailyCheck], DailyCheck]:
    """Register `fn(today) -> notices` to run once a day under `name`."""

    def register(fn: DailyCheck) -> DailyCheck:
        _daily_checks[name] = fn
        return fn

    return register


def daily_checks() -> dict[str, DailyCheck]:
    return dict(_daily_checks)
