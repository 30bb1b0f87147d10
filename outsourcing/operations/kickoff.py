"""The kick-off after signing (项目启动会, P2 2.2(1), OPS-4): goals, the communication plan and both sides'
interface persons (接口人, P3§4 措施3); later changes of an interface person keep the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.operations.errors import ErrorCode
from outsourcing.operations.models import InterfacePerson, KickOff, Side
from outsourcing.org.models import User, UserKind
from outsourcing.vendors.permissions import vendor_id_of


@dataclass(frozen=True)
class InterfacePersonData:
    person: User
    responsibility: str


def side_of(person: User, contract: Contract) -> str | None:
    """COMPANY for active staff, VENDOR for the contract's vendor's own active users, None for anyone else."""
    if person is None or not person.is_active:
        return None
    if person.kind == UserKind.INTERNAL:
        return Side.COMPANY
    return Side.VENDOR if vendor_id_of(person) == contract.vendor_id else None


def _check_persons(contract: Contract, persons: list[InterfacePersonData]) -> list[tuple[str, InterfacePersonData]]:
    placed = []
    for entry in persons:
        side = side_of(entry.person, contract)
        if side is None:
            raise RuleViolation(ErrorCode.NOT_A_PARTY,
                                _("%(name)s is neither company staff nor a user of %(vendor)s.")
                                % {"name": entry.person.get_full_name(), "vendor": contract.vendor.name},
                                field="interface_persons")  # fmt: skip
        if not entry.responsibility.strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Say what %(name)s is the interface for.")
                                % {"name": entry.person.get_full_name()}, field="interface_persons")  # fmt: skip
        placed.append((side, entry))
    if len({entry.person.pk for _side, entry in placed}) != len(placed):
        raise RuleViolation(ErrorCode.INTERFACE_PERSONS, _("Name each interface person once."),
                            field="interface_persons")  # fmt: skip
    if {side for side, _entry in placed} != {Side.COMPANY, Side.VENDOR}:
        raise RuleViolation(ErrorCode.INTERFACE_PERSONS,
                            _("Name at least one interface person on each side: the company's and the vendor's."),
                            field="interface_persons")  # fmt: skip
    return placed


@transaction.atomic
def record_kickoff(*, actor: User, contract: Contract, held_on: dt.date, goals: str, communication_plan: str,
                   interface_persons: list[InterfacePersonData], attendees: str = "") -> KickOff:  # fmt: skip
    """Record the kick-off of a signed contract with both sides' interface persons (OPS-4)."""
    if not actor.has_perm("operations.hold_meeting", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR records the kick-off."),
                            status=403)  # fmt: skip
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in LIVE_STATUSES or contract.signed_on is None:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("The kick-off follows the signing: %(contract)s is not "
                            "signed and in force.") % {"contract": contract.number}, field="contract")  # fmt: skip
    if KickOff.objects.filter(contract=contract).exists():
        raise Conflict(ErrorCode.DUPLICATE, _("%(contract)s already has its kick-off: change an interface person "
                       "on the kick-off's page instead.") % {"contract": contract.number})  # fmt: skip
    if held_on is None or held_on < contract.signed_on or held_on > today():
        raise RuleViolation(ErrorCode.DATES, _("The kick-off is held after the signing (%(signed)s) and not in the "
                            "future.") % {"signed": contract.signed_on.isoformat()}, field="held_on")  # fmt: skip
    for field, value, label in (("goals", goals, _("the goals")),
                                ("communication_plan", communication_plan, _("the communication plan"))):  # fmt: skip
        required_text(value, field=field, code=ErrorCode.REQUIRED, message=_("Write %(what)s.") % {"what": label})
    placed = _check_persons(contract, interface_persons)
    kickoff = KickOff(contract=contract, held_on=held_on, goals=goals.strip(),
                      communication_plan=communication_plan.strip(), attendees=(attendees or "").strip())  # fmt: skip
    kickoff.stamp(actor)
    try:
        with transaction.atomic():
            kickoff.save()
    except IntegrityError as exc:  # a concurrent kick-off of the same contract
        raise Conflict(ErrorCode.DUPLICATE, _("%(contract)s already has its kick-off.")
                       % {"contract": contract.number}) from exc  # fmt: skip
    # Anyone named before the kick-off (there is no such path today) is superseded by the kick-off's list.
    InterfacePerson.objects.filter(contract=contract, until__isnull=True).update(until=held_on)
    for side, entry in placed:
        person = InterfacePerson(contract=contract, side=side, person=entry.person,
                                 responsibility=entry.responsibility.strip(), since=held_on)  # fmt: skip
        person.stamp(actor)
        person.save()
    return kickoff


@transaction.atomic
def replace_interface_person(*, actor: User, current: InterfacePerson, successor: User, responsibility: str,
                             since: dt.date) -> InterfacePerson:  # fmt: skip
    """Hand one side's interface role to someone else from a day; the predecessor's period is kept."""
    current = InterfacePerson.objects.select_for_update().select_related("contract").get(pk=current.pk)
    contract = current.contract
    if not actor.has_perm("operations.hold_meeting", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR changes interface persons."),
                            status=403)  # fmt: skip
    if current.until is not None:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(name)s is no longer an interface person.")
                       % {"name": current.person.get_full_name()})  # fmt: skip
    if side_of(successor, contract) != current.side:
        raise RuleViolation(ErrorCode.NOT_A_PARTY, _("The successor must be on the same side (%(side)s).")
                            % {"side": current.get_side_display()}, field="successor")  # fmt: skip
    if since is None or since < current.since or since > today():
        raise RuleViolation(ErrorCode.DATES, _("The change takes effect between %(start)s and today.")
                            % {"start": current.since.isoformat()}, field="since")  # fmt: skip
    if not (responsibility or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what the interface person is responsible for."),
                            field="responsibility")  # fmt: skip
    if InterfacePerson.objects.filter(contract=contract, person=successor, until__isnull=True).exists():
        raise Conflict(ErrorCode.DUPLICATE, _("%(name)s is already an interface person of this contract.")
                       % {"name": successor.get_full_name()}, field="successor")  # fmt: skip
    current.until = since
    current.stamp(actor)
    current.save()
    successor_row = InterfacePerson(contract=contract, side=current.side, person=successor,
                                    responsibility=responsibility.strip(), since=since)  # fmt: skip
    successor_row.stamp(actor)
    successor_row.save()
    return successor_row
