"""Settlements waiting on the home page (registered in SettlementsConfig.ready()): the business department's
periods to accept, the vendor's accepted periods to request, finance's approved settlements to pay."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem, waiting_records
from outsourcing.org.models import Role
from outsourcing.org.permissions import holds_role
from outsourcing.settlements.models import SettlementStatus
from outsourcing.settlements.selectors import settlements_for


def _url(settlement) -> str:
    return settlement.get_absolute_url() if settlement else reverse("settlements:list")


def waiting(user) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    if user.is_vendor_user:
        return waiting_records(settlements_for(user, status=SettlementStatus.ACCEPTED).filter(requested_at=None),
                               _("Accepted periods: send the settlement request and invoice"), _url)  # fmt: skip
    if holds_role(user, Role.REQUESTER) or holds_role(user, Role.DEPT_HEAD):
        items += waiting_records(settlements_for(user, status=SettlementStatus.DRAFT),
                                 _("Settlement periods to accept"), _url,
                                 _("Billing follows the quantities you accept."))  # fmt: skip
    if holds_role(user, Role.FINANCE):
        items += waiting_records(settlements_for(user, status=SettlementStatus.APPROVED),
                                 _("Approved settlements to pay"), _url)  # fmt: skip
    return items
