"""The vendor's side of each period: its performance report (绩效服务报告, PRF-5) — figures, analysis, reasons for
misses, improvement measures — and its feedback on the company (360度反馈, PRF-8): clarity of requirements,
timeliness of confirmations and payments, cooperation, 1 to 5 each. Both by the vendor's site manager, once per
contract and period of the SLA in force; a finished period without a report is reminded."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from outsourcing.contracts.models import Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance import periods, selectors
from outsourcing.performance.errors import ErrorCode
from outsourcing.performance.models import VendorFeedback, VendorReport


def report_days() -> int:
    """Days after a period's end the vendor's report is due (settings.PERFORMANCE_REPORT_DAYS, default 5)."""
    return int(getattr(settings, "PERFORMANCE_REPORT_DAYS", 5))


def _period(actor: User, contract: Contract, day: dt.date | None) -> tuple[dt.date, dt.date]:
    if not actor.has_perm("performance.report_period", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor's site manager reports for its own contracts."),
                            status=403)  # fmt: skip
    if day is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the period."), field="day")
    sla = selectors.sla_in_force(contract.pk, day)
    if sla is None:
        raise RuleViolation(ErrorCode.NO_SLA, _("%(contract)s has no approved SLA in force on %(day)s.")
                            % {"contract": contract.number, "day": day}, field="day")  # fmt: skip
    start, end = periods.period_bounds(sla.period, day)
    if end >= today():
        raise RuleViolation(ErrorCode.DATES, _("The period %(start)s to %(end)s has not ended yet.")
                            % {"start": start, "end": end}, field="day")  # fmt: skip
    return start, end


def _required(**texts) -> None:
    for name, value in texts.items():
        required_text(value, field=name, code=ErrorCode.REQUIRED, message=_("Fill in every required field."))


@transaction.atomic
def submit_report(*, actor: User, contract: Contract, day: dt.date | None, figures: str, analysis: str, misses: str,
                  measures: str) -> VendorReport:  # fmt: skip
    """The vendor's report of a finished period (PRF-5); the project owner is told."""
    start, end = _period(actor, contract, day)
    _required(figures=figures, analysis=analysis, measures=measures)
    report = VendorReport(
        contract=contract,
        period_start=start,
        period_end=end,
        figures=figures.strip(),
        analysis=analysis.strip(),
        misses=(misses or "").strip(),
        measures=measures.strip(),
    )
    report.stamp(actor)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise Conflict(ErrorCode.DUPLICATE, _("The report of %(start)s to %(end)s is already submitted.")
                       % {"start": start, "end": end}, field="day") from exc  # fmt: skip
    if contract.project.owner_id:
        with company_language():
            send([Notice(recipient_id=contract.project.owner_id,
                         title=_("%(vendor)s submitted its performance report for %(start)s to %(end)s")
                         % {"vendor": contract.vendor.name, "start": start, "end": end},
                         url="/performance/reports/", dedup_key=f"vendor-report:{report.pk}")])  # fmt: skip
    return report


@transaction.atomic
def give_feedback(*, actor: User, contract: Contract, day: dt.date | None, clarity: int, confirmations: int,
                  payments: int, cooperation: int, comments: str = "") -> VendorFeedback:  # fmt: skip
    """The vendor rates the company's side of a finished period (PRF-8), 1 to 5 each."""
    start, _end = _period(actor, contract, day)
    marks = {"clarity": clarity, "confirmations": confirmations, "payments": payments, "cooperation": cooperation}
    for name, mark in marks.items():
        if mark is None or not 1 <= int(mark) <= 5:
            raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Rate each point from 1 to 5."), field=name)
    feedback = VendorFeedback(contract=contract, period_start=start, comments=(comments or "").strip(),
                              **{k: int(v) for k, v in marks.items()})  # fmt: skip
    feedback.stamp(actor)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as exc:
        raise Conflict(ErrorCode.DUPLICATE, _("Feedback for this period is already given."), field="day") from exc
    return feedback


def reports_late(day: dt.date) -> list[tuple[Contract, dt.date, dt.date]]:
    """(contract, start, end) of live contracts whose last finished period has had no report for its days."""
    late = []
    reported = set(VendorReport.objects.values_list("contract_id", "period_start"))
    for contract, start, end in selectors.finished_periods(day):
        if end + dt.timedelta(days=report_days()) < day and (contract.pk, start) not in reported:
            late.append((contract, start, end))
    return late
