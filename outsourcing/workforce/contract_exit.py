"""The contract's people at its end (loophole 3, CON-8, WRK-5): a contract cannot close, nor its exit plan's
access item be ticked, while any of its workers is on site or holds access or an issued card; the daily job
alerts when a contract has ended and people are still active under it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from outsourcing.contracts.closing import register_closing_check
from outsourcing.contracts.models import Contract, ContractStatus, ExitCategory
from outsourcing.core.notices import Notice, daily_check
from outsourcing.core.text import join_names
from outsourcing.vendors.selectors import hr_people
from outsourcing.workforce import selectors
from outsourcing.workforce.models import AccessGrant, GrantStatus, IssuedItem, Worker, WorkerStatus


def _who(worker: Worker) -> str:
    return f"{worker.badge_number} {worker.name}"


def people_still_active(contract: Contract) -> list[str]:
    """Each worker of the contract still on site, holding a granted access or an access card not returned."""
    found = []
    for worker in Worker.objects.filter(contract=contract, status=WorkerStatus.ON_SITE).order_by("badge_number"):
        found.append(_("%(worker)s on site") % {"worker": _who(worker)})
    grants = AccessGrant.objects.filter(worker__contract=contract, status=GrantStatus.APPROVED).select_related("worker")
    for grant in grants.order_by("worker__badge_number", "number"):
        found.append(_("%(worker)s holds access to %(resource)s") % {"worker": _who(grant.worker),
                                                                     "resource": grant.resource})  # fmt: skip
    cards = IssuedItem.objects.filter(worker__contract=contract, kind=IssuedItem.Kind.CARD, returned_on__isnull=True)
    for card in cards.select_related("worker").order_by("worker__badge_number", "id"):
        found.append(_("%(worker)s holds %(item)s") % {"worker": _who(card.worker), "item": card.description})
    return found


def items_not_returned(contract: Contract) -> list[str]:
    """Keys and equipment still out (cards count above, as access)."""
    items = IssuedItem.objects.filter(worker__contract=contract, returned_on__isnull=True).exclude(
        kind=IssuedItem.Kind.CARD
    )
    return [
        _("%(worker)s holds %(item)s") % {"worker": _who(item.worker), "item": item.description}
        for item in items.select_related("worker").order_by("worker__badge_number", "id")
    ]


def register() -> None:
    register_closing_check(
        code="workers_still_active",
        title=lambda: _("Workers still active under the contract"),
        rule=lambda: _(
            "Have the vendor record each exit, then revoke the access and take the cards back: access is closed on the "
            "last day (P1§15(三), WRK-5), and people working on after the contract ends have no contract to work under."
        ),
        blockers=people_still_active,
        guards={ExitCategory.ACCESS},
    )
    register_closing_check(
        code="items_not_returned",
        title=lambda: _("Keys or equipment not returned"),
        rule=lambda: _("Asset recovery is part of the exit and handover plan (P1§15(三))."),
        blockers=items_not_returned,
        guards={ExitCategory.ASSETS},
    )


def ended_contracts_with_active_people(today: dt.date):
    """Contracts past their end date (or closed) under which someone is still on site or holds access or a card."""
    active = (
        Q(workers__status=WorkerStatus.ON_SITE)
        | Q(workers__grants__status=GrantStatus.APPROVED)
        | Q(workers__items__kind=IssuedItem.Kind.CARD, workers__items__returned_on__isnull=True)
    )
    ended = Q(end_date__lt=today) | Q(status=ContractStatus.CLOSED)
    return Contract.objects.filter(ended).filter(active).distinct().select_related("project__department")


@daily_check("workforce.contract_ended_people_active")
def contract_ended_people_active(today: dt.date) -> list[Notice]:
    hr_ids = list(hr_people().values_list("pk", flat=True))
    notices = []
    for contract in ended_contracts_with_active_people(today):
        people = people_still_active(contract)
        recipients = sorted({contract.project.owner_id, *hr_ids,
                             *selectors.department_head_ids(contract.project.department)})  # fmt: skip
        title = _("%(contract)s ended on %(date)s, but people are still active under it") % {
            "contract": contract.number, "date": contract.end_date.isoformat()
        }  # fmt: skip
        notices.extend(
            Notice(recipient_id=user_id, title=title, body=join_names(people),
                   url=contract.get_absolute_url() + "#exit",
                   dedup_key=f"contract-ended-active:{contract.pk}:{contract.end_date.isoformat()}", level="danger")
            for user_id in recipients
        )  # fmt: skip
    return notices
