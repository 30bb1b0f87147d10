"""The qualified vendor pool (合格外包商资源库): vendors, their documents, admission and status (VEN-1..VEN-7)."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField


class LicenceType(models.Model):
    """A kind of licence, qualification or certification (营业执照, 安全生产许可证, ISO 9001 …)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_certification = models.BooleanField(_("certification (not a legal licence)"), default=False)

    class Meta:
        verbose_name = _("licence type")
        verbose_name_plural = _("licence types")
        ordering = ["is_certification", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceCategory(TrackedModel):
    """A kind of outsourced service, kept by the administrator, naming the licences it requires."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    required_licences = models.ManyToManyField(
        LicenceType, verbose_name=_("required licences"), blank=True, related_name="categories"
    )
    scope_keywords = models.CharField(
        _("business-scope keywords"),
        max_length=300,
        blank=True,
        help_text=_(
            "Words of which the vendor's registered business scope must contain at least one, separated by "
            "commas, e.g. 劳务分包, 施工劳务. Empty: any business scope."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def keywords(self) -> list[str]:
        return [w.strip() for w in re.split(r"[,，、;；\s]+", self.scope_keywords or "") if w.strip()]

    def scope_covers(self, business_scope: str) -> bool:
        """Does a registered business scope cover this category (VEN-7)?"""
        return not self.keywords or any(word in (business_scope or "") for word in self.keywords)


class Affiliate(TrackedModel):
    """A company the company or its affiliates have invested in (劳动合同法 art. 67 warns about these)."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    relation = models.CharField(_("relation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("affiliate")
        verbose_name_plural = _("affiliates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VendorFileKind(models.TextChoices):
    """The vendor's papers a file can be (registered with the attachments engine; all are scans)."""

    BUSINESS_LICENCE = "business_licence", _("Business licence")
    QUALIFICATION_CERTIFICATE = "qualification_certificate", _("Qualification certificate")
    SAFETY_LICENCE = "safety_licence", _("Work safety licence")


class EntityType(models.TextChoices):
    COMPANY = "company", _("Company (legal person)")
    PARTNERSHIP = "partnership", _("Partnership or other organisation with a credit code")
    INDIVIDUAL = "individual", _("Individual or labour contractor (包工头)")
    NO_CODE = "no_code", _("Organisation without a unified social credit code")


LEGAL_ENTITY_TYPES = frozenset({EntityType.COMPANY, EntityType.PARTNERSHIP})


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro (under 10 staff)")
    SMALL = "small", _("Small (10–99)")
    MEDIUM = "medium", _("Medium (100–999)")
    LARGE = "large", _("Large (1,000 and more)")


class VendorStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    QUALIFIED = "qualified", _("Qualified")
    STRATEGIC = "strategic", _("Strategic")
    SUSPENDED = "suspended", _("Suspended")
    REMOVED = "removed", _("Removed (blacklisted)")


# Allowed status changes by hand and who may make them (VEN-5). Admission (prospect → qualified) is
# not here: only an approved admission review admits a vendor. HR keeps the pool (P1§5(一)3); the
# strategic tier (P4§8) is management's decision.
_HR_OR_MANAGEMENT = frozenset({"hr", "management"})
STATUS_CHANGES: dict[tuple[str, str], frozenset[str]] = {
    (VendorStatus.PROSPECT, VendorStatus.REMOVED): _HR_OR_MANAGEMENT,
    (VendorStatus.QUALIFIED, VendorStatus.STRATEGIC): frozenset({"management"}),
    (VendorStatus.QUALIFIED, VendorStatus.SUSPENDED): _HR_OR_MANAGEMENT,
    (VendorStatus.QUALIFIED, VendorStatus.REMOVED): _HR_OR_MANAGEMENT,
    (VendorStatus.STRATEGIC, VendorStatus.QUALIFIED): frozenset({"management"}),
    (VendorStatus.STRATEGIC, VendorStatus.SUSPENDED): _HR_OR_MANAGEMENT,
    (VendorStatus.STRATEGIC, VendorStatus.REMOVED): _HR_OR_MANAGEMENT,
    (VendorStatus.SUSPENDED, VendorStatus.QUALIFIED): _HR_OR_MANAGEMENT,
    (VendorStatus.SUSPENDED, VendorStatus.REMOVED): _HR_OR_MANAGEMENT,
}
POOL_STATUSES = frozenset({VendorStatus.QUALIFIED, VendorStatus.STRATEGIC})


class Vendor(TrackedModel):
    """An outsourcing vendor (外包商): master data (VEN-1) and its place in the pool (VEN-5)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    name = models.CharField(_("legal name"), max_length=200)
    entity_type = models.CharField(_("entity type"), max_length=20, choices=EntityType.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50)
    registered_capital = MoneyField(_("registered capital"), null=True, blank=True)
    business_scope = models.TextField(_("business scope"))
    address = models.CharField(_("registered address"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40, blank=True)
    company_size = models.CharField(_("company size"), max_length=20, choices=CompanySize.choices, blank=True)
    categories = models.ManyToManyField(
        ServiceCategory, verbose_name=_("service categories"), blank=True, related_name="vendors"
    )
    status = models.CharField(_("status"), max_length=20, choices=VendorStatus.choices, default=VendorStatus.PROSPECT)
    affiliate = models.ForeignKey(
        Affiliate,
        verbose_name=_("matches affiliate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vendors",
    )
    admitted_at = models.DateTimeField(_("admitted at"), null=True, blank=True)
    next_review_due = models.DateField(_("annual re-review due"), null=True, blank=True)
    internal_notes = models.TextField(_("internal notes (never shown to the vendor)"), blank=True)

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vendors:detail", args=[self.pk])

    @property
    def in_pool(self) -> bool:
        return self.status in POOL_STATUSES


class VendorAccount(models.Model):
    """A vendor user's link to their one vendor (ORG-3: exactly one, enforced by the one-to-one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="vendor_account"
    )
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="accounts")

    class Meta:
        verbose_name = _("vendor account")
        verbose_name_plural = _("vendor accounts")

    def __str__(self) -> str:
        return f"{self.user} · {self.vendor}"


