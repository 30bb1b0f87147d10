"""What waits for a person, contributed by every app to the home page ("Waiting for me").

The dashboard sits on top and could read every app, but then each new app would add a hand-written block
to it. Instead each app registers a source in its `AppConfig.ready()`: a function of the user that answers
the counts waiting for them in that app (a source checks the user's permissions itself and answers nothing
when the user has nothing to do there). The home page lists them in the registered order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class WaitingItem:
    """A count of things waiting for the user, with where to deal with them."""

    title: str
    count: int
    url: str
    hint: str = ""
    tone: str = "warning"


TodoSource = Callable[..., Iterable[WaitingItem]]


def waiting_records(found, title, url: Callable, hint="", tone="warning") -> list[WaitingItem]:
    """One item counting the records of the queryset `found`, linking to `url(first record)`; none when none wait."""
    count = found.count()
    return [WaitingItem(title, count, url(found.first()), hint, tone)] if count else []


@dataclass(frozen=True)
class _Source:
    name: str
    order: int
    items: TodoSource


_sources: dict[str, _Source] = {}


def register_todos(name: str, *, order: int, items: TodoSource) -> None:
    """`items(user)` answers the user's waiting items of one app; `order` places them on the page."""
    _sources[name] = _Source(name, order, items)


def waiting_items(user) -> list[WaitingItem]:
    found: list[WaitingItem] = []
    for source in sorted(_sources.values(), key=lambda s: (s.order, s.name)):
        found.extend(item for item in source.items(user) if item.count)
    return found


def registered_sources() -> list[str]:
    return [s.name for s in sorted(_sources.values(), key=lambda s: (s.order, s.name))]
