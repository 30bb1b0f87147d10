"""Delegation: while away, an approver names a delegate who decides in their place for a date range (WF-4)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from outsourcing.approvals.errors import ErrorCode
from outsourcing.approvals.models import (
    Delegation,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.core.notices import Notice, send
from outsourcing.core.timeutil import today
from outsourcing.org.models import User


@transaction.atomic
def delegate(*, actor: User, delegate_to: User, start_date: dt.date, end_date: dt.date, reason: str) -> Delegation:
    if delegate_to.pk == actor.pk:
        raise RuleViolation(ErrorCode.BAD_DELEGATION, _("You cannot delegate to yourself."), field="delegate")
    if delegate_to.is_vendor_user or not delegate_to.is_active:
        raise RuleViolation(
            ErrorCode.BAD_DELEGATION, _("Approvals can be delegated only to active company staff."), field="delegate"
        )
    if end_date < start_date:
        raise RuleViolation(ErrorCode.BAD_DELEGATION, _("The end date is before the start date."), field="end_date")
    if start_date < today():
        raise RuleViolation(ErrorCode.BAD_DELEGATION, _("A delegation cannot start in the past."), field="start_date")
    if not reason.strip():
        raise RuleViolation(ErrorCode.BAD_DELEGATION, _("Give a reason for the delegation."), field="reason")
    delegation = Delegation(
        delegator=actor, delegate=delegate_to, start_date=start_date, end_date=end_date, reason=reason.strip()
    )
    delegation.stamp(actor)
    delegation.save()
    with translation.override(settings.LANGUAGE_CODE):
        _send_delegation_notice(delegation)
    return delegation


def _send_delegation_notice(delegation: Delegation) -> None:
    actor, delegate_to = delegation.delegator, delegation.delegate
    start_date, end_date = delegation.start_date, delegation.end_date
    send(
        [
            Notice(
                recipient_id=delegate_to.pk,
                title=_("%(who)s delegated approvals to you") % {"who": actor},
                body=_("From %(start)s to %(end)s: %(reason)s")
                % {"start": start_date, "end": end_date, "reason": delegation.reason},
                url=reverse("approvals:inbox"),
                dedup_key=f"delegation:{delegation.pk}",
            )
        ]
    )


@transaction.atomic
def cancel_delegation(*, actor: User, delegation: Delegation) -> Delegation:
    if delegation.delegator_id != actor.pk:
        raise RuleViolation(ErrorCode.BAD_DELEGATION, _("Only the approver who delegated can cancel it."))
    delegation.cancelled = True
    delegation.stamp(actor)
    delegation.save()
    return delegation
