"""Partnership waiting on the home page: the department's proposals to answer, finance's savings to confirm."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outsourcing.core.todos import WaitingItem, waiting_records
from outsourcing.org.models import Role
from outsourcing.org.permissions import holds_role
from outsourcing.partnership.models import ProposalStatus
from outsourcing.partnership.selectors import benefits_to_confirm, proposals_for


def _url(record) -> str:
    return record.get_absolute_url() if record else reverse("partnership:proposal_list")


def waiting(user) -> list[WaitingItem]:
    if user.is_vendor_user:
        return []
    items: list[WaitingItem] = []
    if holds_role(user, Role.REQUESTER) or holds_role(user, Role.DEPT_HEAD):
        items += waiting_records(proposals_for(user, status=ProposalStatus.SUBMITTED),
                                 _("Improvement proposals to answer"), _url,
                                 _("The vendor waits for an answer within 20 days."))  # fmt: skip
    if holds_role(user, Role.FINANCE):
        items += waiting_records(benefits_to_confirm(user), _("Realised savings to confirm (gain sharing)"), _url)
    return items
