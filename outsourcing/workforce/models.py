"""The people the vendor sends (外包人员, WRK-1..WRK-11, CST-1, OPS-2): their filing, entry, access, the
vendor's monthly compliance proofs, and requests to the vendor about them. Nothing here manages a worker
(no attendance, leave, pay or discipline): that is the vendor's, as the employer."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import ScreenSign, TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.core.states import StateMachine
from outsourcing.core.timeutil import today
from outsourcing.demands.models import Project
from outsourcing.vendors.models import Vendor


class WorkerFileKind(models.TextChoices):
    """The papers a vendor files for its people and its monthly proofs (registered with the attachments engine)."""

    LABOR_CONTRACT = "labor_contract", _("Labor contract")
    SOCIAL_INSURANCE_PROOF = "social_insurance_proof", _("Social insurance payment proof")
    WORKER_CONSENT = "worker_consent", _("Worker's separate consent (PIPL art. 23)")
    WAGE_PAYMENT_RECORD = "wage_payment_record", _("Wage payment record")
    HOUSING_FUND_PROOF = "housing_fund_proof", _("Housing fund payment proof")
    TAX_FILING = "tax_filing", _("Individual income tax filing")
    ROSTER = "roster", _("Staff roster")
    SPECIAL_OPERATION_CERTIFICATE = "special_operation_certificate", _("Special-operation certificate scan")


# Signed or stamped papers: a scan or photo only. A wage record and a roster may also come as a spreadsheet.
SCANNED_WORKER_FILES = (
    WorkerFileKind.LABOR_CONTRACT,
    WorkerFileKind.SOCIAL_INSURANCE_PROOF,
    WorkerFileKind.WORKER_CONSENT,
    WorkerFileKind.HOUSING_FUND_PROOF,
    WorkerFileKind.TAX_FILING,
    WorkerFileKind.SPECIAL_OPERATION_CERTIFICATE,
)


class LawfulBasis(models.TextChoices):
    """Why the company may hold the worker's data (个人信息保护法 arts. 13, 23; WRK-10)."""

    NOTICE_AND_CONSENT = "notice_and_consent", _("The vendor's notice and the worker's separate consent (PIPL art. 23)")
    STATUTORY_DUTY = "statutory_duty", _("A statutory duty: real-name registration on a construction project")


class WorkerStatus(models.TextChoices):
    FILED = "filed", _("Filed, waiting for HR")
    APPROVED = "approved", _("Entry approved")
    ON_SITE = "on_site", _("On site")
    EXITED = "exited", _("Exited")
    REJECTED = "rejected", _("Entry refused")


# A worker's filing from the vendor's record to the exit (WRK-1..WRK-5), declared once; every service moves it
# through `WORKER_STATES.move`.
WORKER_STATES = StateMachine(
    _("worker's filing"),
    {
        WorkerStatus.FILED: frozenset({WorkerStatus.APPROVED, WorkerStatus.REJECTED}),
        WorkerStatus.APPROVED: frozenset({WorkerStatus.ON_SITE, WorkerStatus.EXITED}),
        WorkerStatus.ON_SITE: frozenset({WorkerStatus.EXITED}),
        WorkerStatus.EXITED: frozenset(),
        WorkerStatus.REJECTED: frozenset(),
    },
    labels=dict(WorkerStatus.choices),
)

ACTIVE_FILING = (WorkerStatus.FILED, WorkerStatus.APPROVED, WorkerStatus.ON_SITE)


class RefusalGround(models.TextChoices):
    """The documented grounds on which HR may refuse an entry (OPS-2, loophole 2): papers, age or a failed legal
    check, never a judgement of the person (the company does not select or reject named people)."""

    LABOUR_CONTRACT = "labour_contract", _("Labour contract missing or invalid")
    SOCIAL_INSURANCE = "social_insurance", _("Social-insurance proof missing or invalid")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality undertaking missing or invalid")
    REALNAME = "realname", _("Real-name registration missing (construction work)")
    AGE = "age", _("Age: under 16, or a minor's filing not allowed for this post")
    IDENTITY = "identity", _("Identity check failed")
    OTHER_LEGAL = "other_legal", _("Another legal ground (named in the note)")


