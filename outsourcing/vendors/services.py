"""Every write to a vendor's master data, status, portal accounts and profile changes (VEN-1, VEN-5, VEN-7, ORG-3).

Documents live in qualification.py, admission reviews and due diligence in admission.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.text import required_text, within_length
from outsourcing.org import services as org_services
from outsourcing.org.models import Role, User, UserKind
from outsourcing.org.permissions import holds_role
from outsourcing.org.tokens import revoke_all_tokens
from outsourcing.vendors import creditcode
from outsourcing.vendors.errors import ErrorCode
from outsourcing.vendors.models import (
    LEGAL_ENTITY_TYPES,
    STATUS_CHANGES,
    Affiliate,
    ChangeRequestStatus,
    CompanySize,
    EntityType,
    ProfileChangeRequest,
    ServiceCategory,
    StatusChange,
    Vendor,
    VendorAccount,
    VendorStatus,
)
from outsourcing.vendors.qualification import LEGAL_ENTITY_REFUSAL
from outsourcing.vendors.selectors import hr_people


@dataclass
class VendorData:
    """The master data of a vendor (VEN-1) as HR enters or imports it."""

    name: str
    entity_type: str
    credit_code: str
    legal_representative: str
    business_scope: str
    address: str
    contact_name: str
    contact_phone: str
    categories: list[ServiceCategory] = field(default_factory=list)
    registered_capital: Decimal | None = None
    contact_email: str = ""
    bank_name: str = ""
    bank_account: str = ""
    company_size: str = ""
    internal_notes: str = ""


PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,24}(?:(?:转|ext\.?|x)\s*[0-9]{1,6})?$")
REQUIRED_TEXT = ("name", "legal_representative", "business_scope", "address", "contact_name", "contact_phone")
TEXT_FIELDS = (*REQUIRED_TEXT, "contact_email", "bank_name", "bank_account", "company_size", "internal_notes")


def _label(name: str) -> str:
    return str(Vendor._meta.get_field(name).verbose_name)


def _check(data: VendorData, *, exclude_pk: int | None = None) -> str:
    """Refuse bad master data with a readable reason; returns the normalised credit code."""
    if data.entity_type not in EntityType.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the vendor's entity type."), field="entity_type")
    if data.entity_type not in LEGAL_ENTITY_TYPES:
        raise RuleViolation(ErrorCode.NOT_LEGAL_ENTITY, LEGAL_ENTITY_REFUSAL, field="entity_type")
    for name in REQUIRED_TEXT:
        required_text(getattr(data, name), field=name, code=ErrorCode.REQUIRED,
                      message=_("Fill in “%(part)s”.") % {"part": _label(name)})  # fmt: skip
    for name in TEXT_FIELDS:  # the API and the import bring text no form has checked
        within_length(getattr(data, name), field=name, max_length=Vendor._meta.get_field(name).max_length,
                      label=_label(name), code=ErrorCode.TOO_LONG)  # fmt: skip
    if data.contact_email:
        try:
            validate_email(data.contact_email.strip())
        except ValidationError as exc:
            raise RuleViolation(
                ErrorCode.REQUIRED,
                _("“%(email)s” is not an e-mail address.") % {"email": data.contact_email},
                field="contact_email",
            ) from exc
    code = creditcode.normalise(data.credit_code)
    problem = credit_code_problem(code)
    if problem:
        kind = ErrorCode.NOT_LEGAL_ENTITY if not code else ErrorCode.CREDIT_CODE_INVALID
        raise RuleViolation(kind, problem, field="credit_code")
    if not PHONE.match(str(data.contact_phone).strip()):
        raise RuleViolation(
            ErrorCode.REQUIRED,
            _("“%(phone)s” is not a phone number (digits, spaces, + - ( ) and an extension).")
            % {"phone": data.contact_phone},
            field="contact_phone",
        )
    taken = Vendor.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
    if taken is not None:
        raise RuleViolation(
            ErrorCode.CREDIT_CODE_TAKEN,
            _("The credit code %(code)s already belongs to %(vendor)s (%(number)s).")
            % {"code": code, "vendor": taken.name, "number": taken.number},
            field="credit_code",
            status=409,
        )
    if data.registered_capital is not None:
        try:
            capital = to_money(data.registered_capital)
        except (TypeError, ValueError) as exc:
            raise RuleViolation(
                ErrorCode.AMOUNT, _("The registered capital must be an amount in yuan."), field="registered_capital"
            ) from exc
        if capital < 0:
            raise RuleViolation(
                ErrorCode.AMOUNT, _("The registered capital cannot be negative."), field="registered_capital"
            )
    if data.company_size and data.company_size not in CompanySize.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose a company size from the list."), field="company_size")
    if not data.categories:
        raise RuleViolation(
            ErrorCode.CATEGORY, _("Choose at least one service category the vendor offers."), field="categories"
        )
    return code


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a unified social credit code, in words, or None (VEN-1, VEN-7)."""
    code = creditcode.normalise(code)
    if not code:
        return _("Fill in the unified social credit code: without one the vendor cannot be admitted. %(why)s") % {
            "why": LEGAL_ENTITY_REFUSAL
        }
    if not creditcode.is_valid(code):
        return _(
            "“%(code)s” is not a valid unified social credit code: it needs 18 characters (digits and capital "
            "letters except I, O, Z, S, V) and a correct check character (GB 32100)."
        ) % {"code": code}
    return None


