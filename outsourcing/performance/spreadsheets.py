"""Excel export of every performance list (X-5) and the import of metric values (PRF-3): each row checked like a
figure entered on the page, all or nothing, every wrong row listed."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import Contract
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import Column, ImportColumn, RowError, cell_date, import_all_or_nothing, read_rows
from outsourcing.org.models import User
from outsourcing.performance import selectors, values
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.forms import parse_inputs
from outsourcing.performance.models import Kpi, KpiValue

KPI_COLUMNS = [
    Column(gettext_lazy("Code"), lambda k: k.code, 14),
    Column(gettext_lazy("Name"), lambda k: k.name, 24),
    Column(gettext_lazy("Category"), lambda k: k.get_category_display(), 14),
    Column(gettext_lazy("Definition (specific)"), lambda k: k.definition, 40),
    Column(gettext_lazy("Unit"), lambda k: k.unit, 8),
    Column(gettext_lazy("Direction"), lambda k: k.get_direction_display(), 14),
    Column(gettext_lazy("Target"), lambda k: k.target, 10),
    Column(gettext_lazy("Data source"), lambda k: k.get_data_source_display(), 16),
    Column(gettext_lazy("Calculation"), lambda k: k.formula or k.computed_from, 30),
    Column(gettext_lazy("Collected by"), lambda k: k.collection_owner, 14),
    Column(gettext_lazy("Measured per"), lambda k: k.get_period_display(), 10),
    Column(gettext_lazy("Usable"), lambda k: _("yes") if k.usable else _("no"), 8),
]

SLA_COLUMNS = [
    Column(gettext_lazy("Contract"), lambda s: s.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda s: s.contract.vendor.name, 28),
    Column(gettext_lazy("Version"), lambda s: s.version, 8),
    Column(gettext_lazy("In force from"), lambda s: s.valid_from, 12),
    Column(gettext_lazy("Evaluated"), lambda s: s.get_period_display(), 10),
    Column(
        gettext_lazy("KPIs and weights"), lambda s: "；".join(f"{i.kpi.code} {i.weight}%" for i in s.items.all()), 40
    ),
    Column(gettext_lazy("Pass mark (total score)"), lambda s: s.pass_score, 10),
    Column(gettext_lazy("Status"), lambda s: s.get_status_display(), 12),
    Column(gettext_lazy("Reason for this version"), lambda s: s.reason, 40),
]

VALUE_COLUMNS = [
    Column(gettext_lazy("Contract"), lambda v: v.contract.number, 16),
    Column(gettext_lazy("KPI"), lambda v: v.kpi.code, 14),
    Column(gettext_lazy("Measured on"), lambda v: v.measured_on, 12),
    Column(gettext_lazy("Inputs"), lambda v: "; ".join(f"{k}={x}" for k, x in v.inputs.items()), 30),
    Column(gettext_lazy("Value"), lambda v: v.value, 12),
    Column(gettext_lazy("Source"), lambda v: v.get_source_display(), 14),
    Column(gettext_lazy("Collected by"), lambda v: v.created_by.get_full_name() if v.created_by else "", 12),
    Column(gettext_lazy("Recorded at"), lambda v: v.created_at, 18),
    Column(gettext_lazy("Corrected"), lambda v: _("yes") if v.replaced_by_id else "", 8),
    Column(gettext_lazy("Note"), lambda v: v.note, 30),
]

EVALUATION_COLUMNS = [
    Column(gettext_lazy("Number"), lambda e: e.number, 16),
    Column(gettext_lazy("Contract"), lambda e: e.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda e: e.contract.vendor.name, 28),
    Column(gettext_lazy("Period"), lambda e: e.period_label, 10),
    Column(gettext_lazy("SLA version"), lambda e: e.sla.version, 8),
    Column(gettext_lazy("Total score"), lambda e: e.total if e.total is not None else _("not evaluated"), 10),
    Column(gettext_lazy("Grade"), lambda e: e.grade, 6),
    Column(gettext_lazy("Status"), lambda e: e.get_status_display(), 18),
    Column(gettext_lazy("Confirm or dispute by"), lambda e: e.answer_by, 12),
    Column(gettext_lazy("Confirmed by silence"), lambda e: _("yes") if e.confirmed_by_silence else "", 8),
]

PLAN_COLUMNS = [
    Column(gettext_lazy("Evaluation"), lambda p: p.evaluation.number, 16),
    Column(gettext_lazy("Contract"), lambda p: p.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda p: p.contract.vendor.name, 28),
    Column(gettext_lazy("Status"), lambda p: p.get_status_display(), 16),
    Column(gettext_lazy("Submit by"), lambda p: p.submit_by, 12),
    Column(gettext_lazy("Root cause"), lambda p: p.root_cause, 40),
    Column(gettext_lazy("Actions"), lambda p: p.actions, 40),
    Column(gettext_lazy("Owner at the vendor"), lambda p: p.owner, 14),
    Column(gettext_lazy("Rectified by"), lambda p: p.deadline, 12),
]

PIP_COLUMNS = [
    Column(gettext_lazy("Number"), lambda p: p.number, 16),
    Column(gettext_lazy("Contract"), lambda p: p.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda p: p.contract.vendor.name, 28),
    Column(gettext_lazy("Status"), lambda p: p.get_status_display(), 12),
    Column(gettext_lazy("Deadline"), lambda p: p.due, 12),
    Column(gettext_lazy("Root-cause analysis"), lambda p: p.root_cause, 40),
    Column(gettext_lazy("Verification"), lambda p: p.verification, 40),
]

IMPORT_COLUMNS = [
    ImportColumn("contract", gettext_lazy("Contract number"), True, "CON-2026-0001", 16),
    ImportColumn("kpi", gettext_lazy("KPI code"), True, "CS-ANSWER", 14),
    ImportColumn("measured_on", gettext_lazy("Measured on"), True, "2026-11-30", 12),
    ImportColumn("inputs", gettext_lazy("Figure"), True, "answered=950; offered=1000", 30),
    ImportColumn("note", gettext_lazy("Note"), False, "", 30),
]


def template_notes() -> list[str]:
    return [
        _("One figure per row on the first sheet; columns marked * are required."),
        _("Contract number: one of your contracts in force; KPI code: a KPI of its SLA in force on that day."),
        _("Figure: one number, or for a KPI with several inputs “name=number; name=number”."),
        _("If any row is wrong, nothing is imported: the page lists every wrong row; correct them and import again."),
    ]


def import_values(*, actor: User, upload) -> tuple[list[KpiValue], list[RowError]]:
    """Record every figure of the workbook, or none when any row is refused."""
    if not actor.has_perm("performance.enter_values"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Not yours to enter."), status=403)
    rows = read_rows(upload, IMPORT_COLUMNS)
    contracts = {c.number.upper(): c for c in selectors.live_contracts(actor, perm="performance.enter_value")}
    kpis = {k.code.upper(): k for k in Kpi.objects.all()}

    def save(number: int, record: dict) -> KpiValue:
        contract = contracts.get(str(record.get("contract") or "").strip().upper())
        if contract is None:
            raise RuleViolation(ErrorCode.REQUIRED, _("“%(number)s” is not one of your contracts in force.")
                                % {"number": record.get("contract") or ""})  # fmt: skip
        kpi = kpis.get(str(record.get("kpi") or "").strip().upper())
        if kpi is None:
            raise RuleViolation(ErrorCode.REQUIRED, _("No KPI has the code %(code)s.") % {"code": record.get("kpi")})
        data = values.ValueData(contract=contract, kpi=kpi, measured_on=cell_date(record.get("measured_on"),
                                                                                  str(_("the day measured"))),
                                inputs=parse_inputs(record.get("inputs")), source=KpiValue.Source.IMPORT,
                                note=str(record.get("note") or ""))  # fmt: skip
        return values.record_value(actor=actor, data=data)

    return import_all_or_nothing(rows, save)


def contract_label(contract: Contract) -> str:
    return f"{contract.number} {contract.title}"


REPORT_COLUMNS = [
    Column(gettext_lazy("Contract"), lambda r: r.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda r: r.contract.vendor.name, 28),
    Column(gettext_lazy("Period from"), lambda r: r.period_start, 12),
    Column(gettext_lazy("Period until"), lambda r: r.period_end, 12),
    Column(gettext_lazy("Figures"), lambda r: r.figures, 40),
    Column(gettext_lazy("Analysis"), lambda r: r.analysis, 40),
    Column(gettext_lazy("Reasons for misses"), lambda r: r.misses, 40),
    Column(gettext_lazy("Improvement measures"), lambda r: r.measures, 40),
    Column(gettext_lazy("Recorded at"), lambda r: r.created_at, 18),
]

FEEDBACK_COLUMNS = [
    Column(gettext_lazy("Contract"), lambda f: f.contract.number, 16),
    Column(gettext_lazy("Vendor"), lambda f: f.contract.vendor.name, 28),
    Column(gettext_lazy("Period from"), lambda f: f.period_start, 12),
    Column(gettext_lazy("Clarity of requirements"), lambda f: f.clarity, 10),
    Column(gettext_lazy("Timeliness of confirmations"), lambda f: f.confirmations, 10),
    Column(gettext_lazy("Timeliness of payments"), lambda f: f.payments, 10),
    Column(gettext_lazy("Cooperation"), lambda f: f.cooperation, 10),
    Column(gettext_lazy("Comments"), lambda f: f.comments, 40),
]
