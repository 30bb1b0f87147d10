"""The joint-liability guard (RSK-4, 连带责任): a month's proofs in which the vendor reports a worker's wage as not
paid become a wage-arrears incident by the daily job, once per month's proofs (its source key), so HR, legal and the
vendor are told at once and the vendor is asked for its response like any incident (INC-1). A later corrected proof
leaves the incident for HR to close with its cause and remedy."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from outsourcing.compliance.incidents import _event, _recorded_notices
from outsourcing.compliance.models_incidents import Incident, IncidentKind
from outsourcing.core.notices import Notice, company_language
from outsourcing.core.numbering import next_number
from outsourcing.workforce.models import MonthlyProof, ProofLine

PREFIX = "proof:"


def raise_wage_arrears(day: dt.date) -> list[Notice]:
    """One incident per month's proofs with an unpaid wage not raised yet (three queries, then one insert each)."""
    raised = set(Incident.objects.filter(source_key__startswith=PREFIX).values_list("source_key", flat=True))
    proofs = (
        MonthlyProof.objects.filter(month__lte=day, lines__wage_paid=False)
        .annotate(unpaid=Count("lines", filter=Q(lines__wage_paid=False)))
        .select_related("vendor", "project")
        .order_by("month", "vendor__number", "project__number")
    )
    found = [proof for proof in proofs if f"{PREFIX}{proof.pk}" not in raised]
    if not found:
        return []
    lines: dict[int, list[ProofLine]] = {}
    for line in (ProofLine.objects.filter(proof__in=found, wage_paid=False).select_related("worker")
                 .order_by("worker__badge_number")):  # fmt: skip
        lines.setdefault(line.proof_id, []).append(line)
    notices = []
    with company_language():
        for proof in found:
            unpaid = lines.get(proof.pk, [])
            facts = {"month": f"{proof.month:%Y-%m}", "n": proof.unpaid, "project": proof.project.name,
                     "badges": "、".join(line.worker.badge_number for line in unpaid)}  # fmt: skip
            incident = Incident.objects.create(
                number=next_number("INC"), kind=IncidentKind.WAGE_ARREARS, source_key=f"{PREFIX}{proof.pk}",
                title=_("Wages of %(month)s not paid: %(n)s worker(s) on %(project)s") % facts,
                description=_("The vendor's proofs of %(month)s report the wage as not paid for: %(badges)s. The "
                              "company may be jointly liable (连带责任): ask the vendor to pay and to send the "
                              "payment proof.") % facts,
                occurred_on=proof.month, vendor=proof.vendor, project=proof.project,
                contract=unpaid[0].worker.contract if unpaid else None,
            )  # fmt: skip
            _event(incident, None, _("Raised by the daily job from the month's proofs (RSK-4)."))
            notices += _recorded_notices(incident)
    return notices
