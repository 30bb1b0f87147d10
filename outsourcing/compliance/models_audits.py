"""The annual special audit of outsourcing (AUD-1..AUD-3): the policy library its checklist is drawn from (the rules
of the policy as data, each with its article), the audit with its scope, checklist, the records it sampled (a random
sample drawn with a stored seed, so it can be drawn again and compared), its findings (each with an owner) and the
required actions that follow them to closure."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.models import TrackedModel
from outsourcing.core.states import StateMachine


class PolicyArea(models.TextChoices):
    VENDOR = "vendor", _("Vendor admission")
    SOURCING = "sourcing", _("Selection")
    CONTRACT = "contract", _("Contract")
    WORKFORCE = "workforce", _("Workers on site")
    OPERATIONS = "operations", _("Daily work")
    PERFORMANCE = "performance", _("Performance")
    SETTLEMENT = "settlement", _("Settlement and payment")
    LEGAL = "legal", _("Labour law")
    SECURITY = "security", _("Information security")
    CONTINUITY = "continuity", _("Continuity and knowledge")
    EXIT = "exit", _("Renewal and exit")
    INCIDENTS = "incidents", _("Incidents")
    OVERSIGHT = "oversight", _("Oversight and audit")


class PolicyRule(models.Model):
    """One rule of the company's outsourcing policy (制度与检查清单, P1§5(一)1), kept as data by a migration."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    article = models.CharField(_("article"), max_length=60)
    area = models.CharField(_("area"), max_length=20, choices=PolicyArea.choices)
    text = models.TextField(_("rule"))
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("policy rule")
        verbose_name_plural = _("policy rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.article} {self.text[:40]}"


class AuditStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    CLOSED = "closed", _("Closed")


AUDIT_STATES = StateMachine(
    _("audit"), {AuditStatus.OPEN: frozenset({AuditStatus.CLOSED}), AuditStatus.CLOSED: frozenset()},
    dict(AuditStatus.choices),
)  # fmt: skip
AUDIT_FINDING_STATES = StateMachine(
    _("audit finding"), {AuditStatus.OPEN: frozenset({AuditStatus.CLOSED}), AuditStatus.CLOSED: frozenset()},
    dict(AuditStatus.choices),
)  # fmt: skip


class Audit(TrackedModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year audited"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"))
    areas = models.JSONField(_("policy areas checked"), default=list)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lead auditor"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=AuditStatus.choices, default=AuditStatus.OPEN)
    sample_seed = models.BigIntegerField(_("sample seed"), null=True, blank=True)
    sample_size = models.PositiveSmallIntegerField(_("records sampled per kind"), default=0)
    conclusion = models.TextField(_("conclusion"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("special audit")
        verbose_name_plural = _("special audits")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:audit_detail", args=[self.pk])


class CheckResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    COMPLIANT = "compliant", _("Compliant")
    NON_COMPLIANT = "non_compliant", _("Not compliant")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class AuditCheck(models.Model):
    """One line of the audit's checklist: a rule of the library and what the auditors found against it."""

    audit = models.ForeignKey(Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="checks")
    rule = models.ForeignKey(PolicyRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["rule__code", "id"]
        constraints = [models.UniqueConstraint(fields=["audit", "rule"], name="audit_rule_once")]

    def __str__(self) -> str:
        return f"{self.audit_id}:{self.rule_id}"


class AuditSample(models.Model):
    """A record the audit drew (by the stored seed) and keeps, with a link to it and to its full history."""

    audit = models.ForeignKey(Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="samples")
    content_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    object_id = models.PositiveBigIntegerField(_("record"))
    label = models.CharField(_("record"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order drawn"))

    class Meta:
        verbose_name = _("sampled record")
        verbose_name_plural = _("sampled records")
        ordering = ["content_type_id", "position"]
        constraints = [models.UniqueConstraint(fields=["audit", "content_type", "object_id"], name="sampled_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def history_query(self) -> str:
        return f"object_type={self.content_type.app_label}.{self.content_type.model}&object_id={self.object_id}"


class AuditFinding(TrackedModel):
    audit = models.ForeignKey(Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings")
    check_item = models.ForeignKey(AuditCheck, verbose_name=_("checklist item"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="findings")  # fmt: skip
    title = models.CharField(_("finding"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=AuditStatus.choices, default=AuditStatus.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["audit_id", "id"]

    def __str__(self) -> str:
        return self.title


class AuditAction(TrackedModel):
    """A required action with its owner and deadline; the finding closes when each is done."""

    finding = models.ForeignKey(AuditFinding, verbose_name=_("finding"), on_delete=models.CASCADE,
                                related_name="actions")  # fmt: skip
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit action")
        verbose_name_plural = _("audit actions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description
