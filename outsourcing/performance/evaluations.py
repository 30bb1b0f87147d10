"""Periodic evaluation (PRF-6): the project's department or HR evaluates a contract's month or quarter against the
SLA version in force; each KPI's figure comes from the period's data (the dashboard's selectors), scored by the
item's thresholds, with the calculation and inputs frozen in the item. The total is the weighted score over the
items with data (weights re-based to them); a period with no data at all is "not evaluated" — no total, no
grade, never 0 or 100. Published, the vendor confirms or disputes item by item with a reason by its day (default
10 days); silence is confirmation, recorded by the daily job. The project owner resolves each dispute with HR —
the score upheld or re-scored, with the reason — and the evaluation is then locked."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.contracts.models import LIVE_STATUSES, Contract, ContractStatus
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.notices import resolve as resolve_todos
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import local, today
from outsourcing.org.models import Role, User
from outsourcing.performance import bands, periods, selectors
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import (
    Evaluation,
    EvaluationItem,
    EvaluationStatus,
    ItemAnswer,
    Resolution,
)

TWO = Decimal("0.01")


def score_total(items: list[EvaluationItem]) -> Decimal | None:
    """Σ weight × score over the items with a score, divided by their weights; None when none has one."""
    scored = [i for i in items if i.score is not None]
    weights = sum((i.weight for i in scored), Decimal(0))
    if not scored or not weights:
        return None
    return (sum((i.weight * i.score for i in scored), Decimal(0)) / weights).quantize(TWO, ROUND_HALF_UP)


def _grade(evaluation: Evaluation, items: list[EvaluationItem]) -> None:
    evaluation.total = score_total(items)
    if evaluation.total is None:
        evaluation.grade, evaluation.passed = "", None
    else:
        evaluation.grade = bands.grade_of(evaluation.sla.grades, evaluation.total)
        evaluation.passed = evaluation.total >= evaluation.sla.pass_score


@transaction.atomic
def evaluate(*, actor: User, contract: Contract, day: dt.date, comments: str = "") -> Evaluation:
    """Compute the evaluation of the period `day` falls in (a draft the company reviews before publishing)."""
    if not actor.has_perm("performance.evaluate", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR evaluates the contract."),
                            status=403)  # fmt: skip
    if contract.status not in (*LIVE_STATUSES, ContractStatus.CLOSED):
        raise RuleViolation(ErrorCode.CONTRACT_NOT_LIVE, _("%(contract)s was never in force.")
                            % {"contract": contract.number}, field="contract")  # fmt: skip
    if day is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the period."), field="day")
    probe = selectors.sla_in_force(contract.pk, periods.period_bounds("monthly", day)[1])
    if probe is None:
        raise RuleViolation(ErrorCode.NO_SLA, _("%(contract)s has no approved SLA in force in that period.")
                            % {"contract": contract.number}, field="day")  # fmt: skip
    start, end = periods.period_bounds(probe.period, day)
    sla = selectors.sla_in_force(contract.pk, end) or probe
    if end >= today():
        raise RuleViolation(ErrorCode.DATES, _("The period %(start)s to %(end)s has not ended yet.")
                            % {"start": start, "end": end}, field="day")  # fmt: skip
    if end < contract.start_date or start > contract.end_date:
        raise RuleViolation(ErrorCode.PERIOD_NOT_COVERED, _("The contract does not cover %(start)s to %(end)s.")
                            % {"start": start, "end": end}, field="day")  # fmt: skip
    if Evaluation.objects.filter(contract=contract, period_start=start).exists():
        raise Conflict(ErrorCode.DUPLICATE, _("%(contract)s is already evaluated for %(start)s to %(end)s.")
                       % {"contract": contract.number, "start": start, "end": end}, field="day")  # fmt: skip
    items = list(sla.items.select_related("kpi"))
    figures = selectors.period_figures(contract=contract, items=items, start=start, end=end)
    evaluation = Evaluation(number=next_number("EVA"), contract=contract, sla=sla, period=sla.period,
                            period_start=start, period_end=end, comments=(comments or "").strip())  # fmt: skip
    evaluation.stamp(actor)
    rows = []
    for item in items:
        figure = figures.get(item.kpi_id, selectors.Figure(None, {}))
        rating, score = selectors.rating_of(item, figure.actual)
        rows.append(EvaluationItem(kpi=item.kpi, kpi_name=item.kpi.name, unit=item.kpi.unit, weight=item.weight,
                                   target=item.target, thresholds=item.thresholds, formula=item.formula,
                                   aggregation=item.aggregation, inputs=figure.inputs, actual=figure.actual,
                                   rating=rating, score=score))  # fmt: skip
    _grade(evaluation, rows)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:  # the same period saved by someone else a moment ago (the constraint)
        raise Conflict(
            ErrorCode.DUPLICATE,
            _("%(contract)s is already evaluated for %(start)s to %(end)s.")
            % {"contract": contract.number, "start": start, "end": end},
            field="day",
        ) from exc
    for row in rows:
        row.evaluation = evaluation
    EvaluationItem.objects.bulk_create(rows)
    return evaluation


def _lock(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update(of=("self",)).select_related("contract__project", "sla").get(
        pk=evaluation.pk)  # fmt: skip


def site_manager_ids(contract: Contract) -> list[int]:
    from outsourcing.operations.selectors import site_managers

    return list(site_managers(contract.vendor_id).values_list("pk", flat=True))


@transaction.atomic
def discard_draft(*, actor: User, evaluation: Evaluation) -> None:
    """A draft may be thrown away and computed again (e.g. after a late figure)."""
    evaluation = _lock(evaluation)
    if not actor.has_perm("performance.publish_evaluation", evaluation):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only a draft is discarded, by who evaluates."), status=403)
    evaluation.items.all().delete()
    evaluation.delete()


@transaction.atomic
def publish(*, actor: User, evaluation: Evaluation) -> Evaluation:
    """Show the evaluation to the vendor, who has the SLA's days to confirm or dispute."""
    evaluation = _lock(evaluation)
    if evaluation.status != EvaluationStatus.DRAFT:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(number)s is already published.") % {"number": evaluation.number})
    if not actor.has_perm("performance.publish_evaluation", evaluation):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR publishes the evaluation."),
                            status=403)  # fmt: skip
    evaluation.status = EvaluationStatus.PUBLISHED
    evaluation.published_at = timezone.now()
    evaluation.answer_by = local(evaluation.published_at).date() + dt.timedelta(days=evaluation.sla.dispute_days)
    evaluation.stamp(actor)
    evaluation.save()
    with company_language():
        send([Notice(recipient_id=uid,
                     title=_("Evaluation %(number)s of %(contract)s (%(period)s): confirm or dispute by %(day)s")
                     % {"number": evaluation.number, "contract": evaluation.contract.number,
                        "period": evaluation.period_label, "day": evaluation.answer_by},
                     body=_("Silence by then counts as confirmation."), url=evaluation.get_absolute_url(),
                     dedup_key=_answer_key(evaluation), kind="todo")
              for uid in site_manager_ids(evaluation.contract)])  # fmt: skip
    return evaluation


