"""The organisation's gaps an administrator should close, on the home page (registered in OrgConfig.ready())."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem
from outsourcing.org import selectors


def waiting(user) -> list[WaitingItem]:
    if not user.has_perm("org.manage_organisation"):
        return []
    items = [
        WaitingItem(
            _("Active users without a role"),
            selectors.users_without_role().count(),
            reverse("org:user_list"),
            _("They can log in but see nothing: give them a role or deactivate them."),
        )
    ]
    if selectors.current_authority_matrix() is None:
        items.append(
            WaitingItem(
                _("No authority matrix published"),
                1,
                reverse("org:authority_matrix_edit"),
                _("Approval levels by amount are undefined until one is published."),
                "danger",
            )
        )
    return items
