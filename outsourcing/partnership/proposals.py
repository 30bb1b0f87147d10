"""Improvement proposals (创新与增值, PTN-1) and gain sharing (收益分享, PTN-2): a vendor proposes in the portal;
the project's department answers by the deadline (default 20 days), screens, pilots, adopts with the agreed share
or declines with the reason; the realised saving of each month is measured against the baseline by the project
owner and confirmed by finance, which pays the vendor's share as a line of that month's settlement — once."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.money import to_money
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.partnership.errors import ErrorCode
from outsourcing.partnership.models import (
    PROPOSAL_MACHINE,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RealisedBenefit,
)
from outsourcing.settlements.adjustments import OPEN_FOR_LINES, add_line
from outsourcing.settlements.models import Settlement, SettlementStatus

GAIN_SHARING = "gain_sharing"  # the settlement line type partnership registers (apps.py)


def answer_days() -> int:
    """Days the company has to answer a proposal (settings.PARTNERSHIP_ANSWER_DAYS, default 20)."""
    return int(getattr(settings, "PARTNERSHIP_ANSWER_DAYS", 20))


def _money(value, field: str, label, *, required: bool = True) -> Decimal | None:
    if value in (None, "") and not required:
        return None
    message = _("%(field)s: an amount in yuan with at most two decimals.") % {"field": label}
    if isinstance(value, float | bool) or value in (None, ""):
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except ArithmeticError:
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2 or abs(amount) >= Decimal("1e13"):
        raise RuleViolation(ErrorCode.BAD_MONEY, message, field=field)
    return to_money(amount)


def _text(value, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise RuleViolation(ErrorCode.REQUIRED, message, field=field)
    return value


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class ProposalData:
    contract: Contract
    kind: str
    title: str
    problem: str
    proposal: str
    baseline: str
    baseline_amount: object = None
    expected_benefit: object = None
    expected_benefit_text: str = ""


def _notify(user_ids, title: str, proposal: Proposal, key: str, level: str = "info") -> None:
    with company_language():
        send([Notice(recipient_id=uid, title=title, url=proposal.get_absolute_url(), dedup_key=f"{key}:{uid}",
                     level=level) for uid in sorted(set(user_ids) - {None})])  # fmt: skip


@transaction.atomic
def submit_proposal(*, actor: User, data: ProposalData) -> Proposal:
    """The vendor proposes an improvement under one of its contracts in force; the answer is due in N days."""
    contract = data.contract
    if not actor.has_perm("partnership.submit_proposal", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("A vendor proposes improvements under its own contracts."),
                            status=403, field="contract")  # fmt: skip
    if contract.status not in LIVE_STATUSES:
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("%(contract)s is not in force.")
                            % {"contract": contract.number}, field="contract")  # fmt: skip
    if data.kind not in ProposalKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of improvement."), field="kind")
    title = _text(data.title, "title", _("Give the proposal a title."))
    problem = _text(data.problem, "problem", _("Describe the problem the proposal solves."))
    text = _text(data.proposal, "proposal", _("Describe the proposal."))
    baseline = _text(data.baseline, "baseline", _("Describe the baseline the benefit is measured against."))
    baseline_amount = _money(data.baseline_amount, "baseline_amount", _("baseline cost"), required=False)
    expected = _money(data.expected_benefit, "expected_benefit", _("expected saving"), required=False)
    for field, amount in (("baseline_amount", baseline_amount), ("expected_benefit", expected)):
        if amount is not None and amount < 0:
            raise RuleViolation(ErrorCode.NEGATIVE_SAVING, _("An amount here is not negative."), field=field)
    day = today()
    proposal = Proposal(number=next_number("PRO"), contract=contract, kind=data.kind, title=title, problem=problem,
                        proposal=text, baseline=baseline, baseline_amount=baseline_amount, expected_benefit=expected,
                        expected_benefit_text=(data.expected_benefit_text or "").strip(), submitted_on=day,
                        answer_due=day + dt.timedelta(days=answer_days()))  # fmt: skip
    proposal.stamp(actor)
    proposal.save()
    _notify([contract.project.owner_id],
            _("%(number)s: an improvement proposal from %(vendor)s, to be answered by %(day)s")
            % {"number": proposal.number, "vendor": contract.vendor.name, "day": proposal.answer_due.isoformat()},
            proposal, f"proposal-submitted:{proposal.pk}")  # fmt: skip
    return proposal


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).select_related(
        "contract__project__department", "contract__vendor").get(pk=proposal.pk)  # fmt: skip


def _answering(actor: User, proposal: Proposal) -> Proposal:
    proposal = _lock(proposal)
    if not actor.has_perm("partnership.answer_proposal", proposal):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department answers the proposal."), status=403)
    return proposal


def _moved(actor: User, proposal: Proposal, to: str) -> None:
    PROPOSAL_MACHINE.move(proposal, to)
    if proposal.answered_at is None:
        proposal.answered_at = timezone.now()
    proposal.stamp(actor)
    proposal.save()
    _notify([proposal.created_by_id], _("%(number)s: %(status)s") % {"number": proposal.number,
            "status": proposal.get_status_display()}, proposal, f"proposal-{to}:{proposal.pk}")  # fmt: skip


@transaction.atomic
def advance_proposal(*, actor: User, proposal: Proposal, to: str, note: str = "") -> Proposal:
    """Screen the proposal, or take it to a pilot (the answer counts from the first stage)."""
    proposal = _answering(actor, proposal)
    if to not in (ProposalStatus.SCREENED, ProposalStatus.PILOTED):
        raise RuleViolation(ErrorCode.WRONG_STATUS, _("Adopt or decline a proposal with its own action."))
    proposal.stage_note = (note or "").strip()
    _moved(actor, proposal, to)
    return proposal


@transaction.atomic
def decline_proposal(*, actor: User, proposal: Proposal, reason: str) -> Proposal:
    proposal = _answering(actor, proposal)
    proposal.decline_reason = _text(reason, "reason", _("Say why the proposal is declined."))
    _moved(actor, proposal, ProposalStatus.DECLINED)
    return proposal


def share_terms(percent, months, cap) -> tuple[Decimal, int, Decimal | None]:
    """The agreed share (PTN-2): a percentage from 0 to 100, a sharing period of whole months, an optional cap."""
    try:
        percent = Decimal(str(percent).strip()) if not isinstance(percent, float | bool) else None
    except ArithmeticError:
        percent = None
    if percent is None or not percent.is_finite() or not 0 <= percent <= 100 or percent.as_tuple().exponent < -2:
        raise RuleViolation(ErrorCode.SHARE_PERCENT, _("The vendor's share is a percentage from 0 to 100."),
                            field="share_percent")  # fmt: skip
    try:
        months = int(str(months).strip())
    except ValueError:
        months = 0
    if not 1 <= months <= 120:
        raise RuleViolation(ErrorCode.REQUIRED, _("The sharing period is 1 to 120 months."), field="share_months")
    cap = _money(cap, "share_cap", _("cap"), required=False)
    if cap is not None and cap < 0:
        raise RuleViolation(ErrorCode.BAD_MONEY, _("The cap is not negative."), field="share_cap")
    return percent, months, cap


@transaction.atomic
def adopt_proposal(*, actor: User, proposal: Proposal, adopted_on: dt.date, share_percent, share_months,
                   share_cap=None, note: str = "") -> Proposal:  # fmt: skip
    """Adopt the proposal with the agreed gain-sharing terms (PTN-2)."""
    proposal = _answering(actor, proposal)
    percent, months, cap = share_terms(share_percent, share_months, share_cap)
    if adopted_on is None or adopted_on > today() or adopted_on < proposal.submitted_on:
        raise RuleViolation(ErrorCode.DATES, _("The adoption day lies between the submission and today."),
                            field="adopted_on")  # fmt: skip
    proposal.adopted_on = adopted_on
    proposal.share_percent, proposal.share_months, proposal.share_cap = percent, months, cap
    proposal.stage_note = (note or "").strip()
    _moved(actor, proposal, ProposalStatus.ADOPTED)
    return proposal


def _adopted(proposal: Proposal) -> None:
    if proposal.status == ProposalStatus.DECLINED:
        raise Conflict(ErrorCode.NOT_ADOPTED, _("%(number)s was declined: it has no realised benefit and no gain "
                                                "share.") % {"number": proposal.number})  # fmt: skip
    if proposal.status != ProposalStatus.ADOPTED:
        raise Conflict(ErrorCode.NOT_ADOPTED, _("%(number)s is not adopted yet.") % {"number": proposal.number})


@transaction.atomic
def record_benefit(*, actor: User, proposal: Proposal, month: dt.date, baseline_amount, actual_amount,
                   method: str) -> RealisedBenefit:  # fmt: skip
    """The project owner measures a month's realised saving against the baseline (PTN-1)."""
    proposal = _lock(proposal)
    if not actor.has_perm("partnership.measure_benefit", proposal):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department measures the realised benefit."),
                            status=403)  # fmt: skip
    _adopted(proposal)
    if month is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the month."), field="month")
    month = month_start(month)
    if month < month_start(proposal.adopted_on):
        raise RuleViolation(ErrorCode.BEFORE_ADOPTION, _("%(month)s is before the adoption on %(day)s: nothing was "
                            "realised yet.") % {"month": f"{month:%Y-%m}", "day": proposal.adopted_on.isoformat()},
                            field="month")  # fmt: skip
    if month > month_start(today()):
        raise RuleViolation(ErrorCode.DATES, _("A month still to come has no realised benefit."), field="month")
    baseline = _money(baseline_amount, "baseline_amount", _("baseline cost"))
    actual = _money(actual_amount, "actual_amount", _("actual cost"))
    if baseline < 0 or actual < 0:
        raise RuleViolation(ErrorCode.BAD_MONEY, _("Costs are not negative."), field="actual_amount")
    saving = baseline - actual
    if saving < 0:
        raise RuleViolation(ErrorCode.NEGATIVE_SAVING, _("The actual cost is above the baseline: a negative saving "
                            "is no realised benefit."), field="actual_amount")  # fmt: skip
    if RealisedBenefit.objects.filter(proposal=proposal, period_start=month).exists():
        raise Conflict(ErrorCode.DUPLICATE, _("%(month)s is already measured for %(number)s.")
                       % {"month": f"{month:%Y-%m}", "number": proposal.number})  # fmt: skip
    benefit = RealisedBenefit(proposal=proposal, period_start=month, baseline_amount=baseline, actual_amount=actual,
                              saving=saving, measured_by=actor,
                              method=_text(method, "method", _("Say how the saving was measured.")))  # fmt: skip
    benefit.stamp(actor)
    try:
        with transaction.atomic():
            benefit.save()
    except IntegrityError:
        raise Conflict(ErrorCode.DUPLICATE, _("%(month)s is already measured for %(number)s.")
                       % {"month": f"{month:%Y-%m}", "number": proposal.number}) from None  # fmt: skip
    return benefit


