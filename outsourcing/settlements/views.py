"""Settlement pages: the list with its Excel export (SET-4), the detail with the acceptance, the lines, the
invoices with their reasons, the three-way match and the holds, and each step's action."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from outsourcing.core.excel import xlsx_response
from outsourcing.core.views import require_perm
from outsourcing.settlements import approval, invoices, permissions, selectors, spreadsheets
from outsourcing.settlements.amounts import figures
from outsourcing.settlements.lines import label_of
from outsourcing.settlements.models import Settlement, SettlementStatus


def _date(text: str):
    """A list filter's date (the dashboard's links carry the period); a bad one filters nothing."""
    try:
        return parse_date(text.strip()[:10])
    except ValueError:
        return None


@require_perm("settlements.view_settlements")
def settlement_list(request):
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()[:100]
    paid = {key: _date(request.GET.get(key, "")) for key in ("paid_from", "paid_until")}
    found = selectors.settlements_for(request.user, status=status, search=search, **paid)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Settlements"), sheet=_("Settlements"), columns=spreadsheets.SETTLEMENT_COLUMNS,
                             rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "search": search, "statuses": SettlementStatus.choices, **paid}
    return render(request, "settlements/settlement_list.html", context)


def settlement_or_404(request, pk: int) -> Settlement:
    try:
        return selectors.settlement_for(request.user, pk)
    except Settlement.DoesNotExist as exc:
        raise Http404 from exc


@require_perm("settlements.view_settlements")
def settlement_detail(request, pk: int):
    settlement = settlement_or_404(request, pk)
    context = {
        "settlement": settlement,
        "figures": figures(settlement),
        "lines": [(line, label_of(line.line_type)) for line in settlement.adjustments.all()],
        "invoices": [(i, invoices.invoice_reasons(i)) for i in settlement.invoices.all()],
        "match": invoices.three_way_match(settlement),
        "holds": approval.all_holds(settlement) if settlement.status not in (SettlementStatus.PAID,
                                                                             SettlementStatus.WAIVED) else [],
        "actions": permissions.available_actions(request.user, settlement),
    }  # fmt: skip
    return render(request, "settlements/settlement_detail.html", context)