def matching_affiliate(*, name: str, credit_code: str, affiliates=None) -> Affiliate | None:
    """The affiliate (劳动合同法 art. 67) a vendor matches: by credit code first, else by exact name."""
    name = (name or "").strip()
    if affiliates is None:
        condition = Q(name=name) | (Q(credit_code=credit_code) if credit_code else Q(pk__in=[]))
        affiliates = Affiliate.objects.filter(condition).order_by("pk")
    candidates = list(affiliates)
    by_code = [a for a in candidates if credit_code and a.credit_code == credit_code]
    by_name = [a for a in candidates if a.name == name]
    return (by_code or by_name or [None])[0]


def _apply(vendor: Vendor, data: VendorData, code: str) -> None:
    for name in TEXT_FIELDS:
        setattr(vendor, name, str(getattr(data, name) or "").strip())
    vendor.entity_type = data.entity_type
    vendor.credit_code = code
    vendor.registered_capital = to_money(data.registered_capital) if data.registered_capital is not None else None
    vendor.affiliate = matching_affiliate(name=vendor.name, credit_code=code)


@transaction.atomic
def register_vendor(*, actor: User, data: VendorData) -> Vendor:
    """HR enters a vendor into the pool as a prospect (潜在) (VEN-1, VEN-7)."""
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR registers vendors."))
    code = _check(data)
    vendor = Vendor(number=next_number("VEN"), status=VendorStatus.PROSPECT)
    _apply(vendor, data, code)
    vendor.stamp(actor)
    try:
        with transaction.atomic():
            vendor.save()
    except IntegrityError as exc:  # the same code saved by someone else a moment ago
        raise Conflict(
            ErrorCode.CREDIT_CODE_TAKEN,
            _("The credit code %(code)s was just registered by someone else.") % {"code": code},
            field="credit_code",
        ) from exc
    vendor.categories.set(data.categories)
    StatusChange.objects.create(
        vendor=vendor, from_status="", to_status=VendorStatus.PROSPECT, reason=_("Registered"), changed_by=actor
    )
    return vendor


@transaction.atomic
def update_vendor(*, actor: User, vendor: Vendor, data: VendorData) -> Vendor:
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR changes a vendor's master data."))
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    code = _check(data, exclude_pk=vendor.pk)
    _apply(vendor, data, code)
    vendor.stamp(actor)
    vendor.save()
    vendor.categories.set(data.categories)
    return vendor


# ---------------------------------------------------------------------------------------------------
# Status (VEN-5)


def allowed_status_changes(user, vendor: Vendor) -> list[str]:
    """The statuses `user` may move `vendor` to by hand, in the order of the choices."""
    if not getattr(user, "is_authenticated", False) or user.kind != UserKind.INTERNAL:
        return []
    return [
        to
        for (frm, to), roles in STATUS_CHANGES.items()
        if frm == vendor.status and any(holds_role(user, role) for role in roles)
    ]


