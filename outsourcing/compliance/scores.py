"""The disguised-dispatch score per project (RSK-3): every registered sign runs like an indicator (its findings kept
as `dispatch:<code>`, opened and cleared by the daily job, each with its evidence and link); a project's score is
the sum of the weights (settings.DISPATCH_SIGN_WEIGHTS) of the distinct signs found on it, capped at 100, and its
level follows DISPATCH_LEVEL_MEDIUM and DISPATCH_LEVEL_HIGH. In general-contractor mode (CST-5) the signs that are
that role's legal duty (attendance, payroll on behalf) never count. A level change is told to HR once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.compliance import daily
from outsourcing.compliance.models import DispatchLevel, DispatchScore, FindingStatus, IndicatorFinding
from outsourcing.core.indicators import Indicator, general_contractor_project_ids, sign, signs, weight_of
from outsourcing.core.notices import Notice

PREFIX = "dispatch:"


def level_of(score: int) -> str:
    if score >= settings.DISPATCH_LEVEL_HIGH:
        return DispatchLevel.HIGH
    return DispatchLevel.MEDIUM if score >= settings.DISPATCH_LEVEL_MEDIUM else DispatchLevel.LOW


def as_indicator(entry) -> Indicator:
    return Indicator(PREFIX + entry.code, entry.label, entry.owner_app, entry.compute)


def run_signs(day: dt.date) -> None:
    for entry in signs():
        try:
            daily.run_one(as_indicator(entry), day)
        except Exception:  # one sign's failure is logged; the others still run
            daily.log.exception("dispatch sign %s failed on %s", entry.code, day)


def project_signs(project_id: int, *, general_contractor: set[int] | None = None) -> list[str]:
    """The codes of the signs counted on the project (open findings, less CST-5's legal duties)."""
    codes = sorted(
        {code.removeprefix(PREFIX) for code in sign_findings(project_id).values_list("indicator", flat=True)}
    )
    return _counted(project_id, codes, general_contractor)


def _counted(project_id: int, codes, general_contractor: set[int] | None) -> list[str]:
    gc = general_contractor_project_ids() if general_contractor is None else general_contractor
    found = []
    for code in codes:
        entry = sign(code)
        if entry is None or (project_id in gc and entry.legal_duty_in_general_contracting):
            continue
        found.append(code)
    return found


def score_of(codes) -> int:
    return min(100, sum(weight_of(sign(code)) for code in codes if sign(code)))


@transaction.atomic
def rescore(day: dt.date) -> list[Notice]:
    """Recompute every project's score from the open sign findings (two queries and one write per changed project);
    answers the notices of level changes for HR."""
    from outsourcing.compliance.selectors import hr_ids

    by_project: dict[int, set[str]] = {}
    for project_id, code in (IndicatorFinding.objects.filter(status=FindingStatus.OPEN, indicator__startswith=PREFIX,
                                                             project_id__isnull=False)
                             .values_list("project_id", "indicator").distinct()):  # fmt: skip
        by_project.setdefault(project_id, set()).add(code.removeprefix(PREFIX))
    gc = general_contractor_project_ids()
    stored = {s.project_id: s for s in DispatchScore.objects.select_related("project")}
    notices, hr = [], None
    for project_id in set(by_project) | set(stored):
        codes = _counted(project_id, sorted(by_project.get(project_id, ())), gc)
        score = score_of(codes)
        level = level_of(score)
        current = stored.get(project_id)
        if current is None:
            if not codes:
                continue
            current = DispatchScore.objects.create(project_id=project_id, score=score, level=level, signs=codes,
                                                   computed_on=day, level_since=day)  # fmt: skip
            changed = level != DispatchLevel.LOW
        else:
            if (current.score, current.level, current.signs) == (score, level, codes):
                continue
            changed = current.level != level
            current.score, current.signs, current.computed_on = score, codes, day
            if changed:
                current.level, current.level_since = level, day
            current.save()
        if changed:
            hr = hr if hr is not None else hr_ids()
            title = _("Disguised-dispatch level of %(project)s is now %(level)s (score %(score)s)") % {
                "project": current.project.number if current.project_id else project_id,
                "level": DispatchLevel(level).label, "score": score}  # fmt: skip
            notices += [Notice(recipient_id=uid, title=title, url=current.get_absolute_url(),
                               level="danger" if level == DispatchLevel.HIGH else "warning",
                               dedup_key=f"dispatch-level:{project_id}:{level}:{day}") for uid in hr]  # fmt: skip
    return notices


def sign_findings(project_id: int):
    """The project's open sign findings with their evidence and links, by sign."""
    return IndicatorFinding.objects.filter(project_id=project_id, status=FindingStatus.OPEN,
                                           indicator__startswith=PREFIX).order_by("indicator", "pk")  # fmt: skip
