"""The audit search page (X-1, AUD-2): internal audit and the administrator read the whole trail."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from outsourcing.audit import presentation, selectors
from outsourcing.audit.forms import AuditSearchForm
from outsourcing.core.views import require_perm


@require_perm("audit.view_audit_trail")
@require_safe
def search(request):
    form = AuditSearchForm(request.GET)
    # Filters that do not parse show their error and no entries, rather than an unfiltered trail.
    entries = selectors.audit_events(**form.filters()) if form.is_valid() else selectors.audit_events().none()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/search.html", {"form": form, "page": page, "events": presentation.describe(page.object_list)}
    )
