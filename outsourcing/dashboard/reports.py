"""The dashboards' figures shaped for the charts (passed by json_script) and for the Excel workbook: both read
the same breakdowns, so a chart, its table and its export never disagree."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.excel import Column

# (panel key, breakdown key, chart type, title): the breakdowns shown as charts, in page order.
CHARTS = (
    ("spend", "by_month", "bar", "Spend paid by month"),
    ("spend", "by_department", "bar", "Spend paid by department"),
    ("spend", "by_vendor", "bar", "Spend paid by vendor"),
    ("spend", "by_category", "doughnut", "Spend paid by service category"),
    ("headcount", "by_vendor", "bar", "Workers on site by vendor"),
    ("headcount", "by_project", "bar", "Workers on site by project"),
    ("headcount", "by_department", "bar", "Workers on site by department"),
    ("vendors", "by_status", "doughnut", "Vendors by tier and status"),
    ("performance", "grades", "bar", "Evaluation grades"),
    ("performance", "worst", "bar", "The five lowest evaluations"),
    ("risks", "by_level", "doughnut", "Live risks by level"),
    ("risks", "by_status", "bar", "Live risks by status"),
    ("risks", "scores", "bar", "Projects by disguised-dispatch level"),
    ("incidents", "by_kind", "bar", "Incidents in the period by kind"),
)


def _title(text: str) -> str:
    return {
        "Spend paid by month": _("Spend paid by month"),
        "Spend paid by department": _("Spend paid by department"),
        "Spend paid by vendor": _("Spend paid by vendor"),
        "Spend paid by service category": _("Spend paid by service category"),
        "Workers on site by vendor": _("Workers on site by vendor"),
        "Workers on site by project": _("Workers on site by project"),
        "Workers on site by department": _("Workers on site by department"),
        "Vendors by tier and status": _("Vendors by tier and status"),
        "Evaluation grades": _("Evaluation grades"),
        "The five lowest evaluations": _("The five lowest evaluations"),
        "Live risks by level": _("Live risks by level"),
        "Live risks by status": _("Live risks by status"),
        "Projects by disguised-dispatch level": _("Projects by disguised-dispatch level"),
        "Incidents in the period by kind": _("Incidents in the period by kind"),
    }[text]


def charts(figures: dict) -> list[dict]:
    """The charts the viewer may see: [{id, panel, title, type, rows}] (rows: label, value, url)."""
    found = []
    for panel, breakdown, kind, title in CHARTS:
        if panel in figures:
            found.append({"id": f"{panel}-{breakdown}", "panel": panel, "title": _title(title), "type": kind,
                          "rows": figures[panel][breakdown]})  # fmt: skip
    return found


def chart_data(figures: dict) -> list[dict]:
    """What the page's script draws (json_script: labels and numbers only, numbers as strings of Decimals)."""
    return [{"id": c["id"], "type": c["type"], "labels": [str(r["label"]) for r in c["rows"]],
             "values": [str(r["value"]) for r in c["rows"]], "urls": [r.get("url", "") for r in c["rows"]]}
            for c in charts(figures)]  # fmt: skip


def table_rows(figures: dict) -> list[dict]:
    """The tables behind the charts, one row per figure, for the Excel workbook."""
    return [{"panel": c["title"], "breakdown": c["id"], "label": str(r["label"]), "value": r["value"]}
            for c in charts(figures) for r in c["rows"]]  # fmt: skip


TABLE_COLUMNS = [
    Column(gettext_lazy("Panel"), lambda r: r["panel"], 30),
    Column(gettext_lazy("Breakdown"), lambda r: r["breakdown"], 24),
    Column(gettext_lazy("Item of the breakdown"), lambda r: r["label"], 40),
    Column(gettext_lazy("Figure"), lambda r: r["value"], 18),
]
