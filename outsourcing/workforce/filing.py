"""A worker's filing by the vendor (WRK-1, WRK-9, WRK-10) and the reveal of its personal data (WRK-2). Entry and
exit on site are in `entry.py`, the requests raised to the vendor about a worker in `requests.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from outsourcing.audit.services import record_access, record_creations
from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.core import personal_data
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.numbering import next_number, next_numbers
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import idnumber
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import (
    ACTIVE_FILING,
    LawfulBasis,
    Worker,
    WorkerStatus,
)

MINIMUM_AGE, ADULT_AGE = 16, 18
REVEAL_REASON_MIN = 4
LEGAL_CLAIM_MIN = 6
ID_PROBLEMS = {
    "length": gettext_noop("an ID number has 18 characters"),
    "characters": gettext_noop("17 digits and a last digit or X"),
    "check": gettext_noop("the check character does not match (GB 11643)"),
    "birth_date": gettext_noop("the birth date in it is not a real one"),
}


def is_construction(contract: Contract) -> bool:
    """Construction work (工程劳务): the wage-protection rules apply (CST-1); known from the selection's category."""
    award = contract.award
    return bool(award and award.event.category.code == "construction_labour")


@dataclass
class WorkerData:
    """The filing fields (人员备案表, WRK-1) and nothing more (WRK-10)."""

    name: str
    id_number: str
    phone: str
    post: str
    planned_start: dt.date
    planned_end: dt.date
    contract: Contract
    lawful_basis: str = LawfulBasis.NOTICE_AND_CONSENT
    consent_reference: str = ""


def id_problem(value: str) -> str | None:
    """What is wrong with a resident ID number, in words, or None (WRK-9)."""
    try:
        idnumber.parse(personal_data.normalise(value), today=today())
    except idnumber.Invalid as exc:
        return _("“%(id)s” is not a valid ID number: %(why)s.") % {
            "id": personal_data.mask(value),
            "why": _(ID_PROBLEMS[str(exc)]),
        }
    return None


def _check(data: WorkerData, vendor_id: int) -> idnumber.Parsed:
    for name in ("name", "post", "consent_reference"):
        label = Worker._meta.get_field(name).verbose_name
        required_text(getattr(data, name), field=name, code=ErrorCode.REQUIRED,
                      message=_("Fill in “%(part)s”.") % {"part": label})  # fmt: skip
    problem = id_problem(data.id_number)
    if problem:
        raise RuleViolation(ErrorCode.ID_INVALID, problem, field="id_number")
    parsed = idnumber.parse(personal_data.normalise(data.id_number), today=today())
    phone = personal_data.normalise(data.phone)
    if not (7 <= len(phone) <= 20) or not phone.lstrip("+").replace("-", "").isdigit():
        raise RuleViolation(
            ErrorCode.REQUIRED, _("A phone number has 7 to 20 digits (a leading + and dashes allowed)."), field="phone"
        )
    if data.planned_start is None or data.planned_end is None or data.planned_end < data.planned_start:
        raise RuleViolation(ErrorCode.DATES, _("The planned end is before the planned start."), field="planned_end")
    contract = data.contract
    if contract is None or contract.vendor_id != vendor_id or contract.status not in (ContractStatus.APPROVED,
                                                                                     *LIVE_STATUSES):  # fmt: skip
        raise RuleViolation(ErrorCode.CONTRACT, _("Choose one of your company's contracts in force."), field="contract")
    if data.planned_start < contract.start_date or data.planned_end > contract.end_date:
        raise RuleViolation(
            ErrorCode.DATES,
            _("The planned period must lie within the contract's term (%(start)s – %(end)s).")
            % {"start": contract.start_date.isoformat(), "end": contract.end_date.isoformat()},
            field="planned_end",
        )
    # The age on the planned start, once that start is known to lie in the contract's term (a start in 1900
    # would otherwise be told "aged -92").
    age = idnumber.age_on(parsed.birth_date, data.planned_start or today())
    if age < MINIMUM_AGE:
        raise RuleViolation(
            ErrorCode.UNDER_AGE,
            _("The person is %(age)s: nobody under 16 may be employed (禁止使用童工规定).") % {"age": age},
            field="id_number",
        )
    if data.lawful_basis not in LawfulBasis.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say on what basis the data is held."), field="lawful_basis")
    if data.lawful_basis == LawfulBasis.STATUTORY_DUTY and not is_construction(contract):
        raise RuleViolation(
            ErrorCode.STATUTORY_BASIS,
            _("A statutory duty is a lawful basis only on construction work (real-name registration, PIPL art. 13(3)): "
              "on this contract the worker's separate consent is needed (PIPL art. 23)."),
            field="lawful_basis",
        )  # fmt: skip
    return parsed