def _answer_key(evaluation: Evaluation) -> str:
    """The vendor's to-do: confirm or dispute (resolved by its answer or by silence)."""
    return f"evaluation-published:{evaluation.pk}"


def _dispute_key(evaluation: Evaluation) -> str:
    """The project owner's to-do: resolve the disputed items with HR."""
    return f"evaluation-disputed:{evaluation.pk}"


@transaction.atomic
def answer(*, actor: User, evaluation: Evaluation, disputes: dict[int, str]) -> Evaluation:
    """The vendor's answer: `disputes` maps item ids to reasons; no dispute confirms the whole evaluation."""
    evaluation = _lock(evaluation)
    if evaluation.status != EvaluationStatus.PUBLISHED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(number)s is not waiting for the vendor's answer.")
                       % {"number": evaluation.number})  # fmt: skip
    if not actor.has_perm("performance.answer_evaluation", evaluation):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor's site manager confirms or disputes."), status=403)
    if today() > evaluation.answer_by:
        raise Conflict(ErrorCode.DEADLINE_PASSED, _("The time to answer ended on %(day)s: the evaluation counts as "
                                                    "confirmed.") % {"day": evaluation.answer_by})  # fmt: skip
    items = {item.pk: item for item in evaluation.items.all()}
    disputes = {int(k): (v or "").strip() for k, v in (disputes or {}).items()}
    unknown = set(disputes) - set(items)
    if unknown:
        raise RuleViolation(ErrorCode.REQUIRED, _("Dispute only items of this evaluation."), field="disputes")
    if any(not reason for reason in disputes.values()):
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason for each item disputed."), field="disputes")
    for item in items.values():
        item.answer = ItemAnswer.DISPUTED if item.pk in disputes else ItemAnswer.CONFIRMED
        item.dispute_reason = disputes.get(item.pk, "")
        item.save(update_fields=["answer", "dispute_reason"])
    evaluation.answered_at, evaluation.answered_by = timezone.now(), actor
    evaluation.status = EvaluationStatus.DISPUTED if disputes else EvaluationStatus.CONFIRMED
    evaluation.stamp(actor)
    if not disputes:
        evaluation.locked_at = timezone.now()
    evaluation.save()
    resolve_todos([_answer_key(evaluation)])  # the vendor answered: its site managers' to-do is done
    if disputes:
        with company_language():
            send(
                [
                    Notice(
                        recipient_id=evaluation.contract.project.owner_id,
                        title=_("%(vendor)s disputes %(n)s item(s) of %(number)s")
                        % {"vendor": evaluation.contract.vendor.name, "n": len(disputes), "number": evaluation.number},
                        body=_("Resolve each item with HR: uphold the score or re-score it, with the reason."),
                        url=evaluation.get_absolute_url(),
                        dedup_key=_dispute_key(evaluation),
                        kind="todo",
                    )
                ]
            )
    else:
        _finalised(evaluation, actor)
    return evaluation


