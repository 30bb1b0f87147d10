"""HR's batch page: the filed workers waiting for the entry decision, ticked and approved in one action."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.core.views import require_perm
from outsourcing.workforce import entry_batch, selectors

PAGE_SIZE = 100


def _page(request, **extra):
    waiting = selectors.awaiting_entry_decision(request.user).order_by("vendor__name", "badge_number", "id")
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workforce/entry_batch.html", {"page": page, "limit": entry_batch.BATCH_LIMIT, **extra})


@require_perm("workforce.decide_entry")
def entry_batch_page(request):
    if request.method != "POST":
        return _page(request)
    ids = {int(value) for value in request.POST.getlist("workers") if value.isdigit()}
    note = request.POST.get("note", "").strip()[:500]
    try:
        workers = entry_batch.chosen_workers(request.user, ids)
        approved = entry_batch.approve_entries(actor=request.user, workers=workers, note=note)
    except RuleViolation as exc:
        return _page(request, refusal=exc, chosen=ids, note=note)  # 200, the refusal beside the ticks
    messages.success(request, _("Entry approved for %(count)s workers.") % {"count": len(approved)})
    return redirect("workforce:entry_batch")