def _duplicate(id_hash: str) -> Worker | None:
    return Worker.objects.filter(id_hash=id_hash, status__in=ACTIVE_FILING).only("badge_number", "vendor_id").first()


def active_filings(id_hashes: list[str]) -> dict[str, Worker]:
    """The active filings of these people, by ID hash, in one query (a roster's duplicates, WRK-7)."""
    found = Worker.objects.filter(id_hash__in=set(id_hashes), status__in=ACTIVE_FILING)
    return {w.id_hash: w for w in found.only("id_hash", "badge_number", "vendor_id")}


def duplicate_message(taken: Worker, vendor_id: int) -> str:
    if taken.vendor_id == vendor_id:  # another vendor's badge number is not this vendor's to know
        return _("This person already has an active filing (%(badge)s): one person, one active filing.") % {
            "badge": taken.badge_number
        }
    return _("This person already has an active filing with another vendor: one person, one active filing.")


def new_worker(*, actor: User, data: WorkerData, vendor_id: int) -> Worker:
    """The filing checked (everything but the duplicate, which needs the database) and built, unsaved and not
    yet numbered: one filing and a roster of 10,000 go through the same checks (WRK-1, WRK-7)."""
    parsed = _check(data, vendor_id)
    age = idnumber.age_on(parsed.birth_date, data.planned_start)
    worker = Worker(
        vendor_id=vendor_id,
        contract=data.contract,
        project=data.contract.project,
        name=data.name.strip(),
        id_cipher=personal_data.encrypt(parsed.number),
        id_hash=personal_data.search_hash(parsed.number),
        id_masked=personal_data.mask(parsed.number),
        phone_cipher=personal_data.encrypt(data.phone),
        phone_hash=personal_data.search_hash(data.phone),
        phone_masked=personal_data.mask_phone(data.phone),
        post=data.post.strip(),
        planned_start=data.planned_start,
        planned_end=data.planned_end,
        lawful_basis=data.lawful_basis,
        consent_reference=data.consent_reference.strip(),
        is_minor=age < ADULT_AGE,
    )
    worker.stamp(actor)
    return worker


def _someone_filed_meanwhile(exc: IntegrityError) -> Conflict:
    return Conflict(ErrorCode.DUPLICATE, _("This person already has an active filing."), field="id_number")


