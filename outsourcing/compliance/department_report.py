"""Each department's periodic outsourcing report (AUD-3, P3§7: 业务部门需在其项目管理报告中纳入外包风险的监控状况): its
projects (and its sub-departments') with their disguised-dispatch score, open indicator findings, live risks and open
incidents, read by the department head (page and Excel) and by compliance readers for any department; each quarter
the department heads are told the report is ready."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from outsourcing.compliance.models import LIVE_RISK, DispatchScore, FindingStatus, IndicatorFinding, Risk
from outsourcing.compliance.models_incidents import Incident, IncidentStatus
from outsourcing.core.notices import Notice
from outsourcing.demands.models import Project
from outsourcing.org.models import Department, Role, RoleAssignment
from outsourcing.org.permissions import holds_role_for
from outsourcing.org.selectors import subtree_ids

QUARTER_MONTHS = (1, 4, 7, 10)


def may_read(user, department: Department) -> bool:
    return user.has_perm("compliance.view_compliance") or (
        not user.is_vendor_user and holds_role_for(user, Role.DEPT_HEAD, department)
    )


def departments_for(user) -> list[Department]:
    """The departments whose report the user reads: all for compliance readers, a head's own otherwise (its report
    takes in the departments under it)."""
    if user.has_perm("compliance.view_compliance"):
        return list(Department.objects.order_by("code"))
    own = {a.department_id for a in user.role_assignments_cached if a.role == Role.DEPT_HEAD and a.department_id}
    return list(Department.objects.filter(pk__in=own).order_by("code"))


def _counts(queryset) -> dict[int, int]:
    return dict(queryset.order_by().values_list("project_id").annotate(n=Count("id")))


def rows(department: Department) -> list[dict]:
    """One row per project of the department and those under it, riskiest first (five queries)."""
    projects = list(Project.objects.filter(department_id__in=subtree_ids({department.pk}))
                    .select_related("department").order_by("number"))  # fmt: skip
    ids = [p.pk for p in projects]
    scores = {s.project_id: s for s in DispatchScore.objects.filter(project_id__in=ids)}
    findings = _counts(IndicatorFinding.objects.filter(project_id__in=ids, status=FindingStatus.OPEN))
    risks = _counts(Risk.objects.filter(project_id__in=ids, status__in=LIVE_RISK))
    incidents = _counts(Incident.objects.filter(project_id__in=ids).exclude(status=IncidentStatus.CLOSED))
    found = [{"project": p, "score": scores.get(p.pk), "findings": findings.get(p.pk, 0),
              "risks": risks.get(p.pk, 0), "incidents": incidents.get(p.pk, 0)} for p in projects]  # fmt: skip
    return sorted(found, key=lambda r: (-(r["score"].score if r["score"] else 0), -r["findings"], r["project"].number))


def quarterly_notices(day: dt.date) -> list[Notice]:
    """On the first day of each quarter every department head is told its report is ready."""
    if day.day != 1 or day.month not in QUARTER_MONTHS:
        return []
    heads = RoleAssignment.objects.filter(role=Role.DEPT_HEAD, user__is_active=True, department__isnull=False)
    title = _("Outsourcing risk report of your department for the quarter starting %(day)s") % {"day": day}
    return [Notice(recipient_id=a.user_id, title=title, level="info",
                   url=reverse("compliance:department_report", args=[a.department_id]),
                   dedup_key=f"department-report:{a.department_id}:{day}") for a in heads]  # fmt: skip