def in_sharing_period(proposal: Proposal, month: dt.date) -> bool:
    start = month_start(proposal.adopted_on)
    return start <= month < add_months(start, proposal.share_months or 0)


def share_of(benefit: RealisedBenefit) -> Decimal:
    """The vendor's share of a month's saving: the percentage within the sharing period, up to what the cap
    leaves after the shares already confirmed."""
    proposal = benefit.proposal
    if not in_sharing_period(proposal, benefit.period_start) or not proposal.share_percent:
        return Decimal("0.00")
    share = to_money(benefit.saving * proposal.share_percent / 100)
    if proposal.share_cap is not None:
        paid = (RealisedBenefit.objects.filter(proposal=proposal, confirmed_at__isnull=False).exclude(pk=benefit.pk)
                .aggregate(total=Sum("share_amount"))["total"] or Decimal(0))  # fmt: skip
        share = max(Decimal("0.00"), min(share, proposal.share_cap - paid))
    return share


def settlement_for(benefit: RealisedBenefit) -> Settlement | None:
    """The settlement of the proposal's contract that covers the benefit's month."""
    return (Settlement.objects.filter(contract_id=benefit.proposal.contract_id,
                                      period_start__lte=month_end(benefit.period_start),
                                      period_end__gte=benefit.period_start)
            .exclude(status=SettlementStatus.WAIVED).order_by("period_start", "pk").first())  # fmt: skip


