"""The demands app's disguised-dispatch sign (RSK-3): an active project whose demand's self-check (DEM-3) answered
in the way of labour dispatch, with the answers as its evidence. Registered in the demands app's AppConfig; the
compliance app scores it per project."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.indicators import Finding, register_general_contractor_projects, register_sign
from outsourcing.demands.models import CompanyRole, Project, ProjectStatus
from outsourcing.demands.selfcheck import assess


def self_check(day: dt.date) -> list[Finding]:
    """One query: the active projects with their demand's answers, assessed as the demand page does."""
    findings = []
    for project in Project.objects.filter(status=ProjectStatus.ACTIVE).select_related("demand").order_by("pk"):
        result = assess(project.demand.self_check or {})
        if result.level == "low":
            continue
        answers = "; ".join(f"{s.question} {s.answer}" for s in result.signs)
        findings.append(Finding(key=f"project:{project.pk}", subject=f"{project.number} {project.name}",
                                evidence=_("The demand's self-check: %(answers)s") % {"answers": answers},
                                url=project.demand.get_absolute_url() + "#self-check",
                                fix_url=project.demand.get_absolute_url(), project_id=project.pk))  # fmt: skip
    return findings


def general_contractor_projects() -> set[int]:
    """CST-5: the projects the company runs as general contractor (施工总承包), by the recorded role (one query)."""
    return set(Project.objects.filter(company_role=CompanyRole.GENERAL_CONTRACTOR).values_list("pk", flat=True))


def register() -> None:
    register_general_contractor_projects(general_contractor_projects)
    register_sign("demand_self_check", gettext_lazy("The demand's self-check answers"), "demands", self_check,
                  weight_setting="DISPATCH_SIGN_WEIGHTS", default_weight=15,
                  legal_source="劳务派遣暂行规定 art. 27; DEM-3 self-check")  # fmt: skip
