"""Who an audit entry names: the user behind the request (page or token API) or a command's stand-in.

auditlog's own middleware reads `request.user` before Django REST framework has authenticated a token,
so a token-authenticated write would name nobody. Here the actor is looked up when the entry is written,
by which time DRF has put the token's user on the request. Commands and jobs say who acts with
`acting_as(user)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

ActorResolver = Callable[[], models.Model | None]

_resolver: ContextVar[ActorResolver | None] = ContextVar("outsourcing_audit_actor", default=None)


@contextmanager
def acting_as(actor: models.Model | ActorResolver | None) -> Iterator[None]:
    """Entries written inside the block name `actor`: a user, or a function returning one (or None).

    A function is asked each time an entry is written, so a request's user can be read after the API
    has authenticated it. Blocks nest: leaving one restores the actor of the block around it.
    """
    resolver = actor if callable(actor) and not isinstance(actor, models.Model) else (lambda: actor)
    token = _resolver.set(resolver)
    try:
        yield
    finally:
        _resolver.reset(token)


def current_actor():
    """The authenticated user entries written now should name, or None (the system)."""
    resolver = _resolver.get()
    user = resolver() if resolver is not None else None
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return None
    return user


def name_actor(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save of auditlog's LogEntry: a new entry that names nobody yet gets the current actor."""
    if raw or not instance._state.adding or instance.actor_id is not None:
        return
    actor = current_actor()
    if actor is not None:
        instance.actor_id = actor.pk
        instance.actor_email = getattr(actor, "email", None) or None


def perform(person, service: Callable, **kwargs):
    """Run a service as `person` (a user or a username), so the audit trail names them as a page would.

    For demo data and scripted work: `perform("hr", services.register_vendor, data=…)`.
    """
    if isinstance(person, str):
        from django.contrib.auth import get_user_model

        person = get_user_model().objects.get(username=person)
    with acting_as(person):
        return service(actor=person, **kwargs)
