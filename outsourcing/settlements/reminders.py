"""The settlements' daily checks (run by `manage.py run_daily_jobs`): a project's spend reaching an alert threshold of
its budget (SET-6) tells the project owner, the department's heads and finance, once per project and threshold."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from outsourcing.core.money import format_cny
from outsourcing.core.notices import Notice, daily_check
from outsourcing.demands.models import Project, ProjectStatus
from outsourcing.org.models import Department, Role, RoleAssignment
from outsourcing.settlements.budget import figures_for


def _recipients() -> tuple[dict[int, set[int]], set[int]]:
    """Department heads by department (a head covers the departments under theirs), and finance (two queries)."""
    heads: dict[int, set[int]] = {}
    finance: set[int] = set()
    for user_id, role, department_id in RoleAssignment.objects.filter(
            role__in=(Role.DEPT_HEAD, Role.FINANCE), user__is_active=True).values_list(
            "user_id", "role", "department_id"):  # fmt: skip
        if role == Role.FINANCE:
            finance.add(user_id)
        elif department_id is not None:
            heads.setdefault(department_id, set()).add(user_id)
    parents = dict(Department.objects.values_list("id", "parent_id"))
    covering: dict[int, set[int]] = {}
    for department_id in parents:
        node, seen = department_id, set()
        while node is not None and node not in seen:
            seen.add(node)
            covering.setdefault(department_id, set()).update(heads.get(node, set()))
            node = parents.get(node)
    return covering, finance


@daily_check("settlements.budget_threshold")
def budget_threshold(today: dt.date) -> list[Notice]:
    projects = list(Project.objects.filter(status=ProjectStatus.ACTIVE, budget__gt=0).select_related("demand"))
    figures = figures_for(projects)
    heads, finance = _recipients()
    notices = []
    for project in projects:
        found = figures[project.pk]
        if found.threshold is None:
            continue
        facts = {"number": project.number, "name": project.name, "percent": found.percent,
                 "threshold": found.threshold, "used": format_cny(found.used), "budget": format_cny(found.budget),
                 "reserve": format_cny(found.reserve)}  # fmt: skip
        title = _("%(number)s %(name)s: spend at %(percent)s%% of the budget (threshold %(threshold)s%%)") % facts
        body = _("Paid and committed %(used)s against the budget of %(budget)s and the risk reserve of %(reserve)s.") \
            % facts  # fmt: skip
        recipients = {project.owner_id} | heads.get(project.department_id, set()) | finance
        notices += [
            Notice(recipient_id=user_id, title=title, body=body, url=project.get_absolute_url() + "#budget",
                   dedup_key=f"budget-threshold:{project.pk}:{found.threshold}",
                   level="danger" if found.percent >= 100 else "warning")
            for user_id in sorted(recipients)
        ]  # fmt: skip
    return notices
