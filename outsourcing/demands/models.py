"""Outsourcing demands (劳务外包需求与立项申请表) and the projects their approval creates (DEM-1..DEM-4)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.demands.costbenefit import cost_benefit
from outsourcing.org.models import Department


class WorkNature(models.TextChoices):
    """What kind of work is to be outsourced (聚焦核心原则, P1§4(二))."""

    AUXILIARY = "auxiliary", _("Auxiliary work")
    NON_CORE_SERVICE = "non_core_service", _("Non-core specialised service")
    TEMPORARY = "temporary", _("Temporary or project-phase work")
    CORE_BUSINESS = "core_business", _("Core business")
    KEY_TECHNOLOGY = "key_technology", _("Key technology")
    MAIN_MANAGEMENT = "main_management", _("Main management function")


FORBIDDEN_NATURES = frozenset({WorkNature.CORE_BUSINESS, WorkNature.KEY_TECHNOLOGY, WorkNature.MAIN_MANAGEMENT})


class FundingSource(models.TextChoices):
    DEPARTMENT_BUDGET = "department_budget", _("Department's annual budget")
    SPECIAL_BUDGET = "special_budget", _("Special project budget")
    CAPITAL = "capital", _("Capital expenditure")
    OTHER = "other", _("Other (explain in the budget notes)")


EDITABLE_STATUSES = frozenset({ApprovalState.DRAFT, ApprovalState.RETURNED})


class Demand(TrackedModel):
    """One outsourcing demand, from draft to approval."""

    audit_labels = {"budget_breakdown": _("Budget lines")}  # its lines' changes, told on its history
    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("project name"), max_length=200)
    department = models.ForeignKey(
        Department, verbose_name=_("requesting department"), on_delete=models.PROTECT, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("project owner"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT)

    background = models.TextField(_("background and necessity"))
    work_scope = models.TextField(_("work content and scope"))
    boundaries = models.TextField(_("boundaries (what is not included)"))
    deliverables = models.TextField(_("deliverables and acceptance"))
    sla_outline = models.TextField(_("expected service standard (first SLA outline)"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    estimated_headcount = models.PositiveIntegerField(_("estimated headcount"))

    budget_total = MoneyField(_("total budget"))
    risk_reserve = MoneyField(_("risk reserve"), default=Decimal("0"))
    funding_source = models.CharField(_("funding source"), max_length=30, choices=FundingSource.choices)
    budget_notes = models.TextField(_("budget notes"), blank=True)

    # DEM-5 (成本效益分析, P1§4(三), P3§5-1): what the same work would cost done in-house, for the approvers to
    # set against the outsourced cost (the budget lines) and the risk reserve; see costbenefit.py.
    inhouse_staff_cost = MoneyField(_("in-house estimate: staff costs"), null=True, blank=True)
    inhouse_management_cost = MoneyField(_("in-house estimate: management costs"), null=True, blank=True)
    inhouse_equipment_cost = MoneyField(_("in-house estimate: equipment and premises"), null=True, blank=True)
    inhouse_basis = models.TextField(_("basis of the in-house estimate"), blank=True)

    risk_analysis = models.TextField(_("risk analysis"))
    contingency_plan = models.TextField(_("contingency plan"))

    # DEM-2: the requester declares the nature of the work; HR confirms it during review.
    declared_nature = models.CharField(_("nature of the work (declared)"), max_length=30, choices=WorkNature.choices)
    nature_explanation = models.TextField(_("why the work is not core business"))
    confirmed_nature = models.CharField(
        _("nature of the work (confirmed by HR)"), max_length=30, choices=WorkNature.choices, blank=True
    )
    nature_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nature confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nature_confirmed_at = models.DateTimeField(_("nature confirmed at"), null=True, blank=True)
    nature_comment = models.TextField(_("HR comment on the nature"), blank=True)

    # DEM-3: the disguised-dispatch self-check, one answer per question (see selfcheck.py).
    self_check = models.JSONField(_("disguised-dispatch self-check"), default=dict)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outsourcing demand")
        verbose_name_plural = _("outsourcing demands")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="demand_period_order"),
            models.CheckConstraint(
                condition=Q(budget_total__gte=0) & Q(risk_reserve__gte=0), name="demand_budget_positive"
            ),
            models.CheckConstraint(
                condition=(Q(inhouse_staff_cost__isnull=True) | Q(inhouse_staff_cost__gte=0))
                & (Q(inhouse_management_cost__isnull=True) | Q(inhouse_management_cost__gte=0))
                & (Q(inhouse_equipment_cost__isnull=True) | Q(inhouse_equipment_cost__gte=0)),
                name="demand_inhouse_estimate_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("demands:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def effective_nature(self) -> str:
        return self.confirmed_nature or self.declared_nature

    @property
    def is_core_business(self) -> bool:
        return self.effective_nature in FORBIDDEN_NATURES

    @property
    def cost_benefit(self):
        """The outsourced cost against the in-house estimate, and the reserve (DEM-5); None until estimated."""
        return cost_benefit(self)

    # --- the approval engine's protocol (approvals.registry.Approvable) ---

    def approval_title(self) -> str:
        return f"{self.number} {self.title}"

    def approval_amount(self) -> Decimal:
        return self.budget_total

    def approval_department(self) -> Department:
        return self.department


class BudgetLine(models.Model):
    """One line of the itemised budget."""

    demand = models.ForeignKey(Demand, verbose_name=_("demand"), on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("budget item"), max_length=100)
    amount = MoneyField(_("amount"))
    note = models.CharField(_("calculation basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative")]

    def __str__(self) -> str:
        return self.item


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("project status", "Active")
    CLOSED = "closed", pgettext_lazy("project status", "Closed")


class CompanyRole(models.TextChoices):
    """The company's role on the project (CST-2..CST-5): recorded, never guessed from a sourcing category."""

    CLIENT = "client", _("Ordinary client (发包方)")
    OWNER = "owner", _("Construction owner (建设单位)")
    GENERAL_CONTRACTOR = "general_contractor", _("General contractor (施工总承包)")


class Project(TrackedModel):
    """The outsourcing project (外包项目) an approved demand becomes; later stages hang on it."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    demand = models.OneToOneField(Demand, verbose_name=_("demand"), on_delete=models.PROTECT, related_name="project")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("project owner"), on_delete=models.PROTECT, related_name="+"
    )
    budget = MoneyField(_("approved budget"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    company_role = models.CharField(_("the company's role"), max_length=20, choices=CompanyRole.choices,
                                    default=CompanyRole.CLIENT)  # fmt: skip

    class Meta:
        verbose_name = _("outsourcing project")
        verbose_name_plural = _("outsourcing projects")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("demands:project_detail", args=[self.pk])
