"""The approvals waiting for the user, on the home page (registered in ApprovalsConfig.ready())."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals import selectors
from outsourcing.core.todos import WaitingItem


def waiting(user) -> list[WaitingItem]:
    if not user.has_perm("approvals.view_inbox"):
        return []
    return [
        WaitingItem(
            _("Approvals waiting for my decision"),
            selectors.inbox_count(user),
            reverse("approvals:inbox"),
            _("Approve, return or reject them in place."),
            "primary",
        )
    ]
