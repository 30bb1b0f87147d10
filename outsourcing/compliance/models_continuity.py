"""Critical services and business continuity (RSK-5, P3§4 管控措施1): the service categories HR marks critical, and
for each live contract of one the vendor's continuity plan, the company's fallback and the dates it was tested and
reviewed. The vendor-concentration indicator (RSK-2) reads the same marks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from outsourcing.contracts.models import Contract
from outsourcing.core.models import TrackedModel
from outsourcing.vendors.models import ServiceCategory


class CriticalService(TrackedModel):
    category = models.OneToOneField(ServiceCategory, verbose_name=_("service category"), on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    reason = models.CharField(_("why it is critical"), max_length=300)

    class Meta:
        verbose_name = _("critical service")
        verbose_name_plural = _("critical services")
        ordering = ["category__code"]

    def __str__(self) -> str:
        return str(self.category_id)


class ContinuityPlan(TrackedModel):
    contract = models.OneToOneField(Contract, verbose_name=_("contract"), on_delete=models.CASCADE,
                                    related_name="+")  # fmt: skip
    vendor_plan = models.TextField(_("the vendor's continuity plan"))
    company_fallback = models.TextField(_("the company's fallback"))
    tested_on = models.DateField(_("last tested on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"))
    next_review_on = models.DateField(_("next review"))

    class Meta:
        verbose_name = _("business continuity plan")
        verbose_name_plural = _("business continuity plans")
        ordering = ["next_review_on", "id"]

    def __str__(self) -> str:
        return str(self.contract_id)


class KnowledgeItem(TrackedModel):
    """RSK-6 (P3§4 管控措施4): a key document or piece of process knowledge of a contract the vendor hands over
    periodically; its last hand-over date is the latest of its hand-overs."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE,
                                 related_name="+")  # fmt: skip
    title = models.CharField(_("key document or knowledge"), max_length=200)
    every_days = models.PositiveSmallIntegerField(_("handed over every (days)"), default=90)

    class Meta:
        verbose_name = _("key knowledge item")
        verbose_name_plural = _("key knowledge items")
        ordering = ["contract_id", "title"]

    def __str__(self) -> str:
        return self.title


class KnowledgeHandover(TrackedModel):
    item = models.ForeignKey(KnowledgeItem, verbose_name=_("key knowledge item"), on_delete=models.CASCADE,
                             related_name="handovers")  # fmt: skip
    handed_over_on = models.DateField(_("handed over on"))
    note = models.CharField(_("what was handed over"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("knowledge hand-over")
        verbose_name_plural = _("knowledge hand-overs")
        ordering = ["-handed_over_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.handed_over_on}"
