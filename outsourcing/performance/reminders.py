"""Daily checks of performance management (run by `manage.py run_daily_jobs`): evaluations not answered by their
day are confirmed by silence (recorded as such, PRF-6); reminders of the answer deadline, open disputes, due
evaluations and figures (PRF-3, PRF-6), SLA versions due for review — six months old or under a contract amended
in scope or price since (PRF-2) — rectification plans and PIPs past their days (PRF-7). Each notice is sent once
(its dedup key)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from outsourcing.core.notices import Notice, daily_check
from outsourcing.performance import evaluations, reports, rollups, selectors


@daily_check("performance.silence_confirms")
def silence_confirms(today: dt.date) -> list[Notice]:
    notices = []
    for evaluation in evaluations.confirm_by_silence(day=today):
        notices += [Notice(recipient_id=uid, title=_("%(number)s was not answered by %(day)s: recorded as confirmed")
                           % {"number": evaluation.number, "day": evaluation.answer_by},
                           url=evaluation.get_absolute_url(), dedup_key=f"evaluation-silence:{evaluation.pk}")
                    for uid in {evaluation.created_by_id, *evaluations.site_manager_ids(evaluation.contract)}
                    - {None}]  # fmt: skip
    return notices


@daily_check("performance.answer_due")
def answer_due(today: dt.date) -> list[Notice]:
    return [
        Notice(recipient_id=uid, title=_("Confirm or dispute %(number)s by %(day)s; silence counts as confirmation")
               % {"number": e.number, "day": e.answer_by}, url=e.get_absolute_url(),
               dedup_key=f"evaluation-answer-due:{e.pk}", level="warning")
        for e in selectors.published_answer_due(today) for uid in evaluations.site_manager_ids(e.contract)
    ]  # fmt: skip


@daily_check("performance.disputes_open")
def disputes_open(today: dt.date) -> list[Notice]:
    return [
        Notice(recipient_id=e.contract.project.owner_id, title=_("The dispute of %(number)s waits for your "
                                                                 "resolution with HR") % {"number": e.number},
               url=e.get_absolute_url(), dedup_key=f"evaluation-dispute-open:{e.pk}:{today:%Y-%W}", level="warning")
        for e in selectors.disputes_open(today) if e.contract.project.owner_id
    ]  # fmt: skip


@daily_check("performance.evaluation_due")
def evaluation_due(today: dt.date) -> list[Notice]:
    """The period ended: its figures are due from both sides, then the evaluation."""
    notices = []
    for contract, start, end in selectors.evaluations_due(today):
        facts = {"contract": contract.number, "start": start, "end": end}
        if contract.project.owner_id:
            notices.append(Notice(recipient_id=contract.project.owner_id,
                                  title=_("%(contract)s: figures and evaluation due for %(start)s to %(end)s") % facts,
                                  url=contract.get_absolute_url() + "#performance",
                                  dedup_key=f"evaluation-due:{contract.pk}:{start}", level="warning"))  # fmt: skip
        notices += [Notice(recipient_id=uid, title=_("%(contract)s: submit your figures for %(start)s to %(end)s")
                           % facts, dedup_key=f"data-due:{contract.pk}:{start}")
                    for uid in evaluations.site_manager_ids(contract)]  # fmt: skip
    return notices


@daily_check("performance.sla_review")
def sla_review(today: dt.date) -> list[Notice]:
    return [
        Notice(recipient_id=sla.contract.project.owner_id, title=_("%(sla)s has been in force since %(day)s: review "
                                                                   "it (at least every six months)")
               % {"sla": str(sla), "day": sla.valid_from}, url=sla.get_absolute_url(),
               dedup_key=f"sla-review:{sla.pk}", level="warning")
        for sla in selectors.slas_due_for_review(today) if sla.contract.project.owner_id
    ]  # fmt: skip


@daily_check("performance.sla_review_after_change")
def sla_review_after_change(today: dt.date) -> list[Notice]:
    """A contract amended in scope or price since its SLA version was approved: review the SLA (PRF-2)."""
    return [
        Notice(recipient_id=sla.contract.project.owner_id, title=_("%(contract)s was amended (%(amendment)s) after "
                                                                   "%(sla)s was approved: review the SLA")
               % {"contract": sla.contract.number, "amendment": amendment.number, "sla": str(sla)},
               url=sla.get_absolute_url(), dedup_key=f"sla-review-change:{sla.pk}:{amendment.pk}", level="warning")
        for sla, amendment in selectors.slas_changed_under(today) if sla.contract.project.owner_id
    ]  # fmt: skip


@daily_check("performance.improvement_deadlines")
def improvement_deadlines(today: dt.date) -> list[Notice]:
    notices = []
    for plan in selectors.plans_overdue(today):
        notices += [Notice(recipient_id=uid, title=_("The rectification plan for %(number)s was due on %(day)s")
                           % {"number": plan.evaluation.number, "day": plan.submit_by}, url=plan.get_absolute_url(),
                           dedup_key=f"plan-overdue:{plan.pk}:{plan.submit_by}", level="warning")
                    for uid in {plan.contract.project.owner_id, *evaluations.site_manager_ids(plan.contract)}
                    - {None}]  # fmt: skip
    for plan in selectors.plans_past_deadline(today).select_related("contract__project", "evaluation"):
        if plan.contract.project.owner_id:
            notices.append(Notice(recipient_id=plan.contract.project.owner_id,
                                  title=_("Check the rectification of %(number)s: its deadline %(day)s has passed")
                                  % {"number": plan.evaluation.number, "day": plan.deadline},
                                  url=plan.get_absolute_url(), dedup_key=f"plan-deadline:{plan.pk}"))  # fmt: skip
    for pip in selectors.pips_due(today):
        notices += [Notice(recipient_id=uid, title=_("%(pip)s reached its deadline %(day)s: verify and close it")
                           % {"pip": pip.number, "day": pip.due}, url=pip.get_absolute_url(),
                           dedup_key=f"pip-due:{pip.pk}:{pip.due}", level="warning")
                    for uid in {pip.contract.project.owner_id} - {None}]  # fmt: skip
    return notices


@daily_check("performance.reports_late")
def reports_late(today: dt.date) -> list[Notice]:
    """The vendor's performance report of the last period is late (PRF-5)."""
    return [
        Notice(recipient_id=uid, title=_("%(contract)s: your performance report for %(start)s to %(end)s is late")
               % {"contract": contract.number, "start": start, "end": end}, url="/performance/reports/",
               dedup_key=f"report-late:{contract.pk}:{start}", level="warning")
        for contract, start, end in reports.reports_late(today) for uid in evaluations.site_manager_ids(contract)
    ]  # fmt: skip


@daily_check("performance.annual_rollup")
def annual_rollup(today: dt.date) -> list[Notice]:
    """Last year's annual results: a vendor below the threshold is proposed to HR for suspension or removal."""
    return rollups.propose(year=today.year - 1)
