"""Rectification and performance improvement (PRF-7): a final result below the SLA's pass mark asks the vendor for
a written rectification plan (root cause, actions, owner, deadline) that the company accepts or returns; the
contract's N-th failed period in a row (N per SLA version, default 2) opens a PIP with milestones and a
verification. A PIP ends passed, is extended once, or fails — a failed PIP proposes a termination notice to legal
(CON-7): a recorded proposal and a notice to legal, who drafts the notice on the contract's page."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.org.models import Role, RoleAssignment, User
from outsourcing.performance import selectors
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import (
    Evaluation,
    Pip,
    PipMilestone,
    PipStatus,
    PlanStatus,
    RectificationPlan,
    TerminationProposal,
)


def plan_days() -> int:
    """Days the vendor has to submit its rectification plan (settings.PERFORMANCE_PLAN_DAYS, default 10)."""
    return int(getattr(settings, "PERFORMANCE_PLAN_DAYS", 10))


def pip_days() -> int:
    """Length of a PIP (settings.PERFORMANCE_PIP_DAYS, default 60)."""
    return int(getattr(settings, "PERFORMANCE_PIP_DAYS", 60))


def _vendor_managers(contract) -> list[int]:
    from outsourcing.performance.evaluations import site_manager_ids

    return site_manager_ids(contract)


def failed_in_a_row(contract_id: int) -> list[Evaluation]:
    """The contract's latest final results that failed, newest first, up to the first one that did not
    (a period "not evaluated" breaks the run neither way: it is skipped)."""
    run = []
    for result in selectors.final_results(contract_id):
        if result.passed is None:
            continue
        if not result.passed:
            run.append(result)
        else:
            break
    return run


def after_final_result(*, evaluation: Evaluation, actor: User | None) -> None:
    if evaluation.passed is not False:
        return
    contract = evaluation.contract
    plan, created = RectificationPlan.objects.get_or_create(
        evaluation=evaluation, defaults={"contract": contract, "submit_by": today() + dt.timedelta(days=plan_days()),
                                         "created_by": actor, "updated_by": actor})  # fmt: skip
    notices = []
    if created:
        notices += [Notice(recipient_id=uid, title=_("%(number)s is below standard (%(total)s): submit a "
                                                     "rectification plan by %(day)s")
                           % {"number": evaluation.number, "total": evaluation.total, "day": plan.submit_by},
                           url=plan.get_absolute_url(), dedup_key=f"plan-requested:{plan.pk}", level="warning")
                    for uid in _vendor_managers(contract)]  # fmt: skip
    run = failed_in_a_row(contract.pk)
    if len(run) >= evaluation.sla.pip_after and not Pip.objects.filter(
            contract=contract, status__in=[PipStatus.OPEN, PipStatus.EXTENDED]).exists():  # fmt: skip
        pip = Pip(number=next_number("PIP"), contract=contract, deadline=today() + dt.timedelta(days=pip_days()))
        pip.stamp(actor)
        pip.save()
        pip.triggered_by.set(run[: evaluation.sla.pip_after])
        labels = "、".join(r.period_label for r in reversed(run[: evaluation.sla.pip_after]))
        for uid in {contract.project.owner_id, *_vendor_managers(contract)} - {None}:
            notices.append(
                Notice(
                    recipient_id=uid,
                    title=_(
                        "%(contract)s failed %(n)s periods in a row (%(periods)s): "
                        "performance improvement plan %(pip)s opened"
                    )
                    % {
                        "contract": contract.number,
                        "n": len(run[: evaluation.sla.pip_after]),
                        "periods": labels,
                        "pip": pip.number,
                    },
                    url=pip.get_absolute_url(),
                    dedup_key=f"pip-opened:{pip.pk}",
                    level="danger",
                )
            )
    with company_language():
        send(notices)


def _lock_plan(plan: RectificationPlan) -> RectificationPlan:
    return (
        RectificationPlan.objects.select_for_update(of=("self",))
        .select_related("contract__project", "evaluation")
        .get(pk=plan.pk)
    )


@transaction.atomic
def submit_plan(*, actor: User, plan: RectificationPlan, root_cause: str, actions: str, owner: str,
                deadline: dt.date | None) -> RectificationPlan:  # fmt: skip
    """The vendor's written plan: root cause, actions, who at the vendor owns them, and by when."""
    plan = _lock_plan(plan)
    if plan.status not in (PlanStatus.REQUESTED, PlanStatus.RETURNED):
        raise Conflict(ErrorCode.WRONG_STATUS, _("This plan is not waiting for the vendor."))
    if not actor.has_perm("performance.submit_plan", plan):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor's site manager writes the rectification plan."),
                            status=403)  # fmt: skip
    for name, value, label in (("root_cause", root_cause, _("the root cause")), ("actions", actions, _("the actions")),
                               ("owner", owner, _("who owns the actions"))):  # fmt: skip
        required_text(value, field=name, code=ErrorCode.REQUIRED, message=_("Write %(what)s.") % {"what": label})
    if deadline is None or deadline <= today():
        raise RuleViolation(ErrorCode.DATES, _("Give the day the rectification is done by, after today."),
                            field="deadline")  # fmt: skip
    if deadline > plan.contract.end_date:
        raise RuleViolation(ErrorCode.DATES, _("The deadline is after the contract ends (%(end)s).")
                            % {"end": plan.contract.end_date}, field="deadline")  # fmt: skip
    plan.root_cause, plan.actions, plan.owner, plan.deadline = root_cause.strip(), actions.strip(), owner.strip(), \
        deadline  # fmt: skip
    plan.status, plan.submitted_at = PlanStatus.SUBMITTED, timezone.now()
    plan.stamp(actor)
    plan.save()
    with company_language():
        send(
            [
                Notice(
                    recipient_id=plan.contract.project.owner_id,
                    title=_("Rectification plan for %(number)s submitted by %(vendor)s")
                    % {"number": plan.evaluation.number, "vendor": plan.contract.vendor.name},
                    url=plan.get_absolute_url(),
                    dedup_key=f"plan-submitted:{plan.pk}:{plan.submitted_at:%Y%m%d%H%M%S}",
                )
            ]
        )
    return plan


