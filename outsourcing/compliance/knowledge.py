"""Knowledge management (RSK-6, P3§4 管控措施4): per contract the inventory of key documents and process knowledge
the vendor hands over periodically, each hand-over recorded with its date; the indicator "key knowledge not handed
over" (RSK-2) finds a live contract's item whose last hand-over (or, before the first, the contract's start) is
older than its interval (one query)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_continuity import KnowledgeHandover, KnowledgeItem
from outsourcing.contracts.models import LIVE_STATUSES
from outsourcing.core.errors import RuleViolation
from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today


def _keeper(actor) -> None:
    if not actor.has_perm("compliance.manage_risks"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR and legal keep the knowledge inventory."), status=403)


@transaction.atomic
def add_item(*, actor, contract, title: str, every_days: int = 90) -> KnowledgeItem:
    _keeper(actor)
    if contract is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the contract."), field="contract")
    required_text(title, message=_("Name the key document or knowledge."), field="title", max_length=200)
    if not isinstance(every_days, int) or isinstance(every_days, bool) or not 7 <= every_days <= 366:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Hand-overs come every 7 to 366 days."), field="every_days")
    item = KnowledgeItem(contract=contract, title=title.strip(), every_days=every_days)
    item.stamp(actor)
    item.save()
    return item


@transaction.atomic
def record_handover(*, actor, item: KnowledgeItem, handed_over_on: dt.date, note: str = "") -> KnowledgeHandover:
    _keeper(actor)
    if handed_over_on is None or handed_over_on > today():
        raise RuleViolation(ErrorCode.FUTURE_DATE, _("A hand-over is dated today or earlier."), field="handed_over_on")
    handover = KnowledgeHandover(item=item, handed_over_on=handed_over_on, note=(note or "").strip()[:300])
    handover.stamp(actor)
    handover.save()
    return handover


def inventory():
    """Every item of a live contract with its last hand-over date (one query)."""
    return (KnowledgeItem.objects.filter(contract__status__in=LIVE_STATUSES)
            .select_related("contract", "contract__vendor").annotate(last=Max("handovers__handed_over_on"))
            .order_by("contract__number", "title"))  # fmt: skip


def not_handed_over(day: dt.date) -> list[Finding]:
    found = []
    for item in inventory():
        since = item.last or item.contract.start_date
        if since is None or (day - since).days <= item.every_days:
            continue
        evidence = (_("%(item)s: last handed over on %(day)s, due every %(n)s days") if item.last
                    else _("%(item)s: never handed over since the contract began on %(day)s, due every %(n)s days")
                    ) % {"item": item.title, "day": since, "n": item.every_days}  # fmt: skip
        found.append(Finding(key=f"knowledge:{item.pk}", subject=f"{item.contract.number} {item.title}",
                             evidence=evidence, url=item.contract.get_absolute_url(),
                             fix_url=reverse("compliance:knowledge"), vendor_id=item.contract.vendor_id,
                             contract_id=item.contract_id, project_id=item.contract.project_id))  # fmt: skip
    return found


def register() -> None:
    register_indicator("knowledge_not_handed_over", gettext_lazy("Key knowledge not handed over"), "compliance",
                       not_handed_over,
                       description=gettext_lazy("A key document or process knowledge of a live contract was not "
                                                "handed over within its interval (RSK-6)."))  # fmt: skip
