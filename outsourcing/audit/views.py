"""The audit search page (X-1, AUD-2): internal audit and the administrator read the whole trail."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from outsourcing.audit import presentation, selectors
from outsourcing.audit.forms import AuditSearchForm
from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.paginator import UncountedPaginator
from outsourcing.core.views import require_perm

EXPORT_COLUMNS = [
    Column(gettext_lazy("When"), lambda e: e.entry.timestamp, 19),
    Column(gettext_lazy("Who"), lambda e: e.actor_name, 12),
    Column(gettext_lazy("Username"), lambda e: e.actor_username, 14),
    Column(gettext_lazy("Action"), lambda e: e.action_label, 10),
    Column(gettext_lazy("Record type"), lambda e: e.object_type_label, 16),
    Column(gettext_lazy("Record"), lambda e: e.entry.object_repr, 30),
    Column(
        gettext_lazy("What changed"), lambda e: "\n".join(f"{c.label}: {c.before} → {c.after}" for c in e.changes), 60
    ),
    Column(gettext_lazy("Fields viewed"), lambda e: "、".join(str(f) for f in e.viewed_fields), 20),
    Column(gettext_lazy("Reason given"), lambda e: e.viewed_reason, 24),
]


@require_perm("audit.view_audit_trail")
@require_safe
def search(request):
    form = AuditSearchForm(request.GET)
    # Filters that do not parse show their error and no entries, rather than an unfiltered trail.
    entries = selectors.audit_events(**form.filters()) if form.is_valid() else selectors.audit_events().none()
    if request.GET.get("export") == "xlsx":  # the trail as filtered, described as on the page
        return xlsx_response(filename=_("Audit trail"), sheet=_("Audit trail"), columns=EXPORT_COLUMNS,
                             rows=presentation.describe(entries))  # fmt: skip
    page = UncountedPaginator(entries, 50).get_page(request.GET.get("page"))  # millions of rows: not counted
    return render(
        request, "audit/search.html", {"form": form, "page": page, "events": presentation.describe(page.object_list)}
    )
