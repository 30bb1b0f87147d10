"""Excel export of every risk and compliance list (X-5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from outsourcing.core.excel import Column
from outsourcing.core.indicators import indicator, sign


def _indicator_label(code: str) -> str:
    entry = indicator(code)
    return str(entry.label) if entry else code


def _signs(codes) -> str:
    return "、".join(str(sign(c).label) if sign(c) else c for c in codes)


FINDING_COLUMNS = [
    Column(gettext_lazy("Indicator"), lambda f: _indicator_label(f.indicator), 24),
    Column(gettext_lazy("Subject"), lambda f: f.subject, 30),
    Column(gettext_lazy("Evidence"), lambda f: f.evidence, 50),
    Column(gettext_lazy("Status"), lambda f: f.get_status_display(), 10),
    Column(gettext_lazy("Found on"), lambda f: f.opened_on, 12),
    Column(gettext_lazy("Last found on"), lambda f: f.last_seen_on, 12),
    Column(gettext_lazy("Cleared on"), lambda f: f.cleared_on, 12),
    Column(gettext_lazy("Link"), lambda f: f.url, 30),
]

RISK_COLUMNS = [
    Column(gettext_lazy("Number"), lambda r: r.number, 16),
    Column(gettext_lazy("Risk"), lambda r: r.title, 30),
    Column(gettext_lazy("Category"), lambda r: r.get_category_display(), 16),
    Column(gettext_lazy("Likelihood"), lambda r: r.likelihood, 8),
    Column(gettext_lazy("Impact"), lambda r: r.impact, 8),
    Column(gettext_lazy("Inherent rating"), lambda r: r.inherent, 8),
    Column(gettext_lazy("Residual rating"), lambda r: r.residual, 8),
    Column(gettext_lazy("Risk owner"), lambda r: r.owner.get_full_name() or r.owner.username, 14),
    Column(gettext_lazy("Controls"), lambda r: r.controls, 40),
    Column(gettext_lazy("Treatment"), lambda r: r.get_treatment_display(), 14),
    Column(gettext_lazy("Justification of the acceptance"), lambda r: r.justification, 30),
    Column(gettext_lazy("Next review"), lambda r: r.review_on, 12),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display(), 10),
    Column(gettext_lazy("Vendor"), lambda r: r.vendor.name if r.vendor else "", 20),
    Column(gettext_lazy("Contract"), lambda r: r.contract.number if r.contract else "", 16),
    Column(gettext_lazy("Project"), lambda r: r.project.number if r.project else "", 16),
]

SCORE_COLUMNS = [
    Column(gettext_lazy("Project"), lambda s: f"{s.project.number} {s.project.name}", 30),
    Column(gettext_lazy("Department"), lambda s: s.project.department.name, 16),
    Column(gettext_lazy("Score"), lambda s: s.score, 8),
    Column(gettext_lazy("Level"), lambda s: s.get_level_display(), 8),
    Column(gettext_lazy("Signs"), lambda s: _signs(s.signs), 40),
    Column(gettext_lazy("Computed on"), lambda s: s.computed_on, 12),
]

INCIDENT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda i: i.number, 16),
    Column(gettext_lazy("Type"), lambda i: i.get_kind_display(), 14),
    Column(gettext_lazy("Severity"), lambda i: i.get_severity_display(), 10),
    Column(gettext_lazy("Title"), lambda i: i.title, 30),
    Column(gettext_lazy("Occurred on"), lambda i: i.occurred_on, 12),
    Column(gettext_lazy("Responsible vendor"), lambda i: i.vendor.name, 20),
    Column(gettext_lazy("Project"), lambda i: i.project.number if i.project else "", 16),
    Column(gettext_lazy("Status"), lambda i: i.get_status_display(), 14),
    Column(gettext_lazy("Work-injury recognition due"), lambda i: i.filing_deadline, 14),
    Column(gettext_lazy("Recognition filing receipt"), lambda i: i.filing_receipt, 20),
    Column(gettext_lazy("Closed on"), lambda i: i.closed_on, 12),
]


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


AUDIT_COLUMNS = [
    Column(gettext_lazy("Number"), lambda a: a.number, 16),
    Column(gettext_lazy("Year audited"), lambda a: a.year, 8),
    Column(gettext_lazy("Title"), lambda a: a.title, 30),
    Column(gettext_lazy("Scope"), lambda a: a.scope, 40),
    Column(gettext_lazy("Period from"), lambda a: a.period_start, 12),
    Column(gettext_lazy("Period to"), lambda a: a.period_end, 12),
    Column(gettext_lazy("Lead auditor"), lambda a: _name(a.lead), 14),
    Column(gettext_lazy("Checklist items"), lambda a: a.rules, 8),
    Column(gettext_lazy("Not checked yet"), lambda a: a.unchecked, 8),
    Column(gettext_lazy("Open findings"), lambda a: a.open_findings, 8),
    Column(gettext_lazy("Status"), lambda a: a.get_status_display(), 10),
    Column(gettext_lazy("Closed on"), lambda a: a.closed_on, 12),
]

# One row per required action (a finding without actions has one row of its own).
AUDIT_FINDING_COLUMNS = [
    Column(gettext_lazy("Finding"), lambda r: r[0].title, 30),
    Column(gettext_lazy("Article"), lambda r: r[0].check_item.rule.article if r[0].check_item else "", 20),
    Column(gettext_lazy("Owner"), lambda r: _name(r[0].owner), 14),
    Column(gettext_lazy("Status"), lambda r: r[0].get_status_display(), 10),
    Column(gettext_lazy("Action"), lambda r: r[1].description if r[1] else "", 30),
    Column(gettext_lazy("Action owner"), lambda r: _name(r[1].owner) if r[1] else "", 14),
    Column(gettext_lazy("Due"), lambda r: r[1].due_on if r[1] else None, 12),
    Column(gettext_lazy("Done on"), lambda r: r[1].done_on if r[1] else None, 12),
]

WORKFORCE_COLUMNS = [
    Column(gettext_lazy("Month"), lambda f: f"{f.period:%Y-%m}", 10),
    Column(gettext_lazy("Total workforce (用工总量)"), lambda f: f.total_workforce, 12),
    Column(gettext_lazy("Dispatched headcount"), lambda f: f.dispatched, 12),
    Column(gettext_lazy("Source of the figures"), lambda f: f.source, 30),
    Column(gettext_lazy("Entered by"), lambda f: _name(f.updated_by), 14),
]

DEPARTMENT_COLUMNS = [
    Column(gettext_lazy("Project"), lambda r: f"{r['project'].number} {r['project'].name}", 30),
    Column(gettext_lazy("Department"), lambda r: r["project"].department.name, 16),
    Column(gettext_lazy("Score"), lambda r: r["score"].score if r["score"] else 0, 8),
    Column(gettext_lazy("Level"), lambda r: r["score"].get_level_display() if r["score"] else "", 8),
    Column(gettext_lazy("Signs"), lambda r: _signs(r["score"].signs if r["score"] else []), 40),
    Column(gettext_lazy("Open indicator findings"), lambda r: r["findings"], 10),
    Column(gettext_lazy("Live risks"), lambda r: r["risks"], 10),
    Column(gettext_lazy("Open incidents"), lambda r: r["incidents"], 10),
]
