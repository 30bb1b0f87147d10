"""Qualification documents and what they mean for eligibility (VEN-2, VEN-7): a lapsed required licence
makes the vendor ineligible until renewed, by date alone, with nothing to switch back by hand.

The eligibility functions read `vendor.documents.all()` and `vendor.categories.all()`, so a list that
prefetches them (selectors.vendor_list) answers for every row at no extra query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.approvals.states import ApprovalState
from outsourcing.attachments import services as attachments
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors.errors import ErrorCode
from outsourcing.vendors.models import (
    LEGAL_ENTITY_TYPES,
    POOL_STATUSES,
    LicenceType,
    QualificationDocument,
    ServiceCategory,
    Vendor,
    VendorFileKind,
    VendorStatus,
)
from outsourcing.vendors.selectors import hr_people, warning_days

# The file type a document's scan is stored as, by licence type code.
FILE_KINDS = {
    "business_licence": VendorFileKind.BUSINESS_LICENCE,
    "safety_production": VendorFileKind.SAFETY_LICENCE,
}


def _check_actor(actor: User, vendor: Vendor) -> None:
    if not actor.has_perm("vendors.attach_qualificationdocument", vendor):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("You may not record documents of this vendor."), status=403)


def _clean(*, licence_type, number: str, issuer: str, valid_from, valid_until, scope: str) -> tuple[str, str, str]:
    number, issuer, scope = (number or "").strip(), (issuer or "").strip(), (scope or "").strip()
    if licence_type is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the type of the document."), field="licence_type")
    if not number:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the certificate number."), field="number")
    if not issuer:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in who issued the document."), field="issuer")
    if valid_from is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in the date the document is valid from."), field="valid_from")
    if valid_until is not None and valid_until < valid_from:
        raise RuleViolation(
            ErrorCode.VALIDITY_ORDER,
            _("The document expires (%(until)s) before it was issued (%(from)s).")
            % {"until": valid_until.isoformat(), "from": valid_from.isoformat()},
            field="valid_until",
        )
    return number, issuer, scope


@transaction.atomic
def add_document(
    *,
    actor: User,
    vendor: Vendor,
    licence_type: LicenceType,
    number: str,
    issuer: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    scope: str = "",
    upload: UploadedFile | None = None,
) -> QualificationDocument:
    """HR, or the vendor's own user, records a licence, qualification or certificate with its scan (VEN-2).

    A refused scan (wrong kind, too big) refuses the whole document: nothing is saved.
    """
    _check_actor(actor, vendor)
    number, issuer, scope = _clean(
        licence_type=licence_type,
        number=number,
        issuer=issuer,
        valid_from=valid_from,
        valid_until=valid_until,
        scope=scope,
    )
    if upload is None and actor.is_vendor_user:  # HR may record an original it has seen; a vendor shows it
        raise RuleViolation(
            ErrorCode.REQUIRED, _("Attach the scan of the document: HR checks it against the original."), field="file"
        )
    document = QualificationDocument(
        vendor=vendor,
        licence_type=licence_type,
        number=number,
        issuer=issuer,
        valid_from=valid_from,
        valid_until=valid_until,
        scope=scope,
    )
    if actor.has_perm("vendors.verify_qualificationdocument"):
        document.verified_by, document.verified_at = actor, timezone.now()
    document.stamp(actor)
    document.save()
    if upload is not None:
        kind = FILE_KINDS.get(licence_type.code, VendorFileKind.QUALIFICATION_CERTIFICATE)
        attachments.attach(actor=actor, document=document, upload=upload, kind=kind)
    if not document.is_verified:
        with company_language():
            _ask_hr_to_verify(document)
    return document


def _ask_hr_to_verify(document: QualificationDocument) -> None:
    send(
        Notice(
            recipient_id=person_id,
            title=_("%(vendor)s recorded %(document)s: verify it against the original")
            % {"vendor": document.vendor.name, "document": document.licence_type.name},
            body=_("It counts for the vendor's eligibility once HR has verified it."),
            url=document.get_absolute_url(),
            dedup_key=f"vendor-document-verify:{document.pk}",
        )
        for person_id in hr_people().values_list("pk", flat=True)
    )


@transaction.atomic
def verify_document(*, actor: User, document: QualificationDocument) -> QualificationDocument:
    """HR has checked a document the vendor recorded against the original; it now counts (VEN-2, ORG-3)."""
    if not actor.has_perm("vendors.verify_qualificationdocument"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR verifies qualification documents."), status=403)
    document = QualificationDocument.objects.select_for_update().get(pk=document.pk)
    if document.is_verified:
        raise Conflict(ErrorCode.ALREADY_VERIFIED, _("This document is already verified."))
    document.verified_by, document.verified_at = actor, timezone.now()
    document.stamp(actor)
    document.save()
    return document


@transaction.atomic
def update_document(
    *,
    actor: User,
    document: QualificationDocument,
    licence_type: LicenceType,
    number: str,
    issuer: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    scope: str = "",
) -> QualificationDocument:
    """HR corrects a document (a renewal is better recorded as a new document, which keeps the old one).

    The vendor's own user may add documents but not change one: a changed date would change eligibility.
    """
    document = QualificationDocument.objects.select_for_update().select_related("vendor").get(pk=document.pk)
    if not actor.has_perm("vendors.change_qualificationdocument", document):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR corrects a recorded document."), status=403)
    number, issuer, scope = _clean(
        licence_type=licence_type,
        number=number,
        issuer=issuer,
        valid_from=valid_from,
        valid_until=valid_until,
        scope=scope,
    )
    document.licence_type = licence_type
    document.number = number
    document.issuer = issuer
    document.valid_from = valid_from
    document.valid_until = valid_until
    document.scope = scope
    document.verified_by, document.verified_at = actor, timezone.now()
    document.stamp(actor)
    document.save()
    return document


# ---------------------------------------------------------------------------------------------------
# A document's standing on a day


@dataclass(frozen=True)
class Validity:
    state: str  # valid, expiring, expired, not_yet_valid
    label: str
    days_left: int | None = None

    @property
    def tone(self) -> str:
        return {"valid": "success", "expiring": "warning", "expired": "danger"}.get(self.state, "secondary")


STATE_LABELS = {
    "valid": gettext_lazy("Valid"),
    "expiring": gettext_lazy("Expiring"),
    "expired": gettext_lazy("Expired"),
    "not_yet_valid": gettext_lazy("Not yet valid"),
}


def is_valid_on(document: QualificationDocument, day: dt.date) -> bool:
    return document.valid_from <= day and (document.valid_until is None or document.valid_until >= day)


def validity(document: QualificationDocument, on: dt.date | None = None) -> Validity:
    day = on or today()
    if document.valid_from > day:
        state = "not_yet_valid"
    elif document.valid_until is not None and document.valid_until < day:
        state = "expired"
    elif document.valid_until is not None and (document.valid_until - day).days <= warning_days():
        state = "expiring"
    else:
        state = "valid"
    days_left = (document.valid_until - day).days if document.valid_until else None
    return Validity(state, str(STATE_LABELS[state]), days_left)


# ---------------------------------------------------------------------------------------------------
# Eligibility for sourcing


def required_licences(vendor: Vendor, category: ServiceCategory | None = None) -> list[LicenceType]:
    """The licence types the given category, or every category of the vendor, requires."""
    categories = [category] if category is not None else list(vendor.categories.all())
    seen: dict[int, LicenceType] = {}
    for each in categories:
        for licence in each.required_licences.all():
            seen.setdefault(licence.pk, licence)
    return sorted(seen.values(), key=lambda licence: (licence.is_certification, licence.name))


def lapsed_requirements(
    vendor: Vendor, category: ServiceCategory | None = None, on: dt.date | None = None
) -> list[Reason]:
    """A readable reason for each required licence type without a document valid on `on` (VEN-2)."""
    day = on or today()
    documents = list(vendor.documents.all())
    reasons = []
    for licence in required_licences(vendor, category):
        mine = [d for d in documents if d.licence_type_id == licence.pk]
        own = [d for d in mine if d.is_verified]
        if any(is_valid_on(d, day) for d in own):
            continue
        if any(is_valid_on(d, day) for d in mine):
            reasons.append(
                Reason(
                    ErrorCode.LICENCE_UNVERIFIED, _("%(licence)s awaits HR's verification") % {"licence": licence.name}
                )
            )
            continue
        expired = [d.valid_until for d in own if d.valid_until is not None and d.valid_until < day]
        if expired:
            reasons.append(
                Reason(
                    ErrorCode.LICENCE_EXPIRED,
                    _("%(licence)s expired on %(date)s") % {"licence": licence.name, "date": max(expired).isoformat()},
                )
            )
        elif own:
            first = min(d.valid_from for d in own)
            reasons.append(
                Reason(
                    ErrorCode.LICENCE_NOT_YET_VALID,
                    _("%(licence)s is valid only from %(date)s") % {"licence": licence.name, "date": first.isoformat()},
                )
            )
        else:
            reasons.append(Reason(ErrorCode.LICENCE_MISSING, _("%(licence)s is missing") % {"licence": licence.name}))
    return reasons


def status_reason(vendor: Vendor) -> str | None:
    """Why the vendor's status keeps it out of sourcing, or None when it is in the pool."""
    if vendor.status in POOL_STATUSES:
        return None
    if vendor.status == VendorStatus.PROSPECT:
        return _("The vendor has not passed the admission review (status: %(status)s).") % {
            "status": vendor.get_status_display()
        }
    return _("The vendor is %(status)s.") % {"status": vendor.get_status_display()}