def record_status(*, vendor: Vendor, to_status: str, reason: str, actor: User | None) -> None:
    """Write the status and its history row; callers have checked the change is allowed."""
    StatusChange.objects.create(
        vendor=vendor, from_status=vendor.status, to_status=to_status, reason=reason, changed_by=actor
    )
    vendor.status = to_status
    vendor.stamp(actor)
    vendor.save()


@transaction.atomic
def change_status(*, actor: User, vendor: Vendor, to_status: str, reason: str) -> Vendor:
    """Suspend, reinstate, remove (blacklist), or move between the qualified and strategic tiers."""
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    reason = (reason or "").strip()
    if to_status not in VendorStatus.values or (vendor.status, to_status) not in STATUS_CHANGES:
        target = VendorStatus(to_status).label if to_status in VendorStatus.values else to_status
        hint = (
            _(" A prospect is admitted only by an approved admission review.")
            if vendor.status == VendorStatus.PROSPECT and to_status == VendorStatus.QUALIFIED
            else ""
        )
        raise Conflict(
            ErrorCode.STATUS_CHANGE,
            _("A vendor that is %(status)s cannot be set to %(target)s.%(hint)s")
            % {"status": vendor.get_status_display(), "target": target, "hint": hint},
            field="to_status",
        )
    if to_status not in allowed_status_changes(actor, vendor):
        roles = "、".join(str(Role(r).label) for r in sorted(STATUS_CHANGES[(vendor.status, to_status)]))
        raise RuleViolation(
            ErrorCode.NOT_ALLOWED,
            _("Only %(roles)s may set a vendor to %(target)s.")
            % {"roles": roles, "target": VendorStatus(to_status).label},
            field="to_status",
        )
    if not reason:
        raise RuleViolation(ErrorCode.REASON_REQUIRED, _("Give the reason for the change."), field="reason")
    record_status(vendor=vendor, to_status=to_status, reason=reason, actor=actor)
    if to_status == VendorStatus.REMOVED:
        # A blacklisted vendor's people no longer log in; their accounts stay for the record.
        for account in vendor.accounts.select_related("user").filter(user__is_active=True):
            account.user.is_active = False
            account.user.save(update_fields=["is_active"])
            revoke_all_tokens(user=account.user)
    return vendor


# ---------------------------------------------------------------------------------------------------
# Portal accounts (ORG-3)


@transaction.atomic
def create_vendor_account(
    *, actor: User, vendor: Vendor, username: str, full_name: str, password: str, email: str = "", phone: str = ""
) -> User:
    """HR opens a portal account for the vendor's site manager; it belongs to this vendor only."""
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR creates vendor accounts."))
    if vendor.status == VendorStatus.REMOVED:
        raise Conflict(ErrorCode.NOT_ALLOWED, _("A removed vendor gets no portal accounts."))
    if not (full_name or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the person's full name."), field="full_name")
    user = org_services.create_user(
        actor=actor,
        username=username,
        full_name=full_name,
        password=password,
        kind=UserKind.VENDOR,
        email=email,
        phone=phone,
        title=_("Vendor site manager"),
        roles=[org_services.RoleGrant(Role.VENDOR_MANAGER, None)],
    )
    VendorAccount.objects.create(user=user, vendor=vendor)
    return user


def link_account(*, user: User, vendor: Vendor) -> VendorAccount:
    """Attach an existing vendor user to their vendor (demo data: the fixed vendor1 and vendor2)."""
    if user.kind != UserKind.VENDOR:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only vendor users belong to a vendor."))
    account, _created = VendorAccount.objects.get_or_create(user=user, defaults={"vendor": vendor})
    if account.vendor_id != vendor.pk:
        raise Conflict(ErrorCode.NOT_ALLOWED, _("This user already belongs to another vendor."))
    return account


# ---------------------------------------------------------------------------------------------------
# Profile changes asked by the vendor, confirmed by HR (ORG-3)

# What a vendor's own user may ask to change; the name and credit code change only through HR.
PORTAL_EDITABLE = (
    "legal_representative",
    "registered_capital",
    "business_scope",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "bank_name",
    "bank_account",
    "company_size",
)


def _shown(value) -> str:
    return "" if value is None else str(value)


@transaction.atomic
def request_profile_change(*, actor: User, vendor: Vendor, changes: dict) -> ProfileChangeRequest:
    """The vendor's user proposes new values; nothing changes until HR confirms."""
    if not actor.has_perm("vendors.request_profile_change", vendor):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("You may ask changes only for your own company."), status=403)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)  # one pending request at a time, even at once
    if ProfileChangeRequest.objects.filter(vendor=vendor, status=ChangeRequestStatus.PENDING).exists():
        raise Conflict(
            ErrorCode.NOT_PENDING, _("A change request of your company is already waiting for HR; wait for it.")
        )
    proposed = {}
    for name, value in changes.items():
        if name not in PORTAL_EDITABLE:
            continue
        if name == "registered_capital" and value not in (None, ""):
            try:
                value = _shown(to_money(value))
            except (TypeError, ValueError) as exc:
                raise RuleViolation(
                    ErrorCode.AMOUNT, _("The registered capital must be an amount in yuan."), field=name
                ) from exc
        new, old = _shown(value).strip(), _shown(getattr(vendor, name)).strip()
        if new != old:
            proposed[name] = {"from": old, "to": new}
    if not proposed:
        raise RuleViolation(ErrorCode.NOTHING_CHANGED, _("Nothing differs from the current data."))
    # The result must still be valid master data: check it as HR would enter it.
    data = vendor_data_of(vendor)
    for name, change in proposed.items():
        setattr(
            data,
            name,
            (Decimal(change["to"]) if change["to"] else None) if name == "registered_capital" else change["to"],
        )
    _check(data, exclude_pk=vendor.pk)
    request = ProfileChangeRequest.objects.create(vendor=vendor, changes=proposed, requested_by=actor)
    with company_language():
        _tell_hr(request, proposed)
    return request


