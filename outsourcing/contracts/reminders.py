"""Daily checks of contracts (run by `manage.py run_daily_jobs`): the renewal decision due before expiry
(CON-6), performance bonds (CON-5), confidentiality agreements (CON-4) and special-operation
certificates (CON-9) running out, exit items past their day (CON-8), the notice of non-renewal near its
deadline and the post-project evaluation missing after close (CON-10)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from outsourcing.contracts import ending, selectors
from outsourcing.contracts.models import ContractStatus, ExitItem
from outsourcing.core.notices import Notice, daily_check
from outsourcing.vendors.selectors import hr_people, portal_user_ids


@daily_check("contracts.renewal_due")
def renewal_due(today: dt.date) -> list[Notice]:
    return [
        Notice(
            recipient_id=contract.project.owner_id,
            title=_("%(number)s ends on %(date)s: decide to renew, select again or end")
            % {"number": contract.number, "date": contract.end_date.isoformat()},
            body=_("The contract's record (notices, amendments, the award) is beside the decision on its page."),
            url=contract.get_absolute_url() + "#renewal",
            dedup_key=f"contract-renewal:{contract.pk}:{contract.end_date.isoformat()}",
            level="warning",
        )
        for contract in selectors.expiring_renewals(today)
    ]


@daily_check("contracts.expiries")
def expiries(today: dt.date) -> list[Notice]:
    notices = []
    for bond in selectors.bonds_expiring(today):
        notices.append(
            Notice(
                recipient_id=bond.contract.project.owner_id,
                title=_("Performance bond %(number)s of %(contract)s expires on %(date)s")
                % {"number": bond.guarantee_number, "contract": bond.contract.number, "date": bond.expires_on},
                url=bond.contract.get_absolute_url() + "#bonds",
                dedup_key=f"contract-bond:{bond.pk}:{bond.expires_on.isoformat()}",
                level="warning",
            )
        )
    hr_ids = list(hr_people().values_list("pk", flat=True))
    agreements = list(selectors.agreements_expiring(today))
    accounts = portal_user_ids({a.vendor_id for a in agreements})
    for agreement in agreements:
        for user_id in [*hr_ids, *accounts.get(agreement.vendor_id, [])]:
            notices.append(
                Notice(
                    recipient_id=user_id,
                    title=_("The confidentiality agreement of %(vendor)s ends on %(date)s")
                    % {"vendor": agreement.vendor.name, "date": agreement.valid_until},
                    body=_("Without one in force, no worker of the vendor can be approved to start."),
                    url=agreement.get_absolute_url(),
                    dedup_key=f"contract-nda:{agreement.pk}:{agreement.valid_until.isoformat()}",
                    level="warning",
                )
            )
    overdue = ExitItem.objects.filter(
        done_at__isnull=True, due_date__lt=today, contract__status=ContractStatus.EXITING
    ).select_related("contract__project")
    for item in overdue:
        notices.append(
            Notice(
                recipient_id=item.contract.project.owner_id,
                title=_("Exit item of %(contract)s still open: %(item)s")
                % {"contract": item.contract.number, "item": item.description},
                url=item.contract.get_absolute_url() + "#exit",
                dedup_key=f"contract-exit-item:{item.pk}",
                level="danger",
            )
        )
    return notices


@daily_check("contracts.non_renewal_notice_due")
def non_renewal_notice_due(today: dt.date) -> list[Notice]:
    """The vendor must hear of a non-renewal in advance (default 30 days, P2 3.1(3)): the owner is reminded
    from two weeks before that deadline while no renewal is approved and no notice has gone out."""
    notices = []
    for contract in ending.notices_due(today):
        deadline = ending.notice_deadline(contract)
        notices.append(
            Notice(
                recipient_id=contract.project.owner_id,
                title=_("%(number)s: tell the vendor of a non-renewal by %(date)s")
                % {"number": contract.number, "date": deadline.isoformat()},
                body=_("No renewal is approved and no notice of non-renewal has gone out. Decide on the renewal: an "
                       "approved end or new selection sends the vendor the notice."),
                url=contract.get_absolute_url() + "#renewal",
                dedup_key=f"contract-non-renewal-due:{contract.pk}:{deadline.isoformat()}",
                level="danger" if deadline <= today else "warning",
            )
        )  # fmt: skip
    return notices


@daily_check("contracts.post_evaluation_missing")
def post_evaluation_missing(today: dt.date) -> list[Notice]:
    """Every ended contract gets its post-project evaluation (项目后评估, P2 3.1(1))."""
    return [
        Notice(
            recipient_id=contract.project.owner_id,
            title=_("%(number)s is closed: record its post-project evaluation") % {"number": contract.number},
            url=contract.get_absolute_url() + "#ending",
            dedup_key=f"contract-post-evaluation:{contract.pk}",
            level="warning",
        )
        for contract in ending.evaluations_missing()
    ]
