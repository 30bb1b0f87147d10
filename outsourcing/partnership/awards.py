"""Annual awards (最佳合作伙伴, PTN-4): the year's candidates proposed from its data (final evaluations, adopted
proposals, and any figure a later app registers, e.g. incidents), the committee's choice with its reasons decided
by management through the approval engine, a certificate as a PDF, and the winner's priority right (优先承接权).
Fewer than three candidates is a simplified selection: it needs its reason and goes through the same management
approval as a single source (P4§6(二), SRC-2), so the rule bends only with its trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import MACHINE, ApprovalState, state_for_outcome
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.pdf import Letter, company_name, render
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.partnership.errors import ErrorCode
from outsourcing.partnership.models import Award, Proposal, ProposalStatus
from outsourcing.performance.models import FINAL_STATUSES, Evaluation
from outsourcing.vendors.models import POOL_STATUSES, Vendor

MIN_CANDIDATES = 3  # fewer is a simplified selection (P4§6(二))


@dataclass(frozen=True)
class AwardFact:
    """A figure another app contributes to the candidates (e.g. compliance: incidents, disputes): `values(year,
    vendor_ids) -> {vendor_id: number}`; `disqualifies` says a non-zero value takes the vendor off the list."""

    code: str
    label: object
    values: Callable[[int, list[int]], dict[int, int]]
    disqualifies: bool = False


_facts: dict[str, AwardFact] = {}


def register_award_fact(fact: AwardFact) -> None:
    _facts[fact.code] = fact


def fact_columns() -> list[tuple[str, object]]:
    """(code, label) of every registered fact: the candidates' table shows one column each."""
    return [(fact.code, fact.label) for fact in _facts.values()]


def min_score() -> Decimal:
    """The year's average evaluation score a candidate reaches (settings.PARTNERSHIP_AWARD_MIN_SCORE, 85)."""
    return Decimal(str(getattr(settings, "PARTNERSHIP_AWARD_MIN_SCORE", "85")))