def _tell_hr(request: ProfileChangeRequest, proposed: dict) -> None:
    vendor = request.vendor
    send(
        Notice(
            recipient_id=person.pk,
            title=_("%(vendor)s asks to change its master data") % {"vendor": vendor.name},
            body="\n".join(f"{_label(n)}: {c['from'] or '—'} → {c['to'] or '—'}" for n, c in proposed.items()),
            url=vendor.get_absolute_url() + "#change-requests",
            dedup_key=f"vendor-change-request:{request.pk}",
        )
        for person in hr_people()
    )


def _with_changes(vendor: Vendor, changes: dict) -> VendorData:
    """The vendor's master data with a change request's new values applied."""
    data = vendor_data_of(vendor)
    for name, change in changes.items():
        value = change["to"]
        setattr(data, name, (Decimal(value) if value else None) if name == "registered_capital" else value)
    return data


def vendor_data_of(vendor: Vendor) -> VendorData:
    values = {f.name: getattr(vendor, f.name) for f in fields(VendorData) if f.name != "categories"}
    return VendorData(**values, categories=list(vendor.categories.all()))


@transaction.atomic
def decide_profile_change(
    *, actor: User, request: ProfileChangeRequest, confirm: bool, note: str = ""
) -> ProfileChangeRequest:
    """HR confirms (the values apply, audited) or rejects (with a note the vendor reads)."""
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR confirms changes of a vendor's master data."))
    request = ProfileChangeRequest.objects.select_for_update().select_related("vendor").get(pk=request.pk)
    if request.status != ChangeRequestStatus.PENDING:
        raise Conflict(ErrorCode.NOT_PENDING, _("This change request was already decided."))
    note = (note or "").strip()
    if not confirm and not note:
        raise RuleViolation(ErrorCode.REASON_REQUIRED, _("Tell the vendor why the change is rejected."), field="note")
    if confirm:
        update_vendor(actor=actor, vendor=request.vendor, data=_with_changes(request.vendor, request.changes))
    request.status = ChangeRequestStatus.CONFIRMED if confirm else ChangeRequestStatus.REJECTED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()
    with company_language():
        title = _("HR confirmed your change of %(vendor)s") if confirm else _("HR rejected your change of %(vendor)s")
        send(
            [
                Notice(
                    recipient_id=request.requested_by_id,
                    title=title % {"vendor": request.vendor.name},
                    body=note,
                    url=reverse("vendors:portal"),
                    dedup_key=f"vendor-change-decided:{request.pk}",
                )
            ]
        )
    return request