@transaction.atomic
def confirm_by_silence(*, day: dt.date) -> list[Evaluation]:
    """The daily job: a published evaluation not answered by its day is confirmed, and recorded as silence."""
    confirmed = []
    for evaluation in selectors.published_past_deadline(day).select_for_update(of=("self",)):
        evaluation.status = EvaluationStatus.CONFIRMED
        evaluation.confirmed_by_silence = True
        evaluation.locked_at = timezone.now()
        evaluation.save()
        evaluation.items.update(answer=ItemAnswer.CONFIRMED)
        _finalised(evaluation, None)
        confirmed.append(evaluation)
    resolve_todos(_answer_key(evaluation) for evaluation in confirmed)
    return confirmed


@transaction.atomic
def resolve(*, actor: User, evaluation: Evaluation, item: EvaluationItem, outcome: str, reason: str,
            with_hr: User | None, score: Decimal | None = None) -> Evaluation:  # fmt: skip
    """The project owner, with HR, resolves one disputed item; the last resolution re-totals and locks."""
    evaluation = _lock(evaluation)
    if evaluation.status != EvaluationStatus.DISPUTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(number)s has no open dispute.") % {"number": evaluation.number})
    if not actor.has_perm("performance.resolve_dispute", evaluation):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project owner resolves the dispute with HR."), status=403)
    item = evaluation.items.select_for_update().filter(pk=getattr(item, "pk", item)).first()
    if item is None or not item.awaiting_resolution:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This item is not disputed, or already resolved."))
    if outcome not in Resolution.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Uphold the score or re-score it."), field="outcome")
    if not (reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason for the resolution."), field="reason")
    if with_hr is None or Role.HR not in with_hr.role_codes or not with_hr.is_active:
        raise RuleViolation(ErrorCode.NOT_HR, _("Name the HR person the dispute was resolved with."), field="with_hr")
    if outcome == Resolution.RESCORED:
        if score is None or not Decimal(0) <= Decimal(score) <= Decimal(100):
            raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Give the new score, 0 to 100."), field="score")
        item.original_score = item.score
        item.score = Decimal(score).quantize(TWO)
    item.resolution, item.resolution_reason = outcome, reason.strip()
    item.resolved_by, item.resolved_with_hr, item.resolved_at = actor, with_hr, timezone.now()
    item.save()
    items = list(evaluation.items.all())
    if not any(i.awaiting_resolution for i in items):
        _grade(evaluation, items)
        evaluation.status = EvaluationStatus.RESOLVED
        evaluation.locked_at = timezone.now()
        evaluation.stamp(actor)
        evaluation.save()
        resolve_todos([_dispute_key(evaluation)])
        with company_language():
            send([Notice(recipient_id=uid, title=_("The dispute of %(number)s is resolved: total %(total)s")
                         % {"number": evaluation.number, "total": evaluation.total if evaluation.total is not None
                            else _("not evaluated")}, url=evaluation.get_absolute_url(),
                         dedup_key=f"evaluation-resolved:{evaluation.pk}")
                  for uid in site_manager_ids(evaluation.contract)])  # fmt: skip
        _finalised(evaluation, actor)
    return evaluation


def _finalised(evaluation: Evaluation, actor: User | None) -> None:
    """A final result below standard asks for a rectification plan and may open a PIP (PRF-7)."""
    from outsourcing.performance import improvement

    improvement.after_final_result(evaluation=evaluation, actor=actor)