@transaction.atomic
def decide_plan(*, actor: User, plan: RectificationPlan, accept: bool, reason: str = "") -> RectificationPlan:
    """The company accepts the plan, or returns it with the reason for the vendor to revise."""
    plan = _lock_plan(plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This plan is not waiting for the company's decision."))
    if not actor.has_perm("performance.decide_plan", plan):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR decides on the plan."),
                            status=403)  # fmt: skip
    if not accept and not (reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say why the plan is returned."), field="reason")
    plan.status = PlanStatus.ACCEPTED if accept else PlanStatus.RETURNED
    plan.return_reason = "" if accept else reason.strip()
    plan.decided_at, plan.decided_by = timezone.now(), actor
    if not accept:
        plan.submit_by = max(plan.submit_by, today() + dt.timedelta(days=5))
    plan.stamp(actor)
    plan.save()
    with company_language():
        send([Notice(recipient_id=uid, title=(_("Rectification plan for %(number)s accepted") if accept else
                                              _("Rectification plan for %(number)s returned: %(reason)s"))
                     % {"number": plan.evaluation.number, "reason": plan.return_reason},
                     url=plan.get_absolute_url(), dedup_key=f"plan-decided:{plan.pk}:{plan.decided_at:%Y%m%d%H%M%S}")
              for uid in _vendor_managers(plan.contract)])  # fmt: skip
    return plan


def _lock_pip(pip: Pip, actor: User) -> Pip:
    pip = Pip.objects.select_for_update(of=("self",)).select_related("contract__project", "contract__vendor").get(
        pk=pip.pk)  # fmt: skip
    if not pip.is_open:
        raise Conflict(ErrorCode.WRONG_STATUS, _("%(number)s is closed.") % {"number": pip.number})
    if not actor.has_perm("performance.manage_pip", pip):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department or HR runs the PIP."), status=403)
    return pip


@transaction.atomic
def plan_pip(*, actor: User, pip: Pip, root_cause: str, actions: str) -> Pip:
    """The root-cause analysis and the actions agreed with the vendor."""
    pip = _lock_pip(pip, actor)
    if not (root_cause or "").strip() or not (actions or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the root-cause analysis and the actions."), field="root_cause")
    pip.root_cause, pip.actions = root_cause.strip(), actions.strip()
    pip.stamp(actor)
    pip.save()
    return pip


@transaction.atomic
def add_milestone(*, actor: User, pip: Pip, description: str, due_date: dt.date | None) -> PipMilestone:
    pip = _lock_pip(pip, actor)
    if not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Describe the milestone."), field="description")
    if due_date is None or due_date > pip.due:
        raise RuleViolation(ErrorCode.DATES, _("A milestone falls within the PIP, by %(day)s.") % {"day": pip.due},
                            field="due_date")  # fmt: skip
    return PipMilestone.objects.create(pip=pip, description=description.strip(), due_date=due_date)


@transaction.atomic
def complete_milestone(*, actor: User, milestone: PipMilestone, evidence: str) -> PipMilestone:
    _lock_pip(milestone.pip, actor)
    milestone = PipMilestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_at is not None:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This milestone is already done."))
    if not (evidence or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the evidence the milestone is reached."), field="evidence")
    milestone.done_at, milestone.evidence = timezone.now(), evidence.strip()
    milestone.save()
    return milestone


@transaction.atomic
def extend_pip(*, actor: User, pip: Pip, until: dt.date | None, reason: str) -> Pip:
    """A PIP may be extended once, with the reason."""
    pip = _lock_pip(pip, actor)
    if pip.status == PipStatus.EXTENDED:
        raise Conflict(ErrorCode.EXTENDED_ONCE, _("A PIP is extended only once: close it as passed or failed."))
    if not (reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say why the PIP is extended."), field="reason")
    if until is None or until <= pip.deadline or until > pip.contract.end_date:
        raise RuleViolation(ErrorCode.DATES, _("Extend to a day after %(day)s, within the contract's term.")
                            % {"day": pip.deadline}, field="until")  # fmt: skip
    pip.status, pip.extended_to, pip.extension_reason = PipStatus.EXTENDED, until, reason.strip()
    pip.stamp(actor)
    pip.save()
    return pip


@transaction.atomic
def close_pip(*, actor: User, pip: Pip, passed: bool, verification: str) -> Pip:
    """Close the PIP on its verification; a failure proposes a termination notice to legal (CON-7)."""
    pip = _lock_pip(pip, actor)
    if not (verification or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the verification: what was checked and found."),
                            field="verification")  # fmt: skip
    if passed and pip.milestones.filter(done_at__isnull=True).exists():
        raise RuleViolation(ErrorCode.WRONG_STATUS, _("A milestone is still open: a PIP passes when all are done."),
                            field="verification")  # fmt: skip
    pip.status = PipStatus.PASSED if passed else PipStatus.FAILED
    pip.verification = verification.strip()
    pip.closed_at, pip.closed_by = timezone.now(), actor
    pip.stamp(actor)
    pip.save()
    if not passed:
        periods = "、".join(e.period_label for e in pip.triggered_by.order_by("period_start"))
        proposal = TerminationProposal(
            pip=pip,
            contract=pip.contract,
            facts=_(
                "%(vendor)s failed the SLA of %(contract)s in %(periods)s; the performance improvement plan %(pip)s "
                "failed on verification: %(verification)s"
            )
            % {
                "vendor": pip.contract.vendor.name,
                "contract": pip.contract.number,
                "periods": periods,
                "pip": pip.number,
                "verification": pip.verification,
            },
        )
        proposal.stamp(actor)
        proposal.save()
        legal = set(
            RoleAssignment.objects.filter(role=Role.LEGAL, user__is_active=True).values_list("user_id", flat=True)
        )
        with company_language():
            send([Notice(recipient_id=uid, title=_("Termination notice proposed for %(contract)s: PIP %(pip)s failed")
                         % {"contract": pip.contract.number, "pip": pip.number}, body=proposal.facts,
                         url=pip.contract.get_absolute_url() + "#notices", dedup_key=f"pip-failed:{pip.pk}",
                         level="danger") for uid in sorted(legal)])  # fmt: skip
    return pip
