"""The main navigation, in lifecycle order, showing only the stages that exist and the user may open.

Each app that lands adds its entry here (dashboard sits on top and may read every app).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    icon: str
    perm: str | None = None  # None: every logged-in user


# Lifecycle order: vendor pool → demand → selection → contract → workers → daily work → performance →
# settlement → partnership, compliance watching all; organisation settings last.
NAV_ENTRIES: tuple[NavEntry, ...] = (
    NavEntry("home", _("Home"), "dashboard:home", "house"),
    NavEntry("org", _("Organisation"), "org:department_list", "diagram-3", "org.view_organisation"),
)


def navigation(request):
    """Context processor: `nav_items` for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    path = request.path
    items = []
    for entry in NAV_ENTRIES:
        if entry.perm and not user.has_perm(entry.perm):
            continue
        url = reverse(entry.url_name)
        prefix = "/" + url.strip("/").split("/")[0] + "/" if url != "/" else "/"
        active = path == "/" if url == "/" else path.startswith(prefix)
        items.append({"key": entry.key, "label": entry.label, "url": url, "icon": entry.icon, "active": active})
    return {"nav_items": items}