@transaction.atomic
def confirm_benefit(*, actor: User, benefit: RealisedBenefit) -> RealisedBenefit:
    """Finance confirms a measured saving; the vendor's share becomes a gain-sharing line of that month's
    settlement (PTN-2, SET-3). The benefit's row is locked and confirmed once: never paid twice."""
    benefit = (RealisedBenefit.objects.select_for_update(of=("self",))
               .select_related("proposal__contract__project__department", "proposal__contract__vendor")
               .get(pk=benefit.pk))  # fmt: skip
    if not actor.has_perm("partnership.confirm_benefit", benefit):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Finance confirms the realised benefit."), status=403)
    _adopted(benefit.proposal)
    if benefit.confirmed_at is not None or benefit.settlement_line_id is not None:
        raise Conflict(ErrorCode.ALREADY_SHARED, _("%(month)s of %(number)s is already confirmed: its gain share is "
                       "paid once.") % {"month": f"{benefit.period_start:%Y-%m}",
                                         "number": benefit.proposal.number})  # fmt: skip
    share = share_of(benefit)
    if share > 0:
        settlement = settlement_for(benefit)
        if settlement is None or (settlement.status not in OPEN_FOR_LINES
                                  and settlement.status != SettlementStatus.PAID):  # fmt: skip
            raise RuleViolation(ErrorCode.NO_SETTLEMENT, _("%(month)s of %(contract)s has no settlement open for "
                                "lines: open the period's settlement first, then confirm.")
                                % {"month": f"{benefit.period_start:%Y-%m}",
                                   "contract": benefit.proposal.contract.number})  # fmt: skip
        line = add_line(actor=actor, settlement=settlement, line_type_code=GAIN_SHARING, amount=share, system=True,
                        reason=_("Gain sharing of %(number)s, %(month)s: %(percent)s %% of the realised saving "
                                 "%(saving)s") % {"number": benefit.proposal.number,
                                                  "month": f"{benefit.period_start:%Y-%m}",
                                                  "percent": benefit.proposal.share_percent,
                                                  "saving": benefit.saving})  # fmt: skip
        benefit.settlement_line = line
    benefit.share_amount = share
    benefit.confirmed_at = timezone.now()
    benefit.confirmed_by = actor
    benefit.stamp(actor)
    benefit.save()
    _notify([benefit.proposal.created_by_id, benefit.measured_by_id],
            _("%(number)s, %(month)s: saving %(saving)s confirmed, gain share %(share)s")
            % {"number": benefit.proposal.number, "month": f"{benefit.period_start:%Y-%m}", "saving": benefit.saving,
               "share": share}, benefit.proposal, f"benefit-confirmed:{benefit.pk}")  # fmt: skip
    return benefit
