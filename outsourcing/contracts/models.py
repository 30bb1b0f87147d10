"""Contracts (合同管理, CON-1..CON-9): drafted from a template on an award, the ten core clauses, co-review,
signing and seal, archive copies, the confidentiality agreement, the performance bond, amendments and
renewal, breach notices, the exit and handover plan, premises safety."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.core.states import StateMachine
from outsourcing.demands.models import Project
from outsourcing.org.models import Role
from outsourcing.sourcing.models import Award
from outsourcing.vendors.models import Vendor


class ContractTemplate(TrackedModel):
    """The company's standard template (公司标准范本), or a version legal approved (CON-1)."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20)
    is_standard = models.BooleanField(_("company standard template"), default=False)
    summary = models.TextField(_("what the template covers"))
    legal_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by legal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_approved_at = models.DateTimeField(_("approved by legal at"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("contract template")
        verbose_name_plural = _("contract templates")
        ordering = ["-is_standard", "name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="contracts_template_version_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def usable(self) -> bool:
        return self.is_active and self.legal_approved_at is not None


class ContractFileKind(models.TextChoices):
    """The contract's papers a file can be (registered with the attachments engine)."""

    CONTRACT_SCAN = "contract_scan", _("Signed contract scan")


class PricingModel(models.TextChoices):
    """How the fee is set (SET-1)."""

    FIXED = "fixed", _("Fixed fee per period")
    UNIT_PRICE = "unit_price", _("Unit price × confirmed workload")
    MILESTONES = "milestones", _("Milestones")
    HEADCOUNT_HOURS = "headcount_hours", _("Headcount × hours (only with HR's approved justification)")


class SettlementCycle(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    MILESTONE = "milestone", _("At each milestone")


class Subject(models.TextChoices):
    """What the contract buys: a result, never people (劳务派遣暂行规定 art. 27; CON-9)."""

    SERVICE_RESULT = "service_result", _("A defined service and its results")
    WORK_PACKAGE = "work_package", _("A defined work package with deliverables")
    HEADCOUNT = "headcount", _("A number of people")
    NAMED_POSTS = "named_posts", _("Named posts to be filled")


FORBIDDEN_SUBJECTS = frozenset({Subject.HEADCOUNT, Subject.NAMED_POSTS})


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In co-review")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved, to be signed")
    ACTIVE = "active", _("Signed, in force")
    SUSPENDED = "suspended", _("Suspended")
    EXITING = "exiting", _("Exit and handover")
    CLOSED = "closed", _("Closed")


EDITABLE_STATUSES = frozenset({ContractStatus.DRAFT, ContractStatus.RETURNED})
# A suspended contract is not live: no new instruction, filing or entry under it (CON-10).
LIVE_STATUSES = frozenset({ContractStatus.ACTIVE, ContractStatus.EXITING})

# The contract's whole life, declared in one place (CON-1..CON-10): every service that changes a contract's
# status goes through `CONTRACT_STATES.move`, which refuses any other move with `forbidden_transition`.
CONTRACT_STATES = StateMachine(
    _("contract"),
    {
        ContractStatus.DRAFT: frozenset({ContractStatus.IN_REVIEW}),
        ContractStatus.RETURNED: frozenset({ContractStatus.IN_REVIEW}),
        ContractStatus.IN_REVIEW: frozenset(
            {ContractStatus.APPROVED, ContractStatus.REJECTED, ContractStatus.RETURNED}
        ),
        ContractStatus.REJECTED: frozenset(),
        ContractStatus.APPROVED: frozenset({ContractStatus.ACTIVE}),
        ContractStatus.ACTIVE: frozenset({ContractStatus.SUSPENDED, ContractStatus.EXITING}),
        ContractStatus.SUSPENDED: frozenset({ContractStatus.ACTIVE, ContractStatus.EXITING}),
        ContractStatus.EXITING: frozenset({ContractStatus.CLOSED}),
        ContractStatus.CLOSED: frozenset(),
    },
    labels=dict(ContractStatus.choices),
)


def may_move(current: str, to: str) -> bool:
    return CONTRACT_STATES.may(current, to)


class Contract(TrackedModel):
    """The written outsourcing service contract (劳务外包服务合同, CON-1)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="contracts")
    award = models.ForeignKey(
        Award, verbose_name=_("award"), on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="contracts")
    template = models.ForeignKey(
        ContractTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="contracts"
    )
    renews = models.ForeignKey(
        "self", verbose_name=_("renews"), on_delete=models.PROTECT, null=True, blank=True, related_name="renewals"
    )
    status = models.CharField(_("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    subject = models.CharField(_("subject of the contract"), max_length=20, choices=Subject.choices)
    company_may_reject_workers = models.BooleanField(
        _("the company may reject or replace named workers"), default=False
    )
    scope = models.TextField(_("service scope and content"))
    sla = models.TextField(_("service standard (SLA) and deliverables"))
    acceptance = models.TextField(_("acceptance"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    amount = MoneyField(_("contract amount"))
    pricing_model = models.CharField(_("pricing model"), max_length=20, choices=PricingModel.choices)
    period_fee = MoneyField(_("fee per period"), null=True, blank=True)
    unit = models.CharField(_("unit of workload"), max_length=50, blank=True)
    unit_price = MoneyField(_("unit price"), null=True, blank=True)
    estimated_quantity = models.DecimalField(
        _("estimated workload"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    headcount_justification = models.TextField(_("why headcount × hours"), blank=True)
    justification_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("justification approved by (HR)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    justification_approved_at = models.DateTimeField(_("justification approved at"), null=True, blank=True)
    settlement_cycle = models.CharField(_("settlement cycle"), max_length=20, choices=SettlementCycle.choices)
    payment_terms = models.TextField(_("payment terms"))
    invoice_type = models.CharField(_("invoice type"), max_length=100)
    on_premises = models.BooleanField(_("work on the company's premises"), default=False)
    safety_clause = models.CharField(
        _("safety-management agreement or clause"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required for work on the company's premises (安全生产法 art. 49): the clause or agreement number."
        ),
    )
    special_work = models.CharField(
        _("special work"),
        max_length=200,
        blank=True,
        help_text=_("E.g. electrical work, work at height, welding: needs the vendor's safety licence and "
                    "the workers' special-operation certificates."),
    )  # fmt: skip
    renewal_notice_days = models.PositiveIntegerField(_("renewal reminder (days before expiry)"), default=90)
    # P2 3.1(3): the vendor hears of a non-renewal in advance; 30 days is the company's default, kept as data.
    non_renewal_notice_days = models.PositiveIntegerField(
        _("notice of non-renewal to the vendor (days before expiry)"), default=30
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    company_signatory = models.CharField(_("signed for the company by"), max_length=100, blank=True)
    vendor_signatory = models.CharField(_("signed for the vendor by"), max_length=100, blank=True)
    vendor_signed_at = models.DateTimeField(_("vendor confirmed its signature at"), null=True, blank=True)
    seal_record = models.CharField(_("seal (用印) record"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="contract_term_order"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="contract_amount_positive"),
            # One award, one contract (ORG-1 finding 1); a change is an amendment, not a second contract.
            models.UniqueConstraint(fields=["award"], condition=Q(award__isnull=False), name="contract_one_per_award"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    # --- the approval engine's protocol; rules in contracts/review.py ---
    def approval_title(self) -> str:
        return f"{self.number} {self.title}（{self.vendor.name}）"

    def approval_amount(self):
        return self.amount

    def approval_categories(self) -> set[str]:
        return {self.award.event.category.code} if self.award_id else set()

    def approval_department(self):
        return self.project.department


class Milestone(models.Model):
    """A milestone of a milestone-priced contract, with its amount and due date."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due"))
    amount = MoneyField(_("amount"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.name


class CoreClause(models.TextChoices):
    """The ten core clauses of P1§8(二)."""

    PARTIES = "parties", _("The parties' particulars")
    SCOPE = "scope", _("Service scope, content, standard (SLA) and delivery")
    TERM = "term", _("Term of service")
    FEES = "fees", _("Fees, payment method and settlement cycle")
    EMPLOYER_DUTIES = (
        "employer_duties",
        _(
            "Rights and duties, above all the vendor's full employer duties: recruiting, labour contracts, pay, "
            "social insurance, income tax, work injury"
        ),
    )
    IP_CONFIDENTIALITY = "ip_confidentiality", _("Intellectual property and confidentiality")
    PERFORMANCE = "performance", _("Performance assessment, incentives and penalties")
    BREACH = "breach", _("Liability for breach and dispute resolution")
    CHANGE_EXIT = "change_exit", _("Change, termination and exit: conditions and procedure")
    FORCE_MAJEURE = "force_majeure", _("Force majeure")


class ClauseCheck(models.Model):
    """Where the contract covers one core clause (CON-2)."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="clauses")
    clause = models.CharField(_("core clause"), max_length=30, choices=CoreClause.choices)
    reference = models.CharField(_("where in the contract"), max_length=200)

    class Meta:
        verbose_name = _("core clause")
        verbose_name_plural = _("core clauses")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["contract", "clause"], name="contracts_clause_once")]

    def __str__(self) -> str:
        return self.get_clause_display()


# What each reviewer checks (P2 2.1(2)).
REVIEW_CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    Role.LEGAL: [
        ("legality", _("Lawful parties, subject and form; the standard template or an approved version")),
        ("risk_clauses", _("Risk clauses and the limits of liability")),
        ("breach", _("Liability for breach")),
        ("disputes", _("Dispute resolution: forum and law")),
    ],
    Role.HR: [
        (
            "employer_duties",
            _(
                "The vendor bears every employer duty: recruiting, labour contracts, pay, social "
                "insurance, tax, work injury"
            ),
        ),  # fmt: skip
        (
            "management_boundary",
            _("The company directs the vendor, not its people: instructions through the vendor's site manager"),
        ),  # fmt: skip
        (
            "no_dispatch",
            _("No sign of disguised dispatch: priced by results, no named posts, no right to reject named workers"),
        ),  # fmt: skip
        ("proofs", _("Monthly rosters, wage and social-insurance proofs are owed")),
    ],
    Role.FINANCE: [
        ("payment_terms", _("Payment terms and the settlement cycle")),
        ("invoice", _("Invoice type and the payee being the contracted vendor")),
        ("tax", _("Tax treatment")),
        ("budget", _("Within the project's approved budget")),
    ],
    Role.REQUESTER: [
        ("scope", _("Service scope and boundaries")),
        ("sla", _("Service standard (SLA), measurable")),
        ("acceptance", _("Acceptance of deliverables")),
    ],
}
REVIEW_ITEMS = [(code, label) for items in REVIEW_CHECKLISTS.values() for code, label in items]


class ReviewCheck(models.Model):
    """One item of one co-reviewer's checklist, ticked before they approve (CON-3)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="review_checks"
    )
    role = models.CharField(_("reviewer"), max_length=20, choices=[(r, Role(r).label) for r in REVIEW_CHECKLISTS])
    item = models.CharField(_("checklist item"), max_length=40, choices=REVIEW_ITEMS)
    round = models.PositiveSmallIntegerField(_("review round"), default=1)
    note = models.TextField(_("comment"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review check")
        verbose_name_plural = _("review checks")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "round", "role", "item"], name="contracts_review_check_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.role} · {self.item}"


class TextWarningAnswer(models.Model):
    """HR's reviewer's answer to the warning that the contract's text speaks of managing the vendor's people
    (issue 15, loophole 8; CON-3, OPS-2): recorded per contract version, with the warnings it answers."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="text_warning_answers"
    )
    version = models.PositiveIntegerField(_("contract version answered"))
    warnings = models.JSONField(_("warnings answered"), default=list)
    answer = models.TextField(_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a contract text warning")
        verbose_name_plural = _("answers to contract text warnings")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.contract} · v{self.version} · {self.answered_by}"


class ArchiveCopy(models.Model):
    """Where a signed original sits (archive office, legal, finance, business: P2 2.1(3))."""

    class Holder(models.TextChoices):
        ARCHIVE = "archive", _("Archive office")
        LEGAL = "legal", _("Legal")
        FINANCE = "finance", _("Finance")
        BUSINESS = "business", _("Business department")

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="archive_copies"
    )
    holder = models.CharField(_("kept by"), max_length=20, choices=Holder.choices)
    handed_over_on = models.DateField(_("handed over on"))
    received_by = models.CharField(_("received by"), max_length=100)

    class Meta:
        verbose_name = _("archive copy")
        verbose_name_plural = _("archive copies")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["contract", "holder"], name="contracts_archive_copy_once")]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_holder_display()}"


class ConfidentialityAgreement(TrackedModel):
    """The separate confidentiality and information-security agreement with a vendor (CON-4)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="confidentiality_agreements"
    )
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scope = models.TextField(_("what it covers"))

    class Meta:
        verbose_name = _("confidentiality agreement")
        verbose_name_plural = _("confidentiality agreements")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="contracts_nda_validity_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.vendor}"

    def get_absolute_url(self) -> str:
        return reverse("contracts:nda_detail", args=[self.pk])


class PerformanceBond(TrackedModel):
    """A bank guarantee for performance (履约保函, CON-5)."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="bonds")
    issuer = models.CharField(_("issuing bank"), max_length=200)
    guarantee_number = models.CharField(_("guarantee number"), max_length=100)
    amount = MoneyField(_("amount"))
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))

    class Meta:
        verbose_name = _("performance bond")
        verbose_name_plural = _("performance bonds")
        ordering = ["-expires_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contracts_bond_amount_positive"),
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("issued_on")), name="contracts_bond_order"),
        ]

    def __str__(self) -> str:
        return f"{self.guarantee_number} {self.issuer}"


# The changes of a signed contract (amendments, renewal decisions, notices, the exit plan: CON-6..CON-8) and its
# ending (suspension, the vendor's termination request, the non-renewal notice, the post-project evaluation:
# CON-10) live in their own modules to keep this one readable; imported here so Django finds them.
from outsourcing.contracts.models_changes import (  # noqa: E402, F401
    Amendment,
    BreachNotice,
    ChangeKind,
    ExitCategory,
    ExitItem,
    NoticeKind,
    RectificationNotice,
    RenewalChoice,
    RenewalDecision,
    TerminationNotice,
)
from outsourcing.contracts.models_ending import (  # noqa: E402, F401
    NonRenewalNotice,
    PostProjectEvaluation,
    Suspension,
    TerminationRequest,
)
