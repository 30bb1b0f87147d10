"""The social-insurance office's list of the month (社保缴费明细) beside the PDF proof (WRK-6, loophole 7): the
vendor uploads the Excel, the ID numbers are read, hashed with the keyed hash and masked, and the workbook is
dropped; `proofs.insurance_differences` compares the kept hashes with the roster. Nothing is kept in clear."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core import personal_data
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.excel import ImportColumn, RowError, read_rows
from outsourcing.core.text import join_reasons
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.workforce import idnumber
from outsourcing.workforce.filing import ErrorCode
from outsourcing.workforce.models import InsuranceList, InsuranceListEntry, MonthlyProof, ProofStatus

# The office's detail has many columns; only the ID number is read (the name, when present, is not kept). Its
# header differs by city: 身份证号码, 公民身份号码 or 证件号码, each accepted.
HEADERS = (gettext_lazy("ID number"), gettext_lazy("Citizen ID number"), gettext_lazy("ID document number"))


def _read(upload) -> list[tuple[int, dict]]:
    """The rows under the first of the accepted ID-number headers the sheet has."""
    for header in HEADERS:
        try:
            return read_rows(upload, [ImportColumn("id_number", header, True, text=True)])
        except RuleViolation as exc:
            if exc.code != "missing_column":
                raise
    raise RuleViolation(
        "missing_column",
        _("The list has no ID number column (%(headers)s): upload the office's detail as it was downloaded.")
        % {"headers": "、".join(str(h) for h in HEADERS)},
        field="file",
    )


MAX_ROW_ERRORS = 20


def _entries(rows: list[tuple[int, dict]]) -> tuple[dict[str, tuple[int, str]], list[RowError]]:
    """{hash: (row, masked)} of every valid ID number (a person listed once per insurance type counts once)."""
    found: dict[str, tuple[int, str]] = {}
    errors: list[RowError] = []
    for number, record in rows:
        value = record.get("id_number")
        if isinstance(value, (int, float)):  # Excel keeps 15 significant digits of a number: the number changed
            errors.append(RowError(number, _("the ID number is stored as a number and lost its last digits: "
                                             "format the column as text")))  # fmt: skip
            continue
        try:
            parsed = idnumber.parse(str(value or ""), today=today())
        except idnumber.Invalid:
            errors.append(RowError(number, _("“%(id)s” is not a valid ID number")
                                   % {"id": personal_data.mask(str(value or ""))}))  # fmt: skip
            continue
        found.setdefault(personal_data.search_hash(parsed.number), (number, personal_data.mask(parsed.number)))
    return found, errors


@transaction.atomic
def upload_insurance_list(*, actor: User, proof: MonthlyProof, upload) -> InsuranceList:
    """The vendor uploads (or replaces) the month's social-insurance list. A file that is not a readable .xlsx,
    is too large, lacks the ID number column or holds an invalid ID number is refused with its code, and nothing
    is saved: the list in place stays as it was."""
    if not actor.has_perm("workforce.attach_monthlyproof", proof):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor uploads its own list while the month is open."),
                            status=403)  # fmt: skip
    proof = MonthlyProof.objects.select_for_update().get(pk=proof.pk)
    if proof.status == ProofStatus.ACCEPTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("HR has already accepted the proofs of this month."))
    if upload is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the Excel file of the list."), field="file")
    rows = _read(upload)
    found, errors = _entries(rows)
    if errors:
        shown = [str(e) for e in errors[:MAX_ROW_ERRORS]]
        raise RuleViolation(ErrorCode.INSURANCE_LIST, _("Nothing was read: %(rows)s")
                            % {"rows": join_reasons(shown)}, field="file")  # fmt: skip
    if not found:
        raise RuleViolation(ErrorCode.INSURANCE_LIST, _("The list has no ID numbers."), field="file")
    listed, _created = InsuranceList.objects.get_or_create(proof=proof, defaults={"created_by": actor})
    listed.entries.all().delete()  # the list is replaced whole: it is the office's document, not the vendor's lines
    InsuranceListEntry.objects.bulk_create(
        InsuranceListEntry(insurance_list=listed, id_hash=key, row=row, id_masked=masked)
        for key, (row, masked) in found.items()
    )
    listed.file_name = (getattr(upload, "name", "") or "")[:200]
    listed.rows_read = len(rows)
    listed.stamp(actor)
    listed.save()
    if proof.status == ProofStatus.GAPS:  # a corrected list goes back to HR, as a corrected roster does
        proof.status, proof.checked_by, proof.checked_at = ProofStatus.SUBMITTED, None, None
        proof.stamp(actor)
        proof.save()
    return listed
