"""A worker's filing, entry and exit (WRK-1, WRK-3, WRK-4, WRK-9, WRK-10, CST-1), the reveal of personal
data (WRK-2) and the requests raised to the vendor about a worker (OPS-2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from outsourcing.attachments.selectors import attachments_for
from outsourcing.audit.services import record_access
from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.contracts.selectors import confidentiality_in_force
from outsourcing.core import personal_data, screening
from outsourcing.core.errors import Blocked, Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import local, today
from outsourcing.org.models import User
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.vendors.selectors import portal_user_ids
from outsourcing.workforce import idnumber
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import (
    ACTIVE_FILING,
    WORKER_STATES,
    BriefingTopic,
    EntryRecord,
    ExitRequest,
    LawfulBasis,
    RefusalGround,
    Worker,
    WorkerFileKind,
    WorkerRequest,
    WorkerStatus,
)

MINIMUM_AGE, ADULT_AGE = 16, 18
REQUEST_SCREEN_PURPOSE = "workforce.worker_request"
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


@transaction.atomic
def file_worker(*, actor: User, data: WorkerData) -> Worker:
    """The vendor's site manager files a worker before entry, in the portal or through the API (WRK-1)."""
    vendor_id = vendor_id_of(actor)
    if vendor_id is None or not actor.has_perm("workforce.file_workers"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor files its own workers."), status=403)
    parsed = _check(data, vendor_id)
    id_hash = personal_data.search_hash(parsed.number)
    taken = _duplicate(id_hash)
    if taken is not None:
        message = (
            _("This person already has an active filing (%(badge)s): one person, one active filing.")
            % {"badge": taken.badge_number}
            if taken.vendor_id == vendor_id  # another vendor's badge number is not this vendor's to know
            else _("This person already has an active filing with another vendor: one person, one active filing.")
        )
        raise Conflict(ErrorCode.DUPLICATE, message, field="id_number")
    age = idnumber.age_on(parsed.birth_date, data.planned_start)
    worker = Worker(
        badge_number=next_number("WB", width=5),
        vendor_id=vendor_id,
        contract=data.contract,
        project=data.contract.project,
        name=data.name.strip(),
        id_cipher=personal_data.encrypt(parsed.number),
        id_hash=id_hash,
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
    try:
        with transaction.atomic():
            worker.save()
    except IntegrityError as exc:  # the same person filed a moment ago by someone else
        raise Conflict(ErrorCode.DUPLICATE, _("This person already has an active filing."), field="id_number") from exc
    return worker


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


def realname_problem(worker: Worker) -> Reason | None:
    """The one real-name check of construction work (实名制, CST-1): entry, area grants and door cards ask it."""
    if is_construction(worker.contract) and not worker.realname_reference:
        return Reason(ErrorCode.REALNAME,
                      _("Construction work: no entry or site access without the real-name registration (实名制)."))
    return None


def minor_waiting(worker: Worker) -> Reason | None:
    """A worker aged 16–17 waits for HR's explicit confirmation (未成年工, WRK-9): one rule for the entry, the
    single filing's answer and the roster import's result (loophole 6)."""
    if worker.is_minor and not worker.minor_confirmed_at:
        return Reason(ErrorCode.MINOR, _("The worker is 16 or 17: HR must confirm the filing of a minor explicitly."))
    return None


PROOF_CODES = {
    WorkerFileKind.LABOR_CONTRACT: ErrorCode.NO_LABOUR_CONTRACT,
    WorkerFileKind.SOCIAL_INSURANCE_PROOF: ErrorCode.NO_SOCIAL_INSURANCE_PROOF,
}


def entry_blockers(worker: Worker) -> list[Reason]:
    """Why HR may not approve the entry yet (WRK-1, WRK-9, WRK-10, CON-4, CST-1), each with its code; the page
    lists them, the API answers them."""
    reasons = []
    kinds = {a.kind for a in attachments_for(document=worker)}
    for kind, code in PROOF_CODES.items():  # each missing paper its own reason, so a client knows which
        if kind not in kinds:
            reasons.append(Reason(code, _("Proofs missing: %(proofs)s.") % {"proofs": WorkerFileKind(kind).label}))
    if worker.lawful_basis == LawfulBasis.NOTICE_AND_CONSENT and WorkerFileKind.WORKER_CONSENT not in kinds:
        reasons.append(Reason(ErrorCode.CONSENT_FILE, _(
            "The worker's separate consent to giving the data to the company is not attached as a file (PIPL art. "
            "23): a reference alone does not prove it.")))  # fmt: skip
    if confidentiality_in_force(worker.vendor, on=max(worker.planned_start, today())) is None:
        reasons.append(Reason(ErrorCode.NDA, _(
            "The vendor has no confidentiality and information-security agreement in force (CON-4).")))  # fmt: skip
    realname = realname_problem(worker)
    if realname:
        reasons.append(realname)
    minor = minor_waiting(worker)
    if minor:
        reasons.append(minor)
    from outsourcing.workforce.certificates import certificate_problem  # it reads this module's codes

    certificate = certificate_problem(worker, on=max(worker.planned_start, today()))
    if certificate:
        reasons.append(certificate)
    if worker.contract.status not in (ContractStatus.APPROVED, *LIVE_STATUSES):
        reasons.append(Reason(ErrorCode.CONTRACT, _("The contract is %(status)s: no new entry under it.")
                              % {"status": worker.contract.get_status_display()}))  # fmt: skip
    if worker.planned_end < today():
        reasons.append(Reason(ErrorCode.DATES, _("The planned period ended on %(end)s.")
                              % {"end": worker.planned_end.isoformat()}))  # fmt: skip
    return reasons



def _lock(worker: Worker, *, status: str | None = None) -> Worker:
    related = ("vendor", "contract__award__event__category", "project__department")
    worker = Worker.objects.select_for_update(of=("self",)).select_related(*related).get(pk=worker.pk)
    if status is not None and worker.status != status:
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("The worker is %(status)s.") % {"status": worker.get_status_display()},
        )
    return worker


@transaction.atomic
def decide_entry(*, actor: User, worker: Worker, approve: bool, note: str = "", ground: str = "") -> Worker:
    """HR approves the entry when every proof and gate is in place, or refuses it on a documented ground only
    (missing or invalid papers, age, a failed legal check): never on a judgement of the person, for the company
    does not select named people (OPS-2, loophole 2). "Another legal ground" names it in the note."""
    if not actor.has_perm("workforce.decide_entry"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR decides on entry."), status=403)
    worker = _lock(worker, status=WorkerStatus.FILED)
    note, ground = (note or "").strip(), (ground or "").strip()
    if approve:
        reasons = entry_blockers(worker)
        if reasons:
            raise Blocked(reasons)
        ground = ""  # an approval needs no ground
    elif ground not in RefusalGround.values:
        raise RuleViolation(
            ErrorCode.GROUND,
            _("Refuse an entry on one of the documented grounds only (papers, real-name registration, age, identity "
              "check or another legal ground): the company does not select or reject people on its own judgement "
              "(OPS-2)."),
            field="ground",
        )  # fmt: skip
    elif ground == RefusalGround.OTHER_LEGAL and not note:
        raise RuleViolation(ErrorCode.GROUND_NOTE, _("Name the legal ground in the note: the law and its article."),
                            field="note")  # fmt: skip
    WORKER_STATES.move(worker, WorkerStatus.APPROVED if approve else WorkerStatus.REJECTED)
    worker.decided_by, worker.decided_at, worker.decision_note, worker.refusal_ground = (
        actor, timezone.now(), note, ground
    )
    worker.stamp(actor)
    worker.save()
    with company_language():
        if approve:
            _tell_vendor(worker, _("Entry approved: %(worker)s"), note)
        else:
            body = "\n".join(part for part in (str(RefusalGround(ground).label), note) if part)
            _tell_vendor(worker, _("Entry refused: %(worker)s"), body)
    return worker


def _tell_vendor(worker: Worker, title: str, body: str = "") -> None:
    send(
        Notice(recipient_id=user_id, title=title % {"worker": worker.badge_number}, body=body,
               url=worker.get_absolute_url(), dedup_key=f"worker:{worker.pk}:{worker.status}")
        for user_id in portal_user_ids({worker.vendor_id}).get(worker.vendor_id, [])
    )  # fmt: skip


@transaction.atomic
def register_realname(*, actor: User, worker: Worker, reference: str) -> Worker:
    """The real-name registration of a construction worker (实名制登记, CST-1)."""
    if not actor.has_perm("workforce.decide_entry"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR records the real-name registration."), status=403)
    worker = _lock(worker)
    if worker.status not in ACTIVE_FILING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The worker is no longer filed."))
    if not (reference or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the registration number."), field="reference")
    worker.realname_reference = reference.strip()
    worker.stamp(actor)
    worker.save()
    return worker


@transaction.atomic
def record_entry(
    *, actor: User, worker: Worker, briefing_on, topics: list[str], undertaking_signed_on, workplace_conditions: str
) -> EntryRecord:
    """The business department records the pre-post briefing (safety, confidentiality, workplace — never the
    company's own onboarding training), the worker's confidentiality undertaking and the workplace (WRK-4)."""
    worker = _lock(worker, status=WorkerStatus.APPROVED)
    if not actor.has_perm("workforce.record_entry", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department records the entry."), status=403)
    unknown = [t for t in topics if t not in BriefingTopic.values]
    if unknown or not topics:
        raise RuleViolation(
            ErrorCode.TOPIC,
            _("The briefing covers safety, confidentiality and the workplace only: the vendor trains its own people."),
            field="topics",
        )
    if briefing_on is None or undertaking_signed_on is None or briefing_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record a briefing once it has taken place."), field="briefing_on")
    approved_on = worker.decided_at and local(worker.decided_at).date()
    if approved_on and briefing_on < approved_on:  # nobody enters before HR said yes (issue 15, loophole 4)
        raise RuleViolation(
            ErrorCode.ENTRY_BEFORE_APPROVAL,
            _("The entry cannot be before HR approved it (%(day)s).") % {"day": approved_on.isoformat()},
            field="briefing_on",
        )
    if briefing_on < worker.contract.start_date or briefing_on > worker.planned_end:
        raise RuleViolation(ErrorCode.DATES, _("The entry lies within the contract's term and the planned period."),
                            field="briefing_on")  # fmt: skip
    if briefing_on < worker.planned_start:  # earlier than filed: the age checks were made for the planned start
        birth = idnumber.parse(personal_data.decrypt(worker.id_cipher), today=today()).birth_date
        if idnumber.age_on(birth, briefing_on) < ADULT_AGE:
            raise RuleViolation(
                ErrorCode.UNDER_AGE,
                _("The worker is under 18 on that day: the entry is not earlier than the planned start."),
                field="briefing_on",
            )
    from outsourcing.workforce.certificates import certificate_problem

    certificate = certificate_problem(worker, on=briefing_on)  # it may have expired since HR's approval (CON-9)
    if certificate:
        raise RuleViolation(certificate.code, str(certificate), field="briefing_on")
    if not (workplace_conditions or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Describe the workplace conditions provided."),
                            field="workplace_conditions")  # fmt: skip
    record = EntryRecord.objects.create(
        worker=worker, briefing_on=briefing_on, topics=sorted(set(topics)), undertaking_signed_on=undertaking_signed_on,
        workplace_conditions=workplace_conditions.strip(), recorded_by=actor,
    )  # fmt: skip
    WORKER_STATES.move(worker, WorkerStatus.ON_SITE)
    worker.entered_on = briefing_on
    worker.stamp(actor)
    worker.save()
    return record


@transaction.atomic
def record_exit(*, actor: User, worker: Worker, exited_on: dt.date) -> Worker:
    """The vendor records that its worker leaves the project (the exit is the employer's record, OPS-2); every
    access and item must be closed on this day (WRK-5). It answers the company's open exit requests."""
    worker = _lock(worker)
    if not actor.has_perm("workforce.record_exit", worker):
        if not actor.is_vendor_user:
            raise RuleViolation(
                ErrorCode.EXIT_BY_VENDOR,
                _("A worker's exit is the vendor's record (OPS-2): ask the vendor's site manager for it, with a reason "
                  "from the contract."),
                status=403,
            )  # fmt: skip
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("You may not record this worker's exit."), status=403)
    if worker.status not in (WorkerStatus.APPROVED, WorkerStatus.ON_SITE):
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only a worker approved or on site exits."))
    if exited_on is None or exited_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record the exit on or after the day it happens."), field="exited_on")
    if worker.entered_on and exited_on < worker.entered_on:
        raise RuleViolation(ErrorCode.DATES, _("The exit day is before the entry."), field="exited_on")
    WORKER_STATES.move(worker, WorkerStatus.EXITED)
    worker.exited_on = exited_on
    worker.stamp(actor)
    worker.save()
    asked = list(ExitRequest.objects.select_for_update().filter(worker=worker, answered_at__isnull=True))
    for request in asked:  # one by one, so that the audit trail records each answer
        request.answered_at, request.answered_by = timezone.now(), actor
        request.stamp(actor)
        request.save()
    recipients = dict.fromkeys([worker.project.owner_id, *(r.created_by_id for r in asked)])
    with company_language():
        send(
            Notice(recipient_id=user_id, title=_("Exit of %(worker)s recorded for %(date)s: close every access and "
                                                  "take back every item that day") % {"worker": worker.badge_number,
                                                                             "date": exited_on.isoformat()},
                   url=worker.get_absolute_url() + "#access", dedup_key=f"worker-exit:{worker.pk}")
            for user_id in recipients if user_id
        )  # fmt: skip
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


@transaction.atomic
def raise_request(
    *, actor: User, worker: Worker, subject: str, description: str, send_anyway: bool = False
) -> WorkerRequest:
    """An issue about a worker goes to the vendor's site manager as a recorded request: the company does not
    direct, discipline or time the worker itself (四不直接). A text that speaks of the worker's leave, pay,
    discipline, hiring or dismissal is refused with a warning until the writer sends it anyway; then the
    sending is recorded as a sign of direct management (OPS-2, RSK-3). The audit trail keeps the full text."""
    if not actor.has_perm("workforce.raise_request", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department raise requests."), status=403)
    if worker.is_storage_only:
        raise Conflict(ErrorCode.STORAGE_ONLY, _(
            "The record is kept in storage only (PIPL art. 47): no new request about this worker."))  # fmt: skip
    if not (subject or "").strip() or not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the subject and what the vendor should look at."),
                            field="description")  # fmt: skip
    hits = screening.check(subject, description, confirmed=send_anyway)
    request = WorkerRequest(worker=worker, subject=subject.strip(), description=description.strip())
    request.stamp(actor)
    request.save()
    screening.record_sign(document=request, purpose=REQUEST_SCREEN_PURPOSE, texts=[request.subject,
                          request.description], hits=hits, actor=actor, vendor_id=worker.vendor_id)  # fmt: skip
    with company_language():
        send(
            Notice(recipient_id=user_id, title=_("Request about %(worker)s: %(subject)s")
                   % {"worker": worker.badge_number, "subject": request.subject}, body=request.description,
                   url=worker.get_absolute_url() + "#requests", dedup_key=f"worker-request:{request.pk}")
            for user_id in portal_user_ids({worker.vendor_id}).get(worker.vendor_id, [])
        )  # fmt: skip
    return request


@transaction.atomic
def answer_request(*, actor: User, request: WorkerRequest, response: str) -> WorkerRequest:
    request = WorkerRequest.objects.select_for_update(of=("self",)).select_related("worker").get(pk=request.pk)
    if not actor.has_perm("workforce.answer_request", request.worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor's site manager answers."), status=403)
    if request.responded_at:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This request is already answered: raise a new one if needed."))
    if not (response or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the answer."), field="response")
    request.vendor_response = response.strip()
    request.responded_at, request.responded_by = timezone.now(), actor
    request.save()
    return request
