"""A worker's entry and exit on site (WRK-1, WRK-3, WRK-4, CST-1, CON-4, CON-9): the papers and gates HR's approval
waits for, HR's decision on documented grounds only, the real-name registration, the entry record, the exit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.attachments.selectors import attachments_for
from outsourcing.contracts.models import LIVE_STATUSES, ContractStatus
from outsourcing.contracts.selectors import confidentiality_in_force
from outsourcing.core import personal_data
from outsourcing.core.errors import Blocked, Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.timeutil import local, today
from outsourcing.org.models import User
from outsourcing.vendors.selectors import portal_user_ids
from outsourcing.workforce import idnumber
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.filing import ADULT_AGE, is_construction
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
    WorkerStatus,
)


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



def lock_worker(worker: Worker, *, status: str | None = None) -> Worker:
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
    worker = lock_worker(worker, status=WorkerStatus.FILED)
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
            tell_vendor(worker, _("Entry approved: %(worker)s"), note)
        else:
            body = "\n".join(part for part in (str(RefusalGround(ground).label), note) if part)
            tell_vendor(worker, _("Entry refused: %(worker)s"), body)
    return worker


def tell_vendor(worker: Worker, title: str, body: str = "") -> None:
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
    worker = lock_worker(worker)
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
    worker = lock_worker(worker, status=WorkerStatus.APPROVED)
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
    worker = lock_worker(worker)
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
