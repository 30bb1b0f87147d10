"""Departments, people, their roles and the authority matrix (ORG-1, ORG-2)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel
from outsourcing.core.money import MoneyField
from outsourcing.org.document_types import document_type_label


class Role(models.TextChoices):
    """The roles of the policy (SPEC "Who uses it")."""

    ADMIN = "admin", _("System administrator")
    HR = "hr", _("HR (policy owner)")
    REQUESTER = "requester", _("Project owner")
    DEPT_HEAD = "dept_head", _("Department head")
    LEGAL = "legal", _("Legal")
    FINANCE = "finance", _("Finance")
    PROCUREMENT = "procurement", _("Procurement")
    MANAGEMENT = "management", _("Management")
    AUDITOR = "auditor", _("Internal audit")
    PANEL_MEMBER = "panel_member", _("Evaluation panel member")
    VENDOR_MANAGER = "vendor_manager", _("Vendor site manager")


# Roles that act for one department (and the departments under it): a department head approves only
# their own department's items, a project owner raises demands for their own department.
DEPARTMENT_SCOPED_ROLES = frozenset({Role.REQUESTER, Role.DEPT_HEAD})
VENDOR_ROLES = frozenset({Role.VENDOR_MANAGER})
# Roles an authority-matrix rule may require as an approval level.
APPROVAL_LEVEL_ROLES = (Role.DEPT_HEAD, Role.HR, Role.FINANCE, Role.LEGAL, Role.PROCUREMENT, Role.MANAGEMENT)


class Department(TrackedModel):
    """A unit of the company's organisation tree."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short unique code, letters, digits and dashes, e.g. OPS-CS."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class UserKind(models.TextChoices):
    INTERNAL = "internal", _("Company staff")
    VENDOR = "vendor", _("Vendor user")


class User(AbstractUser):
    """A person who logs in: company staff, or a vendor's site manager (vendor portal).

    A vendor user belongs to exactly one vendor; the link to the vendor record is added by the
    vendors app (a one-to-one account row), so this app does not depend on it.
    """

    full_name = models.CharField(_("full name"), max_length=100)
    kind = models.CharField(_("account type"), max_length=10, choices=UserKind.choices, default=UserKind.INTERNAL)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    title = models.CharField(_("job title"), max_length=100, blank=True)

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_vendor_user(self) -> bool:
        return self.kind == UserKind.VENDOR

    @cached_property
    def role_assignments_cached(self) -> list[RoleAssignment]:
        """The user's role assignments, read once per request (permissions consult them often)."""
        if "role_assignments" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.role_assignments.all())
        return list(self.role_assignments.select_related("department"))

    @property
    def role_codes(self) -> set[str]:
        return {assignment.role for assignment in self.role_assignments_cached}


class RoleAssignment(TrackedModel):
    """One role held by one user, for one department where the role is department-scoped."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text=_(
            "Required for project owners and department heads; they act for this department and those under it."
        ),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=Q(department__isnull=False),
                name="org_role_unique_scoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(department__isnull=True), name="org_role_unique_companywide"
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.get_role_display()} · {self.department}"
        return str(self.get_role_display())


class AuthorityMatrixVersion(TrackedModel):
    """One published version of the authority matrix (授权体系). Versions are never edited."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    note = models.CharField(_("reason for the change"), max_length=300)

    class Meta:
        verbose_name = _("authority matrix version")
        verbose_name_plural = _("authority matrix versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"V{self.number}"


class AuthorityRule(models.Model):
    """Documents of `document_type` with an amount in [min_amount, max_amount) need `approval_level`."""

    version = models.ForeignKey(
        AuthorityMatrixVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="rules"
    )
    # One of the types the apps register (org.document_types); no closed list of choices here.
    document_type = models.CharField(_("document type"), max_length=30)
    approval_level = models.CharField(
        _("approval level"), max_length=20, choices=[(role.value, role.label) for role in APPROVAL_LEVEL_ROLES]
    )
    min_amount = MoneyField(_("from amount (inclusive)"))
    max_amount = MoneyField(_("up to amount (exclusive)"), null=True, blank=True)

    class Meta:
        verbose_name = _("authority rule")
        verbose_name_plural = _("authority rules")
        ordering = ["document_type", "min_amount", "approval_level"]
        constraints = [
            models.CheckConstraint(condition=Q(min_amount__gte=0), name="org_rule_min_not_negative"),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gt=models.F("min_amount")),
                name="org_rule_max_above_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_type_label} · {self.get_approval_level_display()}"

    @property
    def document_type_label(self) -> str:
        return document_type_label(self.document_type)

    def covers(self, amount) -> bool:
        return amount >= self.min_amount and (self.max_amount is None or amount < self.max_amount)


class ApiToken(models.Model):
    """A key a program uses for the API on one person's behalf (X-6).

    Only a hash of the key is stored (the key is shown once, when issued). A token expires after
    API_TOKEN_DAYS, and dies with a password change: it keeps the user's session hash of its day, as a
    browser session does (org.tokens). Deactivating the account deletes its tokens.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    password_stamp = models.CharField(_("password stamp"), max_length=128, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name or self.prefix} ({self.user})"


# What each role does under the policy (SPEC "Who uses it"), shown on the person's home page.
ROLE_DUTIES = {
    Role.ADMIN: _("Keeps users, departments, approval thresholds, templates and the KPI library."),
    Role.HR: _(
        "Owns the outsourcing policy: reviews demands for compliance, keeps the vendor pool, runs evaluations, "
        "checks worker filings and monthly proofs, spot-checks settlements."
    ),
    Role.REQUESTER: _(
        "Raises outsourcing demands, writes the SLA and scope, supervises the service, confirms workload and "
        "scores performance."
    ),
    Role.DEPT_HEAD: _("Gives the first approval of your department's demands and settlements."),
    Role.LEGAL: _("Reviews demands and contracts legally, handles disputes and formal notices."),
    Role.FINANCE: _("Reviews budgets, checks vendors' finances and invoices, records payments."),
    Role.PROCUREMENT: _("Runs tenders, inquiries and negotiations with vendors."),
    Role.MANAGEMENT: _("Gives final approvals above the authority-matrix thresholds."),
    Role.AUDITOR: _("Audits outsourcing once a year at least, with read access to everything and its history."),
    Role.PANEL_MEMBER: _("Scores candidate vendors independently, after declaring no conflict of interest."),
    Role.VENDOR_MANAGER: _(
        "Answers for your company: responses, rosters, monthly proofs, reports, invoices, disputes and proposals."
    ),
}
