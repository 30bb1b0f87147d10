"""The dashboards' page (X-7): one period for every chart, each figure a link to its list, the tables behind the
charts as an Excel workbook."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import xlsx_response
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.dashboard import figures as source
from outsourcing.dashboard.reports import TABLE_COLUMNS, chart_data, charts, table_rows


@require_perm("dashboard.view_reports")
def reports(request):
    refusal = None
    try:
        period = source.parse_period(request.GET.get("period"))
    except RuleViolation as exc:
        refusal, period = exc, source.parse_period(None)
    figures = source.figures_for(request.user, period)
    if request.GET.get("export") == "xlsx" and refusal is None:
        return xlsx_response(filename=_("Reports dashboard"), sheet=period.key, columns=TABLE_COLUMNS,
                             rows=table_rows(figures))  # fmt: skip
    day = today()
    choices = [str(day.year - 1), str(day.year)] + [f"{day.year}-{m:02d}" for m in range(1, day.month + 1)]
    if period.key not in choices:
        choices.append(period.key)
    context = {"figures": figures, "period": period, "periods": choices, "refusal": refusal,
               "charts": chart_data(figures), "tables": charts(figures)}  # fmt: skip
    return render(request, "dashboard/reports.html", context)  # the refusal is shown above this year's figures
