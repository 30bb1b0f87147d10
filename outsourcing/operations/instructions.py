"""Work instructions (工作指令, OPS-1): the project's department tells the vendor's site manager what the service
needs, with a due date; the site manager acknowledges and reports completion in the portal. Never addressed to
a worker; a text that speaks of managing the vendor's people is warned about and, sent anyway, recorded as a
sign of direct management (core.screening, RSK-3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core import screening
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.operations.errors import ErrorCode
from outsourcing.operations.models import InstructionStatus, WorkInstruction
from outsourcing.operations.selectors import site_managers
from outsourcing.org.models import User

SCREEN_PURPOSE = "operations.work_instruction"


def acknowledge_days() -> int:
    """Days the site manager has to acknowledge an instruction (settings.OPERATIONS_ACKNOWLEDGE_DAYS)."""
    return int(getattr(settings, "OPERATIONS_ACKNOWLEDGE_DAYS", 2))


@dataclass
class InstructionData:
    contract: Contract
    addressee: User | None
    subject: str
    content: str
    due_date: dt.date | None
    issued_on: dt.date | None = None
    send_anyway: bool = False


def _check(data: InstructionData, actor: User) -> tuple[dt.date, dt.date]:
    contract = data.contract
    if not actor.has_perm("operations.issue_instruction", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department issues work instructions."),
                            status=403)  # fmt: skip
    if contract.status not in LIVE_STATUSES:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE,
                            _("%(contract)s is not in force: instructions go only under a signed contract in force.")
                            % {"contract": contract.number}, field="contract")  # fmt: skip
    managers = list(site_managers(contract.vendor_id))
    if data.addressee is None or data.addressee.pk not in {m.pk for m in managers}:
        names = "、".join(m.get_full_name() for m in managers) or _("none registered")
        raise RuleViolation(
            ErrorCode.NOT_SITE_MANAGER,
            _("A work instruction goes to the vendor's site manager, never to a worker or anyone else. The site "
              "managers of %(vendor)s: %(names)s.") % {"vendor": contract.vendor.name, "names": names},
            field="addressee",
        )  # fmt: skip
    for field, value, label in (("subject", data.subject, _("the subject")),
                                ("content", data.content, _("the instruction"))):  # fmt: skip
        if not (value or "").strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Write %(what)s.") % {"what": label}, field=field)
    issued_on = data.issued_on or today()
    if issued_on > today():
        raise RuleViolation(ErrorCode.DATES, _("The instruction date cannot be in the future."), field="issued_on")
    if issued_on < contract.start_date:
        raise RuleViolation(ErrorCode.DATES, _("The instruction date is before the contract starts (%(start)s).")
                            % {"start": contract.start_date.isoformat()}, field="issued_on")  # fmt: skip
    if data.due_date is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the due date."), field="due_date")
    if data.due_date < issued_on:
        raise RuleViolation(ErrorCode.DATES, _("The due date (%(due)s) is before the instruction date (%(date)s).")
                            % {"due": data.due_date.isoformat(), "date": issued_on.isoformat()},
                            field="due_date")  # fmt: skip
    if data.due_date > contract.end_date:
        raise RuleViolation(ErrorCode.DATES, _("The due date is after the contract ends (%(end)s).")
                            % {"end": contract.end_date.isoformat()}, field="due_date")  # fmt: skip
    return issued_on, min(issued_on + dt.timedelta(days=acknowledge_days()), data.due_date)


@transaction.atomic
def issue_instruction(*, actor: User, data: InstructionData) -> WorkInstruction:
    """Issue an instruction to the vendor's site manager; the text screen warns first (OPS-1, OPS-2)."""
    issued_on, acknowledge_by = _check(data, actor)
    hits = screening.check(data.subject, data.content, confirmed=data.send_anyway)
    instruction = WorkInstruction(
        number=next_number("INS"), contract=data.contract, addressee=data.addressee, subject=data.subject.strip(),
        content=data.content.strip(), issued_on=issued_on, acknowledge_by=acknowledge_by, due_date=data.due_date,
        screen_findings=[hit.as_dict() for hit in hits],
    )  # fmt: skip
    instruction.stamp(actor)
    instruction.save()
    screening.record_sign(document=instruction, purpose=SCREEN_PURPOSE, texts=[instruction.subject,
                          instruction.content], hits=hits, actor=actor, vendor_id=data.contract.vendor_id)  # fmt: skip
    with company_language():
        send([Notice(recipient_id=instruction.addressee_id,
                     title=_("Work instruction %(number)s: %(subject)s (acknowledge by %(day)s)")
                     % {"number": instruction.number, "subject": instruction.subject,
                        "day": acknowledge_by.isoformat()},
                     body=instruction.content, url=instruction.get_absolute_url(),
                     dedup_key=f"instruction-issued:{instruction.pk}")])  # fmt: skip
    return instruction


def _lock(instruction: WorkInstruction) -> WorkInstruction:
    return WorkInstruction.objects.select_for_update(of=("self",)).select_related("contract__project").get(
        pk=instruction.pk
    )


def _site_manager_only(actor: User, instruction: WorkInstruction, message) -> None:
    if not actor.has_perm("operations.answer_instruction", instruction):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, message, status=403)


@transaction.atomic
def acknowledge_instruction(*, actor: User, instruction: WorkInstruction) -> WorkInstruction:
    """The vendor's site manager confirms it received the instruction and will act on it."""
    instruction = _lock(instruction)
    _site_manager_only(actor, instruction, _("The vendor's site manager acknowledges instructions."))
    if instruction.status != InstructionStatus.ISSUED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(number)s is already acknowledged.")
                       % {"number": instruction.number})  # fmt: skip
    instruction.status = InstructionStatus.ACKNOWLEDGED
    instruction.acknowledged_at, instruction.acknowledged_by = timezone.now(), actor
    instruction.stamp(actor)
    instruction.save()
    return instruction


@transaction.atomic
def complete_instruction(*, actor: User, instruction: WorkInstruction, report: str) -> WorkInstruction:
    """The site manager reports what was done; the issuer is told."""
    instruction = _lock(instruction)
    _site_manager_only(actor, instruction, _("The vendor's site manager reports completion."))
    if instruction.status != InstructionStatus.ACKNOWLEDGED:
        message = (_("Acknowledge %(number)s before reporting its completion.")
                   if instruction.status == InstructionStatus.ISSUED
                   else _("%(number)s is already reported complete."))  # fmt: skip
        raise Conflict(ErrorCode.WRONG_STATUS, message % {"number": instruction.number})
    if not (report or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what was done."), field="report")
    instruction.status = InstructionStatus.COMPLETED
    instruction.completion_report = report.strip()
    instruction.completed_at, instruction.completed_by = timezone.now(), actor
    instruction.stamp(actor)
    instruction.save()
    with company_language():
        send([Notice(recipient_id=instruction.created_by_id,
                     title=_("%(number)s reported complete by %(vendor)s")
                     % {"number": instruction.number, "vendor": instruction.contract.vendor.name},
                     body=instruction.completion_report, url=instruction.get_absolute_url(),
                     dedup_key=f"instruction-completed:{instruction.pk}")])  # fmt: skip
    return instruction
