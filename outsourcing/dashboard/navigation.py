"""The main navigation, in lifecycle order, showing only the stages that exist and the user may open.

Each app that lands adds its entry here (dashboard sits on top and may read every app).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.selectors import inbox_count


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    icon: str
    perm: str | None = None  # None: every logged-in user
    badge: Callable | None = None  # badge(user) -> int shown beside the label when > 0
    audience: str = "internal"  # "internal" (company staff), "vendor" (the portal) or "all"


# Lifecycle order: vendor pool → demand → selection → contract → workers → daily work → performance →
# settlement → partnership, compliance watching all; organisation settings last.
NAV_ENTRIES: tuple[NavEntry, ...] = (
    NavEntry("home", _("Home"), "dashboard:home", "house", audience="all"),
    NavEntry("inbox", _("Waiting for me"), "approvals:inbox", "inbox", "approvals.view_inbox", inbox_count),
    NavEntry("vendors", _("Vendor pool"), "vendors:list", "building", "vendors.view_pool"),
    NavEntry("portal", _("My company"), "vendors:portal", "building", "vendors.use_portal", audience="vendor"),
    NavEntry("demands", _("Demands and projects"), "demands:list", "clipboard2-check", "demands.view_demands"),
    NavEntry("sourcing", _("Vendor selection"), "sourcing:list", "trophy", "sourcing.view_events"),
    NavEntry(
        "invitations", _("Invitations"), "sourcing:portal", "envelope-paper", "sourcing.use_portal", audience="vendor"
    ),
    NavEntry(
        "contracts", _("Contracts"), "contracts:list", "file-earmark-text", "contracts.list_contracts", audience="all"
    ),
    NavEntry(
        "workers", _("Outsourced workers"), "workforce:list", "person-badge", "workforce.view_workers", audience="all"
    ),
    NavEntry(
        "operations", _("Daily operations"), "operations:instruction_list", "megaphone", "operations.view_operations",
        audience="all",
    ),
    NavEntry(
        "performance", _("Performance"), "performance:evaluation_list", "speedometer2", "performance.view_performance",
        audience="all",
    ),
    NavEntry(
        "settlements", _("Settlements"), "settlements:list", "cash-coin", "settlements.view_settlements", audience="all"
    ),
    NavEntry("compliance", _("Risk and compliance"), "compliance:risk_list", "shield-exclamation",
             "compliance.view_compliance"),
    NavEntry(
        "incidents", _("Incidents"), "compliance:incident_list", "exclamation-octagon", "compliance.view_incidents",
        audience="all",
    ),
    NavEntry(
        "reports", _("Reports dashboard"), "dashboard:reports", "bar-chart-line", "dashboard.view_reports",
        audience="all",
    ),
    NavEntry("org", _("Organisation"), "org:department_list", "diagram-3", "org.view_organisation"),
    NavEntry("audit", _("Audit trail"), "audit:search", "journal-text", "audit.view_audit_trail"),
)


def navigation(request):
    """Context processor: `nav_items` for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    path = request.path
    items = []
    for entry in NAV_ENTRIES:
        if entry.audience != "all" and (entry.audience == "vendor") != user.is_vendor_user:
            continue  # not this kind of user's stage: no need to ask (and query) the permission backends
        if entry.perm and not user.has_perm(entry.perm):
            continue
        url = reverse(entry.url_name)
        prefix = "/" + url.strip("/").split("/")[0] + "/" if url != "/" else "/"
        active = path == "/" if url == "/" else path.startswith(prefix)
        badge = entry.badge(user) if entry.badge else 0
        items.append(
            {"key": entry.key, "label": entry.label, "url": url, "icon": entry.icon, "active": active, "badge": badge}
        )
    return {"nav_items": items}