def candidates(year: int) -> list[dict]:
    """The year's candidates, best first: pool vendors whose final evaluations of the year average at least the
    minimum, with their adopted proposals and the registered facts. A fixed number of queries."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    scores = (Evaluation.objects.filter(status__in=FINAL_STATUSES, period_start__gte=start, period_start__lte=end,
                                        total__isnull=False, contract__vendor__status__in=POOL_STATUSES)
              .order_by().values("contract__vendor_id")
              .annotate(average=Avg("total"), evaluations=Count("id")))  # fmt: skip
    found = {row["contract__vendor_id"]: row for row in scores if Decimal(str(row["average"])) >= min_score()}
    adopted = dict(Proposal.objects.filter(status=ProposalStatus.ADOPTED, adopted_on__gte=start, adopted_on__lte=end,
                                           contract__vendor_id__in=list(found))
                   .order_by().values_list("contract__vendor_id").annotate(n=Count("id")))  # fmt: skip
    extra = {fact.code: fact.values(year, list(found)) for fact in _facts.values()}
    names = dict(Vendor.objects.filter(pk__in=list(found)).values_list("pk", "name"))
    rows = []
    for vendor_id, row in found.items():
        facts = {code: values.get(vendor_id, 0) for code, values in extra.items()}
        if any(facts[code] and _facts[code].disqualifies for code in facts):
            continue
        rows.append({"vendor_id": vendor_id, "vendor": names[vendor_id],
                     "average": str(Decimal(str(row["average"])).quantize(Decimal("0.01"))),
                     "evaluations": row["evaluations"], "adopted_proposals": adopted.get(vendor_id, 0),
                     **facts})  # fmt: skip
    return sorted(rows, key=lambda r: (-Decimal(r["average"]), -r["adopted_proposals"], r["vendor"], r["vendor_id"]))


@transaction.atomic
def propose_award(*, actor: User, year: int, vendor: Vendor, title: str, reasons: str,
                  simplified_reason: str = "") -> Award:  # fmt: skip
    """The committee's choice, submitted to management's approval (PTN-4)."""
    if not actor.has_perm("partnership.propose_awards"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR proposes the annual awards for management's decision."),
                            status=403)  # fmt: skip
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status not in POOL_STATUSES:
        raise RuleViolation(ErrorCode.VENDOR_NOT_IN_POOL, _("%(vendor)s is %(status)s: a suspended or removed vendor "
                            "gets no award.") % {"vendor": vendor.name, "status": vendor.get_status_display()},
                            field="vendor")  # fmt: skip
    if not year or year > today().year:
        raise RuleViolation(ErrorCode.DATES, _("An award is for a year that has begun."), field="year")
    listed = candidates(year)
    if not any(row["vendor_id"] == vendor.pk for row in listed):
        raise RuleViolation(ErrorCode.NOT_A_CANDIDATE, _("%(vendor)s is not among the year's candidates (evaluations "
                            "averaging at least %(score)s).") % {"vendor": vendor.name, "score": min_score()},
                            field="vendor")  # fmt: skip
    title = (title or "").strip() or _("Best partner of the year")
    reasons = (reasons or "").strip()
    if not reasons:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the committee's reasons."), field="reasons")
    simplified = len(listed) < MIN_CANDIDATES
    simplified_reason = (simplified_reason or "").strip()
    if simplified and not simplified_reason:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fewer than three candidates: say why a simplified selection is "
                            "justified; management decides it as a single source."),
                            field="simplified_reason")  # fmt: skip
    award = Award(number=next_number("AWD"), year=year, title=title, vendor=vendor, reasons=reasons,
                  candidates=listed, simplified=simplified, simplified_reason=simplified_reason if simplified else "",
                  priority_until=dt.date(year + 1, 12, 31), approval_state=ApprovalState.IN_APPROVAL)  # fmt: skip
    award.stamp(actor)
    try:
        with transaction.atomic():
            award.save()
    except IntegrityError:
        raise Conflict(ErrorCode.DUPLICATE, _("%(vendor)s already has this award for %(year)s.")
                       % {"vendor": vendor.name, "year": year}) from None  # fmt: skip
    approvals.submit(document=award, actor=actor)
    return award


def award_blockers(award: Award, *, role: str) -> list[Reason]:
    """Management may not approve an award to a vendor that left the pool meanwhile."""
    status = Vendor.objects.values_list("status", flat=True).get(pk=award.vendor_id)
    if status in POOL_STATUSES:
        return []
    return [Reason(ErrorCode.VENDOR_NOT_IN_POOL, _("%(vendor)s is no longer in the pool: a suspended or removed "
                   "vendor gets no award.") % {"vendor": award.vendor.name})]  # fmt: skip


def award_finished(award: Award, *, outcome: str, actor: User) -> None:
    """The approval engine's outcome (the `finished` hook of the kind `partnership_award`)."""
    to = state_for_outcome(outcome)
    MACHINE.move(award, to, field="approval_state")
    if to == ApprovalState.APPROVED:
        award.approved_at = timezone.now()
    award.stamp(actor)
    award.save()
    with company_language():
        send([Notice(recipient_id=award.created_by_id, title=_("%(award)s: %(outcome)s")
                     % {"award": award.approval_title(), "outcome": ApprovalState(to).label},
                     url=award.get_absolute_url(), dedup_key=f"award-finished:{award.pk}:{outcome}")])  # fmt: skip


def priority_vendor_ids(day: dt.date | None = None) -> set[int]:
    """Vendors holding a priority right (优先承接权) on `day`: an approved award still in force."""
    day = day or today()
    return set(Award.objects.filter(approval_state=ApprovalState.APPROVED, priority_until__gte=day,
                                    vendor__status__in=POOL_STATUSES).values_list("vendor_id", flat=True))  # fmt: skip


def certificate(award: Award) -> bytes:
    """The award certificate (荣誉证书) as a PDF with the embedded CJK font."""
    return render(Letter(
        title=_("Certificate of award"), number=award.number, addressee=award.vendor.name,
        paragraphs=[_("In recognition of your partnership in %(year)s, %(company)s awards you the title “%(title)s”.")
                    % {"year": award.year, "company": company_name(), "title": award.title},
                    award.reasons,
                    _("The award carries a priority right to take on new work (优先承接权) until %(day)s.")
                    % {"day": award.priority_until.isoformat()}],
        facts=[(_("Award"), award.title), (_("Year"), str(award.year)), (_("Winner"), award.vendor.name)],
        sender=company_name(), date=(award.approved_at.date() if award.approved_at else today())))  # fmt: skip
