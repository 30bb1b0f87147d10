"""The roster in Excel (WRK-7): the vendor files many workers at once from the template, every row checked
like a single filing (ID check digit, age, dates, duplicates in the file and in the system), all or
nothing; the export shows ID and phone numbers masked, never in clear."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core import personal_data
from outsourcing.core.errors import RuleViolation
from outsourcing.core.excel import (
    Column,
    ImportColumn,
    RowError,
    cell_date,
    checked_by_form,
    choice_code,
    import_in_bulk,
    read_rows,
)
from outsourcing.org.models import User
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import filing, selectors
from outsourcing.workforce.forms import WorkerForm
from outsourcing.workforce.models import LawfulBasis, Worker

EXPORT_COLUMNS = [
    Column(gettext_lazy("Badge number"), lambda w: w.badge_number, 16),
    Column(gettext_lazy("Full name"), lambda w: w.name, 12),
    Column(gettext_lazy("ID number"), lambda w: w.id_masked, 22),
    Column(gettext_lazy("Phone"), lambda w: w.phone_masked, 14),
    Column(gettext_lazy("Vendor"), lambda w: w.vendor.name, 28),
    Column(gettext_lazy("Project"), lambda w: w.project.number, 16),
    Column(gettext_lazy("Contract"), lambda w: w.contract.number, 16),
    Column(gettext_lazy("Post"), lambda w: w.post, 16),
    Column(gettext_lazy("Planned start"), lambda w: w.planned_start, 12),
    Column(gettext_lazy("Planned end"), lambda w: w.planned_end, 12),
    Column(gettext_lazy("Status"), lambda w: w.get_status_display(), 12),
    Column(gettext_lazy("Entered on"), lambda w: w.entered_on, 12),
    Column(gettext_lazy("Exited on"), lambda w: w.exited_on, 12),
    Column(gettext_lazy("Lawful basis"), lambda w: w.get_lawful_basis_display(), 30),
]

IMPORT_COLUMNS = [
    ImportColumn("name", gettext_lazy("Full name"), True, "王小明", 12),
    ImportColumn("id_number", gettext_lazy("ID number"), True, "110101199003071233", 22, text=True),
    ImportColumn("phone", gettext_lazy("Phone"), True, "13800138000", 14, text=True),
    ImportColumn("post", gettext_lazy("Post"), True, "客服专员", 16),
    ImportColumn("contract", gettext_lazy("Contract number"), True, "CON-2026-0001", 16),
    ImportColumn("planned_start", gettext_lazy("Planned start"), True, "2026-12-01", 12),
    ImportColumn("planned_end", gettext_lazy("Planned end"), True, "2027-11-30", 12),
    ImportColumn("consent_reference", gettext_lazy("Notice and consent reference"), True, "告知同意书 2026-118", 26),
    ImportColumn("lawful_basis", gettext_lazy("Lawful basis"), False, LawfulBasis.NOTICE_AND_CONSENT.label, 30),
]


def template_notes() -> list[str]:
    return [
        _("One worker per row on the first sheet; columns marked * are required."),
        _("ID number: the 18-character resident ID number; it is checked and stored encrypted."),
        _("Contract number: one of your contracts in force; the planned period must lie within its term."),
        _("Lawful basis (optional, default the first): %(bases)s.")
        % {"bases": "、".join(str(label) for label in LawfulBasis.labels)},
        _("Only the filing fields are collected: no ethnicity, religion, health or family details."),
        _("Attach each worker's labor contract and social-insurance proof on the worker's page before HR decides."),
        _("If any row is wrong, nothing is imported: the page lists every wrong row; correct them and import again."),
    ]


def _row_form(record: dict, contracts: dict, vendor_id: int, by_id: dict | None = None) -> WorkerForm:
    """The row as the vendor's filing form would receive it; the form's checks are the import's (one path)."""
    if isinstance(record.get("id_number"), (int, float)):  # Excel keeps 15 significant digits of a number
        raise RuleViolation(
            filing.ErrorCode.ID_INVALID,
            _("Excel stored the ID number as a number and changed its last digits: format the column as text "
              "(the template does) and type the number again."),
        )  # fmt: skip
    text = {key: str(value).strip() if value is not None else "" for key, value in record.items()}
    contract = contracts.get(text.get("contract", "").upper())
    if contract is None:
        raise RuleViolation(
            filing.ErrorCode.CONTRACT,
            _("“%(number)s” is not one of your contracts in force.") % {"number": text.get("contract", "")},
        )
    data = {name: text.get(name, "") for name in ("name", "id_number", "phone", "post", "consent_reference")}
    data.update(
        contract=contract.pk,
        planned_start=cell_date(record.get("planned_start"), str(_("the planned start"))),
        planned_end=cell_date(record.get("planned_end"), str(_("the planned end"))),
        lawful_basis=choice_code(record.get("lawful_basis"), LawfulBasis.choices, str(_("lawful basis")))
        if text.get("lawful_basis")
        else LawfulBasis.NOTICE_AND_CONSENT,
    )
    return WorkerForm(data=data, vendor_id=vendor_id, contracts=by_id)


def import_roster(*, actor: User, upload) -> tuple[list[Worker], list[RowError]]:
    """File every worker of the workbook, or none of them when any row is refused (WRK-7, X-5).

    Every row is checked in memory by the vendor's filing form and the filing's own checks, the file's people
    against the active filings in one query, and a valid file saved in bulk: its badge numbers as one block,
    its workers and their audit entries in bulk (issue 20: 10,000 rows in seconds, a fixed number of queries)."""
    vendor_id = vendor_id_of(actor)
    if vendor_id is None or not actor.has_perm("workforce.file_workers"):
        raise RuleViolation(filing.ErrorCode.NOT_ALLOWED, _("The vendor imports its own roster."), status=403)
    rows = read_rows(upload, IMPORT_COLUMNS)
    choices = list(selectors.filing_contracts(vendor_id).select_related("award__event__category"))
    contracts, by_id = {c.number.upper(): c for c in choices}, {c.pk: c for c in choices}
    first_row: dict[str, int] = {}

    def check_row(number: int, record: dict) -> Worker:
        key = personal_data.normalise(str(record.get("id_number") or ""))
        if key and key in first_row:  # said as a row of this file, not as a filing that will be rolled back
            raise RuleViolation(
                filing.ErrorCode.DUPLICATE,
                _("The ID number %(id)s is also on row %(row)s of this file.")
                % {"id": personal_data.mask(key), "row": first_row[key]},
            )
        first_row.setdefault(key, number)
        form = checked_by_form(_row_form(record, contracts, vendor_id, by_id), IMPORT_COLUMNS)
        return filing.new_worker(actor=actor, data=form.to_data(), vendor_id=vendor_id)

    def check_all(checked: list[tuple[int, Worker]]) -> list[RowError]:
        taken = filing.active_filings([worker.id_hash for _number, worker in checked])
        return [
            RowError(number, filing.duplicate_message(taken[worker.id_hash], vendor_id))
            for number, worker in checked
            if worker.id_hash in taken
        ]

    return import_in_bulk(
        rows,
        check_row=check_row,
        check_all=check_all,
        save_all=lambda workers: filing.file_workers(actor=actor, workers=workers),
    )