class Worker(TrackedModel):
    """One filing of one person by the vendor (人员备案, WRK-1). ID and phone are stored encrypted (WRK-2)."""

    audit_labels = {"id_number": _("ID number"), "phone": _("phone")}  # what a reveal names in the audit trail
    badge_number = models.CharField(_("badge number"), max_length=20, unique=True)
    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="workers")
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="workers")
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="workers")
    name = models.CharField(_("full name"), max_length=50)
    id_cipher = models.TextField(_("ID number (encrypted)"), blank=True)
    id_hash = models.CharField(_("ID number search hash"), max_length=64, blank=True, db_index=True)
    id_masked = models.CharField(_("ID number"), max_length=20, blank=True)
    phone_cipher = models.TextField(_("phone (encrypted)"), blank=True)
    phone_hash = models.CharField(_("phone search hash"), max_length=64, blank=True, db_index=True)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True)
    post = models.CharField(_("post"), max_length=100)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    lawful_basis = models.CharField(_("lawful basis"), max_length=30, choices=LawfulBasis.choices)
    consent_reference = models.CharField(
        _("notice and consent reference"),
        max_length=200,
        help_text=_("The vendor's notice to the worker and the worker's separate consent, or the registration duty."),
    )
    is_minor = models.BooleanField(_("aged 16–17 (未成年工)"), default=False)
    minor_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("minor confirmed by HR"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    minor_confirmed_at = models.DateTimeField(_("minor confirmed at"), null=True, blank=True)
    realname_reference = models.CharField(_("real-name registration"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=WorkerStatus.choices, default=WorkerStatus.FILED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entry decided by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("entry decided at"), null=True, blank=True)
    decision_note = models.TextField(_("HR's note"), blank=True)
    refusal_ground = models.CharField(_("ground for refusing the entry"), max_length=30, blank=True,
                                      choices=RefusalGround.choices)  # fmt: skip
    entered_on = models.DateField(_("entered on"), null=True, blank=True)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outsourced worker")
        verbose_name_plural = _("outsourced workers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gte=models.F("planned_start")), name="worker_plan_order"),
            # One active filing per person (WRK-9): the keyed hash of the ID number, while filed, approved or on site.
            models.UniqueConstraint(
                fields=["id_hash"],
                condition=Q(status__in=["filed", "approved", "on_site"]) & ~Q(id_hash=""),
                name="worker_one_active_filing",
            ),
        ]
        indexes = [  # the list's default order and its search as it starts (issue 20)
            models.Index(fields=["-created_at", "-id"], name="worker_newest"),
            models.Index(fields=["name"], name="worker_name_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["post"], name="worker_post_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        # The badge number only: this text is copied into audit entries, which outlive the name (WRK-11).
        return self.badge_number

    def get_absolute_url(self) -> str:
        return reverse("workforce:detail", args=[self.pk])

    @property
    def start_passed(self) -> bool:
        """Still waiting for HR although the planned start has passed: is the person already working? HR is
        told on the list and the page (issue 15, loophole 4)."""
        return self.status == WorkerStatus.FILED and self.planned_start < today()

    @property
    def is_storage_only(self) -> bool:
        """An exited worker's record is kept read-only until its retention period runs out (WRK-11)."""
        return self.status in (WorkerStatus.EXITED, WorkerStatus.REJECTED)


class BriefingTopic(models.TextChoices):
    """What the business department explains before the post (岗前引导, WRK-4): never company training."""

    SAFETY = "safety", _("Safety on site")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality")
    WORKPLACE = "workplace", _("The workplace: access, facilities, emergency routes")


class EntryRecord(models.Model):
    """The business department's record of the entry (WRK-4)."""

    worker = models.OneToOneField(Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="entry")
    briefing_on = models.DateField(_("briefed on"))
    topics = models.JSONField(_("briefing topics"), default=list)
    undertaking_signed_on = models.DateField(_("confidentiality undertaking signed on"))
    workplace_conditions = models.TextField(_("workplace conditions provided"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("entry record")
        verbose_name_plural = _("entry records")

    def __str__(self) -> str:
        return str(self.worker)


class AccessKind(models.TextChoices):
    SYSTEM = "system", _("Information system")
    NETWORK = "network", _("Network")
    AREA = "area", _("Physical area")


class GrantStatus(models.TextChoices):
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Granted")
    REJECTED = "rejected", _("Refused")
    RETURNED = "returned", _("Returned for revision")
    REVOKED = "revoked", _("Revoked")


class AccessGrant(TrackedModel):
    """Least-privilege access to a system, network or area, with a reason and an end date (WRK-5)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="grants")
    kind = models.CharField(_("kind"), max_length=20, choices=AccessKind.choices)
    resource = models.CharField(_("system, network or area"), max_length=200)
    reason = models.TextField(_("why it is needed"))
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.IN_APPROVAL)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")), name="grant_order")]

    def __str__(self) -> str:
        return f"{self.number} {self.resource}"

    def get_absolute_url(self) -> str:
        return self.worker.get_absolute_url() + "#access"

    # --- the approval engine's protocol; rules in workforce/access.py ---
    def approval_title(self) -> str:
        return f"{self.number} {self.get_kind_display()}：{self.resource}（{self.worker.badge_number}）"

    def approval_amount(self):
        return None

    def approval_department(self):
        return self.worker.project.department


class IssuedItem(TrackedModel):
    """A card, key or piece of equipment handed to a worker, returned on the exit day (WRK-5)."""

    class Kind(models.TextChoices):
        CARD = "card", _("Access card")
        KEY = "key", _("Key")
        EQUIPMENT = "equipment", _("Equipment")

    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("card, key or device"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued item")
        verbose_name_plural = _("issued items")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.description


class ProofStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, waiting for HR")
    ACCEPTED = "accepted", _("Checked: complete")
    GAPS = "gaps", _("Checked: gaps found")


class MonthlyProof(TrackedModel):
    """The vendor's proofs of a month for a project (WRK-6): roster, wages, social insurance and housing
    fund, tax filing, a line for every active worker; files attached."""

    vendor = models.ForeignKey(Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="proofs")
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="proofs")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    status = models.CharField(_("status"), max_length=20, choices=ProofStatus.choices, default=ProofStatus.SUBMITTED)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by (HR)"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    note = models.TextField(_("HR's note"), blank=True)

    class Meta:
        verbose_name = _("monthly compliance proof")
        verbose_name_plural = _("monthly compliance proofs")
        ordering = ["-month", "vendor_id"]
        constraints = [models.UniqueConstraint(fields=["vendor", "project", "month"], name="proof_once_per_month")]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.project.number} · {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:proof_detail", args=[self.pk])


class ProofLine(models.Model):
    """One worker on the month's roster, with what was paid for them."""

    proof = models.ForeignKey(MonthlyProof, verbose_name=_("proofs"), on_delete=models.CASCADE, related_name="lines")
    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="proof_lines")
    wage_paid = models.BooleanField(_("wage paid"))
    wage_amount = MoneyField(_("wage amount paid"), null=True, blank=True)
    own_account = models.BooleanField(_("paid to the worker's own account"), default=False)
    social_insurance = models.BooleanField(_("social insurance paid"))
    housing_fund = models.BooleanField(_("housing fund paid"))
    tax_filed = models.BooleanField(_("income tax filed"))

    class Meta:
        verbose_name = _("proof line")
        verbose_name_plural = _("proof lines")
        constraints = [models.UniqueConstraint(fields=["proof", "worker"], name="proof_line_once")]

    def __str__(self) -> str:
        return f"{self.proof} · {self.worker.badge_number}"


class InsuranceList(TrackedModel):
    """The social-insurance office's detail of the month (社保缴费明细) as the vendor uploaded it in Excel
    (WRK-6, loophole 7): only what matching needs is kept, the keyed hash and the masked form of each ID number;
    the workbook itself is read and dropped, so no ID number is stored in clear."""

    proof = models.OneToOneField(MonthlyProof, verbose_name=_("proofs"), on_delete=models.CASCADE,
                                 related_name="insurance_list")  # fmt: skip
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)

    class Meta:
        verbose_name = _("social-insurance list")
        verbose_name_plural = _("social-insurance lists")

    def __str__(self) -> str:
        return str(self.proof)


class InsuranceListEntry(models.Model):
    """One insured person on the list: the ID number's keyed hash (matched against the roster) and its masked
    form (shown), never the number itself."""

    insurance_list = models.ForeignKey(InsuranceList, verbose_name=_("social-insurance list"),
                                       on_delete=models.CASCADE, related_name="entries")  # fmt: skip
    id_hash = models.CharField(_("ID number search hash"), max_length=64)
    id_masked = models.CharField(_("ID number"), max_length=20)
    row = models.PositiveIntegerField(_("row"))

    class Meta:
        verbose_name = _("social-insurance list entry")
        verbose_name_plural = _("social-insurance list entries")
        ordering = ["row"]
        constraints = [models.UniqueConstraint(fields=["insurance_list", "id_hash"], name="insurance_entry_once")]

    def __str__(self) -> str:
        return self.id_masked


class SpecialOperationCertificate(TrackedModel):
    """A worker's special-operation certificate (特种作业操作证, 安全生产法 art. 30; CON-9): needed for entry on a
    contract's special work and reminded before it expires. The scan is attached to it."""

    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.CASCADE,
                               related_name="certificates")  # fmt: skip
    operation = models.CharField(_("type of operation"), max_length=100)
    certificate_number = models.CharField(_("certificate number"), max_length=50)
    issuer = models.CharField(_("issued by"), max_length=100)
    valid_until = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("special-operation certificate")
        verbose_name_plural = _("special-operation certificates")
        ordering = ["valid_until", "id"]

    def __str__(self) -> str:
        return f"{self.operation} · {self.certificate_number}"

    def get_absolute_url(self) -> str:
        return self.worker.get_absolute_url() + "#certificates"


class WorkerRequest(TrackedModel):
    """An issue about a worker, raised to the vendor's site manager, never to the worker (OPS-2)."""

    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="requests")
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what the vendor is asked to look at"))
    vendor_response = models.TextField(_("the vendor's answer"), blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    signs = GenericRelation(ScreenSign)  # sent although the screen warned of direct management (OPS-2)

    class Meta:
        verbose_name = _("request to the vendor about a worker")
        verbose_name_plural = _("requests to the vendor about workers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class ExitReason(models.TextChoices):
    """Why the company may ask the vendor to take a worker off the project, as the contract allows (OPS-2)."""

    END_OF_NEED = "end_of_need", _("End of need: the work for this post has ended")
    SITE_RULES = "site_rules", _("Breach of the site rules (with evidence)")


class ExitRequest(TrackedModel):
    """The company asks the vendor for a worker's exit (OPS-2, loophole 2): the exit itself is the vendor's
    record; the request is answered when the vendor records it."""

    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.PROTECT,
                               related_name="exit_requests")  # fmt: skip
    reason = models.CharField(_("reason from the contract"), max_length=20, choices=ExitReason.choices)
    evidence = models.TextField(_("evidence of the breach"), blank=True)
    answered_at = models.DateTimeField(_("exit recorded at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("exit recorded by"),
                                    on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("exit request to the vendor")
        verbose_name_plural = _("exit requests to the vendor")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.worker.badge_number} · {self.get_reason_display()}"

    def get_absolute_url(self) -> str:
        return self.worker.get_absolute_url() + "#exit"
