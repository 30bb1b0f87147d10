"""The breach notices as PDFs, written from the recorded facts after legal review (CON-7, X-5):
the rectification notice (整改通知书) and the termination notice (合同解除通知函)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import BreachNotice, NoticeKind
from outsourcing.core.notices import company_language
from outsourcing.core.pdf import Letter, company_name, render


def notice_pdf(notice: BreachNotice) -> bytes:
    contract = notice.contract
    with company_language():
        facts = [
            (_("Contract"), f"{contract.number} {contract.title}"),
            (_("Signed on"), contract.signed_on.isoformat() if contract.signed_on else "—"),
            (_("Clause breached"), notice.clause),
            (_("Found on"), notice.found_on.isoformat()),
        ]
        if notice.kind == NoticeKind.RECTIFICATION:
            title = _("Rectification notice")
            paragraphs = [
                _("Under the contract “%(title)s” (%(number)s) between our companies, we found the following:")
                % {"title": contract.title, "number": contract.number},
                notice.facts,
                _("We ask your company to remedy it as follows, and to report the remedy in writing by %(date)s:")
                % {"date": notice.respond_by.isoformat() if notice.respond_by else "—"},
                notice.demand,
                _(
                    "If the breach is not remedied in time, we may claim liability for breach under the contract, "
                    "up to terminating it."
                ),
            ]
            facts.append((_("Remedy by"), notice.respond_by.isoformat() if notice.respond_by else "—"))
        else:
            title = _("Termination notice")
            paragraphs = [
                _("Under the contract “%(title)s” (%(number)s) between our companies, we found the following:")
                % {"title": contract.title, "number": contract.number},
                notice.facts,
                _(
                    "This is a breach of %(clause)s. Under the contract's clauses on change, termination and exit, "
                    "we hereby give notice that the contract is terminated."
                )
                % {"clause": notice.clause},
                notice.demand,
                _(
                    "Please carry out the exit and handover plan: hand over documents and data, return cards, keys "
                    "and equipment, and settle your employees' wages and social insurance in full."
                ),
            ]
        letter = Letter(
            title=title,
            number=notice.number,
            addressee=contract.vendor.name,
            paragraphs=paragraphs,
            facts=facts,
            sender=company_name(),
            date=timezone.localtime(notice.issued_at).date() if notice.issued_at else timezone.localdate(),
        )
    return render(letter)


def non_renewal_pdf(notice) -> bytes:
    """The notice of non-renewal (不续约通知函, P2 3.1(3)): the vendor hears in advance that the service ends."""
    contract = notice.contract
    with company_language():
        letter = Letter(
            title=_("Notice of non-renewal"),
            number=notice.number,
            addressee=contract.vendor.name,
            paragraphs=[
                _("The contract “%(title)s” (%(number)s) between our companies ends on %(date)s.")
                % {"title": contract.title, "number": contract.number, "date": contract.end_date.isoformat()},
                _("Our company has decided not to renew it. The service ends on that day as the contract provides."),
                _(
                    "Please prepare the exit and handover plan with us: hand over documents and data, return cards, "
                    "keys and equipment, close every access on the last day, and settle your employees' wages and "
                    "social insurance in full."
                ),
            ],
            facts=[
                (_("Contract"), f"{contract.number} {contract.title}"),
                (_("Signed on"), contract.signed_on.isoformat() if contract.signed_on else "—"),
                (_("The service ends on"), notice.service_ends_on.isoformat()),
            ],
            sender=company_name(),
            date=timezone.localtime(notice.issued_at).date(),
        )
    return render(letter)