@transaction.atomic
def file_worker(*, actor: User, data: WorkerData) -> Worker:
    """The vendor's site manager files a worker before entry, in the portal or through the API (WRK-1)."""
    vendor_id = vendor_id_of(actor)
    if vendor_id is None or not actor.has_perm("workforce.file_workers"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor files its own workers."), status=403)
    worker = new_worker(actor=actor, data=data, vendor_id=vendor_id)
    taken = _duplicate(worker.id_hash)
    if taken is not None:
        raise Conflict(ErrorCode.DUPLICATE, duplicate_message(taken, vendor_id), field="id_number")
    worker.badge_number = next_number("WB", width=5)
    try:
        with transaction.atomic():
            worker.save()
    except IntegrityError as exc:  # the same person filed a moment ago by someone else
        raise _someone_filed_meanwhile(exc) from exc
    return worker


BULK_BATCH = 1000


@transaction.atomic
def file_workers(*, actor: User, workers: list[Worker]) -> list[Worker]:
    """Save filings built and checked by `new_worker` (a roster, WRK-7) in bulk: their badge numbers as one block,
    one insert per thousand rows, their audit entries in bulk. The caller checked the duplicates for the whole
    file; a person filed by someone else meanwhile refuses the whole roster (nothing is saved)."""
    for worker, badge in zip(workers, next_numbers("WB", len(workers), width=5), strict=True):
        worker.badge_number = badge
    try:
        with transaction.atomic():
            saved = Worker.objects.bulk_create(workers, batch_size=BULK_BATCH)
    except IntegrityError as exc:
        raise _someone_filed_meanwhile(exc) from exc
    record_creations(saved, actor=actor, batch_size=BULK_BATCH)
    return saved


@transaction.atomic
def confirm_minor(*, actor: User, worker: Worker) -> Worker:
    """HR's explicit confirmation for a worker aged 16–17 (未成年工: special protection, no forbidden work)."""
    if not actor.has_perm("workforce.decide_entry"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR confirms the filing of a minor."), status=403)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if not worker.is_minor or worker.minor_confirmed_at or worker.status != WorkerStatus.FILED:
        raise Conflict(ErrorCode.MINOR, _("There is no minor's filing to confirm."))
    worker.minor_confirmed_by, worker.minor_confirmed_at = actor, timezone.now()
    worker.stamp(actor)
    worker.save()
    return worker


def reveal(*, actor: User, worker: Worker, field: str, reason: str, legal_claim: str = "") -> str:
    """The plain ID number or phone, for HR or the vendor's own users, with a reason; every reveal is in the
    audit trail (WRK-2, AUD-2). A record in storage only (WRK-11, PIPL art. 47) is opened for nobody's daily
    work: only HR or legal, for a named legal claim, recorded with the claim (loophole 5)."""
    if field not in ("id_number", "phone"):
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose what to reveal."), field="field")
    if worker.anonymised_at:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The record was anonymised after its retention period."))
    legal_claim = (legal_claim or "").strip()
    if worker.is_storage_only:
        if not actor.has_perm("workforce.reveal_for_legal_claim", worker):
            raise RuleViolation(ErrorCode.STORAGE_ONLY, _(
                "The record is kept in storage only (PIPL art. 47): its personal data is shown only to HR or legal, "
                "for a named legal claim."), status=403)  # fmt: skip
        if len(legal_claim) < LEGAL_CLAIM_MIN:
            raise RuleViolation(ErrorCode.LEGAL_CLAIM, _(
                "The record is kept in storage only (PIPL art. 47): name the legal claim it is needed for (the "
                "dispute, the case or the authority's request), in at least %(n)s characters.")
                % {"n": LEGAL_CLAIM_MIN}, field="legal_claim")  # fmt: skip
    elif not actor.has_perm("workforce.reveal_personal_data", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("You may not see this worker's personal data."), status=403)
    else:
        legal_claim = ""  # a record in use needs no claim; a claim given anyway is not recorded as one
    reason = (reason or "").strip()
    if len(reason) < REVEAL_REASON_MIN:
        raise RuleViolation(
            ErrorCode.REQUIRED,
            _("Say why you need to see it, in at least %(n)s characters.") % {"n": REVEAL_REASON_MIN},
            field="reason",
        )
    record_access(actor=actor, instance=worker, fields=[field], reason=reason, legal_claim=legal_claim)
    return personal_data.decrypt(worker.id_cipher if field == "id_number" else worker.phone_cipher)


def find_by_id_number(queryset, value: str):
    """Exact-match search through the keyed hash: the database never sees the number (WRK-2)."""
    return queryset.filter(id_hash=personal_data.search_hash(value)) if value else queryset.none()


# ---------------------------------------------------------------------------------------------------
# Requests to the vendor about a worker (OPS-2)
