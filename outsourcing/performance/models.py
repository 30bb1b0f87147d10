"""Performance management (PRF-1..PRF-7): the KPI library with its SMART fields, each contract's versioned SLA,
the metric values with their history, the periodic evaluation the vendor confirms or disputes, and the
rectification plans and performance improvement plans (PIP) that follow a weak result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel


class PerformanceFileKind(models.TextChoices):
    """Files of performance management (registered with the attachments engine)."""

    REPORT_ANNEX = "performance_report_annex", _("Performance report annex")


class KpiCategory(models.TextChoices):
    """The example categories of P4§3(二)."""

    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    IT_OPERATIONS = "it_operations", _("IT operations")
    PRODUCTION_LOGISTICS = "production_logistics", _("Production and logistics")
    HR_SERVICE = "hr_service", _("HR services")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    MILESTONE = "milestone", _("Milestone (reached or not)")


class DataSource(models.TextChoices):
    COMPANY = "company", _("Entered by the company")
    VENDOR = "vendor", _("Submitted by the vendor")
    COMPUTED = "computed", _("Computed from the system's data")


class Aggregation(models.TextChoices):
    """How a period's values make the period's figure (in the database: AVG, SUM, MIN, MAX)."""

    AVERAGE = "avg", _("Average of the period's values")
    SUM = "sum", _("Sum of the period's values")
    MINIMUM = "min", _("Lowest value of the period")
    MAXIMUM = "max", _("Highest value of the period")


class Period(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


# The SMART fields (P4§3(一)): a KPI is usable only when each is filled.
SMART_FIELDS = ("name", "category", "definition", "unit", "direction", "target", "thresholds", "data_source",
                "formula", "collection_owner", "period", "relevance", "achievability")  # fmt: skip


class Kpi(TrackedModel):
    """One KPI of the library (关键绩效指标, PRF-1), SMART: specific (definition), measurable (unit, range,
    calculation), achievable (why the target can be reached), relevant (the business goal it serves), time-bound
    (the period it is measured over)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=30, choices=KpiCategory.choices)
    definition = models.TextField(_("definition (specific)"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    precision = models.PositiveSmallIntegerField(_("decimal places"), default=1)
    minimum = models.DecimalField(_("lowest possible value"), max_digits=14, decimal_places=4, default=0)
    maximum = models.DecimalField(_("highest possible value"), max_digits=14, decimal_places=4, default=100)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    thresholds = models.JSONField(_("threshold bands"), default=list, blank=True)
    data_source = models.CharField(_("data source"), max_length=10, choices=DataSource.choices, blank=True)
    computed_from = models.CharField(_("computed from"), max_length=40, blank=True,
                                     help_text=_("For a computed KPI: which of the system's figures."))  # fmt: skip
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    formula = models.CharField(_("calculation"), max_length=300, blank=True)
    aggregation = models.CharField(_("period figure"), max_length=5, choices=Aggregation.choices,
                                   default=Aggregation.AVERAGE)  # fmt: skip
    collection_owner = models.CharField(_("collected by"), max_length=100, blank=True)
    period = models.CharField(_("measured per"), max_length=10, choices=Period.choices, blank=True)
    relevance = models.TextField(_("business goal it serves (relevant)"), blank=True)
    achievability = models.TextField(_("why the target is achievable"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI library")
        ordering = ["category", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(maximum__gt=models.F("minimum")), name="kpi_range_order"),
            models.CheckConstraint(condition=Q(precision__lte=4), name="kpi_precision_max"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("performance:kpi_detail", args=[self.pk])

    @property
    def missing_smart_fields(self) -> list[str]:
        """The SMART fields still empty (their labels); a computed KPI needs no formula of its own."""
        missing = []
        for name in SMART_FIELDS:
            if name == "formula" and self.data_source == DataSource.COMPUTED:
                if not self.computed_from:
                    missing.append(str(self._meta.get_field("computed_from").verbose_name))
                continue
            value = getattr(self, name)
            if value is None or value == "" or value == []:
                missing.append(str(self._meta.get_field(name).verbose_name))
        return missing

    @property
    def usable(self) -> bool:
        return self.is_active and not self.missing_smart_fields


class SlaVersion(TrackedModel):
    """One version of a contract's SLA (PRF-2): the frozen KPIs with weights, targets and thresholds, the grade
    bands, the pass mark and the rhythm of evaluation. A revision is a new version, approved with its reason."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="sla_versions")  # fmt: skip
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("in force from"))
    period = models.CharField(_("evaluated"), max_length=10, choices=Period.choices, default=Period.MONTHLY)
    reason = models.TextField(_("reason for this version"))
    grades = models.JSONField(_("grade bands"), default=list)
    pass_score = models.DecimalField(_("pass mark (total score)"), max_digits=5, decimal_places=2, default=60)
    pip_after = models.PositiveSmallIntegerField(_("failed periods in a row that open a PIP"), default=2)
    dispute_days = models.PositiveSmallIntegerField(_("days the vendor has to confirm or dispute"), default=10)
    status = models.CharField(_("status"), max_length=20, choices=ApprovalState.choices,
                              default=ApprovalState.IN_APPROVAL)  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SLA version")
        verbose_name_plural = _("SLA versions")
        ordering = ["contract_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "version"], name="sla_version_once"),
            models.CheckConstraint(condition=Q(pip_after__gte=1), name="sla_pip_after_positive"),
            models.CheckConstraint(condition=Q(dispute_days__gte=1), name="sla_dispute_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} SLA v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("performance:sla_detail", args=[self.pk])

    # --- the approval engine's protocol; its outcome hook is slas.sla_finished, declared with the kind ---
    def approval_title(self) -> str:
        return f"{self.contract.number} SLA v{self.version}（{self.contract.vendor.name}）"

    def approval_amount(self):
        return None

    def approval_department(self):
        return self.contract.project.department


class SlaItem(models.Model):
    """A KPI frozen into an SLA version: its weight, target, thresholds and calculation as agreed."""

    sla = models.ForeignKey(SlaVersion, verbose_name=_("SLA version"), on_delete=models.CASCADE,
                            related_name="items")  # fmt: skip
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="sla_items")
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    thresholds = models.JSONField(_("threshold bands"))
    formula = models.CharField(_("calculation"), max_length=300, blank=True)
    aggregation = models.CharField(_("period figure"), max_length=5, choices=Aggregation.choices)

    class Meta:
        verbose_name = _("SLA item")
        verbose_name_plural = _("SLA items")
        ordering = ["sla_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sla", "kpi"], name="sla_item_kpi_once"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="sla_item_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.name} {self.weight}%"


class KpiValue(TrackedModel):
    """One figure of a KPI for a contract (PRF-3): its inputs, the value the calculation gives, where it came from
    and who collected it. A correction is a new value; the old one stays, pointing to its replacement."""

    class Source(models.TextChoices):
        PAGE = "page", _("Entered on the page")
        IMPORT = "import", _("Imported from Excel")
        API = "api", _("Posted through the API")

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="kpi_values")  # fmt: skip
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="values")
    measured_on = models.DateField(_("measured on"))
    period_start = models.DateField(_("month"))
    inputs = models.JSONField(_("inputs"), default=dict)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    replaced_by = models.OneToOneField("self", verbose_name=_("corrected by"), on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="corrects")  # fmt: skip

    class Meta:
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        ordering = ["-measured_on", "-id"]
        # The evaluation, the dashboard and the vendor's scorecard group the current values of one or many contracts
        # by KPI and month over a range of months: a range scan per contract, read from the index alone on
        # PostgreSQL (kpi and value included; see bench/bench_performance.py).
        indexes = [models.Index(fields=["contract", "period_start"], include=["kpi", "value"], name="kpi_value_month",
                                condition=Q(replaced_by__isnull=True))]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.measured_on:%Y-%m-%d} {self.value}"

    @property
    def is_current(self) -> bool:
        return self.replaced_by_id is None


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published, waiting for the vendor")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")
    RESOLVED = "resolved", _("Dispute resolved")


FINAL_STATUSES = frozenset({EvaluationStatus.CONFIRMED, EvaluationStatus.RESOLVED})


class Evaluation(TrackedModel):
    """A period's evaluation of a contract (月度/季度绩效评估表, PRF-6), scored against the SLA version in force,
    with every KPI's formula and inputs frozen in its items."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="evaluations")  # fmt: skip
    sla = models.ForeignKey(SlaVersion, verbose_name=_("SLA version"), on_delete=models.PROTECT,
                            related_name="evaluations")  # fmt: skip
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=10, blank=True)
    passed = models.BooleanField(_("up to standard"), null=True)
    comments = models.TextField(_("comments"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EvaluationStatus.choices,
                              default=EvaluationStatus.DRAFT)  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    answer_by = models.DateField(_("confirm or dispute by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")  # fmt: skip
    confirmed_by_silence = models.BooleanField(_("confirmed by silence"), default=False)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "period_start"], name="evaluation_once_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="evaluation_period"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("performance:evaluation_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period == Period.QUARTERLY:
            return f"{self.period_start.year}Q{(self.period_start.month - 1) // 3 + 1}"
        return f"{self.period_start:%Y-%m}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def evaluated(self) -> bool:
        """False for a period with no data at all: "not evaluated", never 0 or 100."""
        return self.total is not None


class ItemAnswer(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")


class Resolution(models.TextChoices):
    UPHELD = "upheld", _("Score upheld")
    RESCORED = "rescored", _("Re-scored")


class EvaluationItem(models.Model):
    """One KPI of an evaluation: the period's figure and its score, with the calculation, inputs, target and
    thresholds as they were (frozen); the vendor's answer and, for a dispute, its resolution."""

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="items")  # fmt: skip
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="+")
    kpi_name = models.CharField(_("KPI"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    thresholds = models.JSONField(_("threshold bands"))
    formula = models.CharField(_("calculation"), max_length=300, blank=True)
    aggregation = models.CharField(_("period figure"), max_length=5, choices=Aggregation.choices)
    inputs = models.JSONField(_("inputs"), default=dict, help_text=_("The figures the score was computed from."))
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=4, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=10, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    answer = models.CharField(_("vendor's answer"), max_length=10, choices=ItemAnswer.choices, blank=True)
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution.choices, blank=True)
    resolution_reason = models.TextField(_("reason for the resolution"), blank=True)
    original_score = models.DecimalField(_("score before re-scoring"), max_digits=6, decimal_places=2, null=True,
                                         blank=True)  # fmt: skip
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")  # fmt: skip
    resolved_with_hr = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("with HR"),
                                         on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        ordering = ["evaluation_id", "id"]

    def __str__(self) -> str:
        return f"{self.kpi_name}: {self.score if self.score is not None else '—'}"

    @property
    def evaluated(self) -> bool:
        return self.score is not None

    @property
    def awaiting_resolution(self) -> bool:
        return self.answer == ItemAnswer.DISPUTED and not self.resolution


class PlanStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the vendor's plan")
    SUBMITTED = "submitted", _("Submitted, waiting for the company")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")


class RectificationPlan(TrackedModel):
    """The vendor's written rectification plan for a below-standard result (整改计划, PRF-7)."""

    evaluation = models.OneToOneField(Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT,
                                      related_name="rectification")  # fmt: skip
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="rectification_plans")  # fmt: skip
    submit_by = models.DateField(_("submit by"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.REQUESTED)
    root_cause = models.TextField(_("root cause"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    owner = models.CharField(_("owner at the vendor"), max_length=100, blank=True)
    deadline = models.DateField(_("rectified by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")  # fmt: skip
    return_reason = models.TextField(_("why it was returned"), blank=True)

    class Meta:
        verbose_name = _("rectification plan")
        verbose_name_plural = _("rectification plans")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.evaluation.number} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("performance:plan_detail", args=[self.pk])


class PipStatus(models.TextChoices):
    OPEN = "open", _("Open")
    EXTENDED = "extended", _("Extended once")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class Pip(TrackedModel):
    """A performance improvement plan (PIP, P4§6(三)) opened by N failed periods in a row (PRF-7)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="pips")
    triggered_by = models.ManyToManyField(Evaluation, verbose_name=_("failed evaluations"), related_name="pips")
    status = models.CharField(_("status"), max_length=10, choices=PipStatus.choices, default=PipStatus.OPEN)
    root_cause = models.TextField(_("root-cause analysis"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    deadline = models.DateField(_("deadline"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("why extended"), blank=True)
    verification = models.TextField(_("verification"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("performance improvement plan")
        verbose_name_plural = _("performance improvement plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract"], condition=Q(status__in=["open", "extended"]), name="pip_one_open_per_contract"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.contract.number}"

    def get_absolute_url(self) -> str:
        return reverse("performance:pip_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (PipStatus.OPEN, PipStatus.EXTENDED)

    @property
    def due(self):
        return self.extended_to or self.deadline


class PipMilestone(models.Model):
    pip = models.ForeignKey(Pip, verbose_name=_("PIP"), on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("PIP milestone")
        verbose_name_plural = _("PIP milestones")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description


class TerminationProposal(TrackedModel):
    """A failed PIP proposes a termination notice to legal (CON-7); legal drafts the notice on the contract."""

    pip = models.OneToOneField(Pip, verbose_name=_("PIP"), on_delete=models.PROTECT, related_name="proposal")
    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="termination_proposals")  # fmt: skip
    facts = models.TextField(_("facts"))

    class Meta:
        verbose_name = _("termination proposal")
        verbose_name_plural = _("termination proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contract.number} · {self.pip.number}"


class VendorReport(TrackedModel):
    """The vendor's performance report of a period (绩效服务报告, PRF-5, P4§4(三)): its figures, analysis, the reasons
    for misses and the improvement measures."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="vendor_reports")  # fmt: skip
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    figures = models.TextField(_("figures"))
    analysis = models.TextField(_("analysis"))
    misses = models.TextField(_("reasons for misses"), blank=True)
    measures = models.TextField(_("improvement measures"))

    class Meta:
        verbose_name = _("vendor's performance report")
        verbose_name_plural = _("vendor's performance reports")
        ordering = ["-period_start", "-id"]
        constraints = [models.UniqueConstraint(fields=["contract", "period_start"], name="vendor_report_once")]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.period_start:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("performance:report_detail", args=[self.pk])


class VendorFeedback(TrackedModel):
    """The vendor's rating of the company's cooperation in a period (360度反馈, PRF-8, P4§5(二)), 1 to 5 each; shown
    to the project owner and HR, never to another vendor."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.PROTECT,
                                 related_name="vendor_feedback")  # fmt: skip
    period_start = models.DateField(_("period from"))
    clarity = models.PositiveSmallIntegerField(_("clarity of requirements"))
    confirmations = models.PositiveSmallIntegerField(_("timeliness of confirmations"))
    payments = models.PositiveSmallIntegerField(_("timeliness of payments"))
    cooperation = models.PositiveSmallIntegerField(_("cooperation"))
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        verbose_name = _("vendor feedback")
        verbose_name_plural = _("vendor feedback")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "period_start"], name="vendor_feedback_once"),
            models.CheckConstraint(
                condition=Q(
                    clarity__gte=1,
                    clarity__lte=5,
                    confirmations__gte=1,
                    confirmations__lte=5,
                    payments__gte=1,
                    payments__lte=5,
                    cooperation__gte=1,
                    cooperation__lte=5,
                ),
                name="vendor_feedback_scale",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.period_start:%Y-%m}"

    @property
    def average(self):
        from decimal import Decimal

        return (Decimal(self.clarity + self.confirmations + self.payments + self.cooperation) / 4).quantize(
            Decimal("0.1"))  # fmt: skip


class PoolProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for HR")
    APPLIED = "applied", _("Applied to the vendor's status")
    DISMISSED = "dismissed", _("Dismissed")


class PoolProposal(TrackedModel):
    """An annual result below the threshold proposes suspension or removal from the pool to HR (PRF-9, VEN-5); HR
    applies it through the vendor's status machine, with the reason, or dismisses it."""

    vendor = models.ForeignKey("vendors.Vendor", verbose_name=_("vendor"), on_delete=models.PROTECT,
                               related_name="performance_proposals")  # fmt: skip
    year = models.PositiveIntegerField(_("year"))
    average = models.DecimalField(_("annual average score"), max_digits=6, decimal_places=2)
    threshold = models.DecimalField(_("threshold"), max_digits=6, decimal_places=2)
    evaluations = models.PositiveIntegerField(_("evaluations counted"))
    status = models.CharField(_("status"), max_length=10, choices=PoolProposalStatus.choices,
                              default=PoolProposalStatus.OPEN)  # fmt: skip
    decision_reason = models.TextField(_("HR's reason"), blank=True)

    class Meta:
        verbose_name = _("pool proposal")
        verbose_name_plural = _("pool proposals")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["vendor", "year"], name="pool_proposal_once_a_year")]

    def __str__(self) -> str:
        return f"{self.vendor} {self.year}"