def legal_entity_reason(vendor: Vendor) -> str | None:
    """VEN-7: only legal entities with a unified social credit code may be admitted."""
    if vendor.entity_type in LEGAL_ENTITY_TYPES:
        return None
    return str(LEGAL_ENTITY_REFUSAL)


LEGAL_ENTITY_REFUSAL = gettext_lazy(
    "Only a lawfully established organisation with a unified social credit code can be an outsourcing vendor. "
    "An individual (包工头) or an organisation without a credit code has no standing as an employer: the company "
    "would bear joint liability for the workers' wages and injuries (劳动合同法 art. 94; 法释〔2025〕12号 arts. 1–2)."
)


def scope_reasons(vendor: Vendor, category: ServiceCategory | None = None) -> list[Reason]:
    """VEN-7: the registered business scope must cover each service category (the category's keywords)."""
    categories = [category] if category is not None else list(vendor.categories.all())
    return [
        Reason(
            ErrorCode.SCOPE_NOT_COVERED,
            _("The business scope does not cover %(category)s (it should mention one of: %(words)s).")
            % {"category": each.name, "words": "、".join(each.keywords)},
        )
        for each in categories
        if not each.scope_covers(vendor.business_scope)
    ]


def ineligibility_reasons(
    vendor: Vendor, category: ServiceCategory | None = None, on: dt.date | None = None
) -> list[Reason]:
    """Why the vendor may not be invited to sourcing (for `category`) now; empty when it may (VEN-2, VEN-3)."""
    reasons = []
    status = status_reason(vendor)
    if status:
        reasons.append(Reason(ErrorCode.VENDOR_NOT_QUALIFIED, status))
    entity = legal_entity_reason(vendor)
    if entity:
        reasons.append(Reason(ErrorCode.NOT_A_LEGAL_ENTITY, entity))
    if category is not None and category.pk not in {c.pk for c in vendor.categories.all()}:
        reasons.append(
            Reason(
                ErrorCode.CATEGORY_NOT_REGISTERED,
                _("The vendor is not registered for the service category %(category)s.") % {"category": category.name},
            )
        )
    elif category is not None and not status and not _reviewed_for(vendor, category):
        reasons.append(
            Reason(
                ErrorCode.NOT_ADMITTED_FOR_CATEGORY,
                _("The vendor has no approved admission review or re-review for %(category)s.")
                % {"category": category.name},
            )
        )
    reasons.extend(scope_reasons(vendor, category))
    reasons.extend(lapsed_requirements(vendor, category, on))
    return reasons


def _reviewed_for(vendor: Vendor, category: ServiceCategory) -> bool:
    return vendor.reviews.filter(category=category, status=ApprovalState.APPROVED).exists()


def eligibility(vendor: Vendor, category: ServiceCategory | None = None, on: dt.date | None = None):
    """(eligible, reasons): may the vendor be invited to sourcing (for `category`) now?"""
    reasons = ineligibility_reasons(vendor, category, on)
    return (not reasons, reasons)