class QualificationDocument(TrackedModel):
    """A licence, qualification or certificate of a vendor, with its validity (VEN-2)."""

    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="documents")
    licence_type = models.ForeignKey(
        LicenceType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("certificate number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: no expiry date."))
    scope = models.CharField(_("scope or grade"), max_length=300, blank=True)
    # A document the vendor's own user records counts for eligibility only once HR has checked it against
    # the original (ORG-3: the vendor cannot make itself eligible); HR's own entries are verified at once.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification document")
        verbose_name_plural = _("qualification documents")
        ordering = ["vendor_id", "licence_type__name", "-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="qualification_validity_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.licence_type} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("vendors:document_detail", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class StatusChange(models.Model):
    """One change of a vendor's status with its reason (VEN-5): the vendor's status history."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=VendorStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=VendorStatus.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vendor status change")
        verbose_name_plural = _("vendor status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.vendor}: {self.from_status} → {self.to_status}"


OPEN_REVIEW_STATUSES = frozenset({ApprovalState.DRAFT, ApprovalState.IN_APPROVAL, ApprovalState.RETURNED})
EDITABLE_REVIEW_STATUSES = frozenset({ApprovalState.DRAFT, ApprovalState.RETURNED})


class ReviewKind(models.TextChoices):
    ADMISSION = "admission", _("Admission review")
    ANNUAL = "annual", _("Annual re-review")


class Criterion(models.TextChoices):
    """The five admission criteria of the policy (P1§6)."""

    LEGAL_ENTITY = "legal_entity", _("Independent legal person with a valid business licence")
    QUALIFICATIONS = "qualifications", _("Industry qualifications, permits or certifications the service needs")
    REPUTATION = "reputation", _("Good reputation, no major violations, sound accounts")
    CAPABILITY = "capability", _("Professional capability: staff, equipment and technique")
    MANAGEMENT = "management", _("Management systems for HR, quality and safety")


class AdmissionReview(TrackedModel):
    """The admission review (or annual re-review) of a vendor against the five criteria (VEN-3)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices, default=ReviewKind.ADMISSION)
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("service category"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT)
    conclusion = models.TextField(_("conclusion"), blank=True)
    affiliate_assessment = models.TextField(
        _("assessment of the affiliation"),
        blank=True,
        help_text=_("Required when the vendor matches the company's affiliates list (劳动合同法 art. 67)."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("admission review")
        verbose_name_plural = _("admission reviews")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.vendor}"

    def get_absolute_url(self) -> str:
        return reverse("vendors:review_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REVIEW_STATUSES

    # --- the approval engine's protocol (approvals.registry.Approvable); rules in vendors/admission.py ---

    def approval_title(self) -> str:
        return f"{self.number} {self.get_kind_display()}：{self.vendor.name}"

    def approval_amount(self):
        return None

    def approval_department(self):
        return None

    def approval_categories(self) -> set[str]:
        return {c.code for c in self.vendor.categories.all()}


class CriterionResult(models.Model):
    review = models.ForeignKey(
        AdmissionReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="results"
    )
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion.choices)
    passed = models.BooleanField(_("passed"))
    evidence = models.TextField(_("evidence"))

    class Meta:
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="criterion_once_per_review")]

    def __str__(self) -> str:
        return self.get_criterion_display()


class DiligenceKind(models.TextChoices):
    DOCUMENTS = "documents", _("Document review")
    SITE_VISIT = "site_visit", _("Site visit")
    CLIENT_INTERVIEW = "client_interview", _("Client interviews")
    LITIGATION = "litigation", _("Litigation and labour-credit check")
    FINANCIALS = "financials", _("Financial statements")


class DiligenceConclusion(models.TextChoices):
    SATISFACTORY = "satisfactory", _("Satisfactory")
    CONCERNS = "concerns", _("Concerns noted")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")


class DueDiligence(TrackedModel):
    """One due-diligence check of a vendor with its findings (VEN-4)."""

    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="diligence")
    kind = models.CharField(_("kind"), max_length=30, choices=DiligenceKind.choices)
    performed_on = models.DateField(_("performed on"))
    findings = models.TextField(_("findings"))
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=DiligenceConclusion.choices)
    debt_ratio = models.DecimalField(_("debt ratio (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    annual_revenue = MoneyField(_("annual revenue"), null=True, blank=True)

    class Meta:
        verbose_name = _("due diligence")
        verbose_name_plural = _("due diligence")
        ordering = ["-performed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.get_kind_display()}"


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for HR")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ProfileChangeRequest(models.Model):
    """A change of master data asked by the vendor's own user; HR confirms before it applies (ORG-3)."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="change_requests"
    )
    changes = models.JSONField(_("requested changes"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("profile change request")
        verbose_name_plural = _("profile change requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor"], condition=Q(status="pending"), name="vendor_one_pending_change_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.requested_at:%Y-%m-%d}"
