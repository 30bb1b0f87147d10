"""A requester's demands returned for revision, on the home page (registered in DemandsConfig.ready())."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem
from outsourcing.demands import selectors


def waiting(user) -> list[WaitingItem]:
    if not user.has_perm("demands.add_demand"):
        return []
    return [
        WaitingItem(
            _("My demands returned for revision"),
            selectors.returned_to(user).count(),
            reverse("demands:list") + "?status=returned",
            _("Read the comments in the approval timeline, edit and resubmit."),
        )
    ]
