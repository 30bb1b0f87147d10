"""After approval: signing and seal (用印), archive copies (CON-3); the confidentiality and information-
security agreement (CON-4); the performance bond (CON-5). Workers' special-operation certificates (CON-9)
belong to the workers (workforce/certificates.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.drafting import missing_clauses
from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import (
    CONTRACT_STATES,
    ArchiveCopy,
    ConfidentialityAgreement,
    Contract,
    ContractStatus,
    PerformanceBond,
)
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.numbering import next_number
from outsourcing.core.text import join_names
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.permissions import vendor_id_of


def _required(**values) -> None:
    for name, value in values.items():
        if not str(value or "").strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Fill in every field."), field=name)


@transaction.atomic
def record_signing(
    *,
    actor: User,
    contract: Contract,
    signed_on: dt.date,
    company_signatory: str,
    vendor_signatory: str,
    seal_record: str,
) -> Contract:
    """Both parties signed and the seal was applied by the company's rules (用印登记): the contract is in force."""
    if not actor.has_perm("contracts.sign_contracts"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal or procurement records the signing."), status=403)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.APPROVED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only an approved contract is signed."))
    _required(company_signatory=company_signatory, vendor_signatory=vendor_signatory, seal_record=seal_record)
    if signed_on is None or signed_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record a signing once it has happened."), field="signed_on")
    missing = missing_clauses(contract)
    if missing:  # the approved version must still carry every core clause (CON-2)
        raise Conflict(ErrorCode.REQUIRED, _("Core clauses missing: %(c)s.") % {"c": join_names(missing)})
    contract.signed_on = signed_on
    contract.company_signatory = company_signatory.strip()
    contract.vendor_signatory = vendor_signatory.strip()
    contract.seal_record = seal_record.strip()
    CONTRACT_STATES.move(contract, ContractStatus.ACTIVE)
    contract.stamp(actor)
    contract.save()
    return contract


@transaction.atomic
def vendor_confirms_signature(*, actor: User, contract: Contract) -> Contract:
    """The vendor's own user confirms in the portal that its company signed this version (CON-1)."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if vendor_id_of(actor) != contract.vendor_id:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the contracted vendor confirms its signature."), status=403)
    if contract.status not in (ContractStatus.APPROVED, ContractStatus.ACTIVE) or contract.vendor_signed_at:
        raise Conflict(ErrorCode.WRONG_STATUS, _("There is no signature of yours to confirm."))
    contract.vendor_signed_at = timezone.now()
    contract.save(update_fields=["vendor_signed_at", "updated_at"])
    return contract


@transaction.atomic
def record_archive_copy(
    *, actor: User, contract: Contract, holder: str, handed_over_on: dt.date, received_by: str
) -> ArchiveCopy:
    """One of the signed originals handed to the archive office, legal, finance or the business (P2 2.1(3))."""
    if not actor.has_perm("contracts.sign_contracts"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal or procurement keeps the archive record."), status=403)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.EXITING, ContractStatus.CLOSED):
        raise Conflict(ErrorCode.WRONG_STATUS, _("Copies are archived once the contract is signed."))
    if holder not in ArchiveCopy.Holder.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose who keeps the copy."), field="holder")
    _required(received_by=received_by)
    if handed_over_on is None or handed_over_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record a hand-over once it has happened."), field="handed_over_on")
    copy, _created = ArchiveCopy.objects.update_or_create(
        contract=contract,
        holder=holder,
        defaults={"handed_over_on": handed_over_on, "received_by": received_by.strip()},
    )
    return copy


# ---------------------------------------------------------------------------------------------------
# The confidentiality and information-security agreement (CON-4)


@transaction.atomic
def record_confidentiality_agreement(
    *,
    actor: User,
    vendor: Vendor,
    signed_on: dt.date,
    valid_from: dt.date,
    valid_until: dt.date | None,
    scope: str,
    contract: Contract | None = None,
) -> ConfidentialityAgreement:
    if not actor.has_perm("contracts.manage_agreements"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal or HR records confidentiality agreements."), status=403)
    _required(scope=scope)
    if signed_on is None or valid_from is None:
        raise RuleViolation(
            ErrorCode.DATES, _("Fill in when it was signed and from when it applies."), field="valid_from"
        )
    if signed_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record an agreement once it is signed."), field="signed_on")
    if valid_until is not None and valid_until < valid_from:
        raise RuleViolation(ErrorCode.DATES, _("The agreement ends before it starts."), field="valid_until")
    if contract is not None and contract.vendor_id != vendor.pk:
        raise RuleViolation(ErrorCode.REQUIRED, _("The contract is another vendor's."), field="contract")
    agreement = ConfidentialityAgreement(
        number=next_number("NDA"),
        vendor=vendor,
        contract=contract,
        signed_on=signed_on,
        valid_from=valid_from,
        valid_until=valid_until,
        scope=scope.strip(),
    )
    agreement.stamp(actor)
    agreement.save()
    return agreement


# ---------------------------------------------------------------------------------------------------
# Performance bond (CON-5)


@transaction.atomic
def record_bond(
    *, actor: User, contract: Contract, issuer: str, guarantee_number: str, amount: Decimal, issued_on, expires_on
) -> PerformanceBond:
    if not actor.has_perm("contracts.manage_agreements"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal or finance records performance bonds."), status=403)
    _required(issuer=issuer, guarantee_number=guarantee_number)
    if issued_on is None or expires_on is None or expires_on < issued_on:
        raise RuleViolation(ErrorCode.DATES, _("The guarantee expires before it is issued."), field="expires_on")
    try:
        amount = to_money(amount)
    except (TypeError, ValueError) as exc:
        raise RuleViolation(ErrorCode.AMOUNT, _("The amount must be an amount in yuan."), field="amount") from exc
    if amount <= 0:
        raise RuleViolation(ErrorCode.AMOUNT, _("The amount must be above zero."), field="amount")
    bond = PerformanceBond(
        contract=contract,
        issuer=issuer.strip(),
        guarantee_number=guarantee_number.strip(),
        amount=amount,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    bond.stamp(actor)
    bond.save()
    return bond
