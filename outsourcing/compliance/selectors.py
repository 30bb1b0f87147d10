"""Reading risk and compliance: the indicators with their open findings (RSK-2), the register and its heat map
(RSK-1)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet

from outsourcing.compliance.models import LIVE_RISK, DispatchScore, FindingStatus, IndicatorFinding, IndicatorRun, Risk
from outsourcing.core.indicators import indicators
from outsourcing.org.models import Role, RoleAssignment


def hr_ids() -> list[int]:
    return list(RoleAssignment.objects.filter(role=Role.HR, user__is_active=True)
                .values_list("user_id", flat=True).distinct())  # fmt: skip


def indicator_rows() -> list[dict]:
    """Every registered indicator with its open findings and its last run (two queries)."""
    counts = dict(IndicatorFinding.objects.filter(status=FindingStatus.OPEN).order_by()
                  .values_list("indicator").annotate(n=Count("id")))  # fmt: skip
    last_day = IndicatorRun.objects.aggregate(day=Max("day"))["day"]
    last_runs = {run.indicator: run for run in IndicatorRun.objects.filter(day=last_day)} if last_day else {}
    return [{"code": i.code, "label": i.label, "owner_app": i.owner_app, "description": i.description,
             "open": counts.get(i.code, 0), "last_run": last_runs.get(i.code)} for i in indicators()]  # fmt: skip


def findings(*, indicator: str = "", status: str = FindingStatus.OPEN, vendor_id=None, contract_id=None,
             project_id=None) -> QuerySet:  # fmt: skip
    found = IndicatorFinding.objects.all()
    if indicator:
        found = found.filter(indicator=indicator)
    if status:
        found = found.filter(status=status)
    for field, value in (("vendor_id", vendor_id), ("contract_id", contract_id), ("project_id", project_id)):
        if value:
            found = found.filter(**{field: value})
    return found.annotate(live_risks=Count("risks", filter=Q(risks__status__in=LIVE_RISK))).order_by(
        "indicator", "-opened_on", "id"
    )


def risks(*, status: str = "", category: str = "", search: str = "", live: bool = False) -> QuerySet:
    found = Risk.objects.select_related("owner", "vendor", "contract", "project", "finding")
    if status:
        found = found.filter(status=status)
    if live:
        found = found.filter(status__in=LIVE_RISK)
    if category:
        found = found.filter(category=category)
    if search:
        found = found.filter(Q(number__icontains=search) | Q(title__icontains=search))
    return found


def risks_due_for_review(day: dt.date) -> QuerySet:
    return Risk.objects.filter(status__in=LIVE_RISK, review_on__lte=day).select_related("owner")


def heat_map(found) -> dict:
    """Live risks counted per likelihood × impact cell (inherent and residual), for the chart: 5×5 cells."""
    cells = {"inherent": {}, "residual": {}}
    rows = (
        found.filter(status__in=LIVE_RISK)
        .order_by()
        .values_list("likelihood", "impact", "residual_likelihood", "residual_impact")
    )
    for likelihood, impact, r_likelihood, r_impact in rows:
        cells["inherent"][(likelihood, impact)] = cells["inherent"].get((likelihood, impact), 0) + 1
        cells["residual"][(r_likelihood, r_impact)] = cells["residual"].get((r_likelihood, r_impact), 0) + 1
    return {kind: [{"x": imp, "y": lik, "count": n, "score": lik * imp} for (lik, imp), n in sorted(counted.items())]
            for kind, counted in cells.items()}  # fmt: skip


def live_risks_of(**link) -> QuerySet:
    return Risk.objects.filter(status__in=LIVE_RISK, **link).select_related("owner")


def scores() -> QuerySet:
    return DispatchScore.objects.select_related("project__department").order_by("-score", "project_id")


def score_detail(project) -> dict:
    """The project's score with each sign counted: its weight, legal source and findings (two queries)."""
    from outsourcing.compliance.scores import PREFIX, sign_findings
    from outsourcing.core.indicators import sign, weight_of

    stored = DispatchScore.objects.filter(project=project).first()
    by_code: dict[str, list] = {}
    for finding in sign_findings(project.pk):
        by_code.setdefault(finding.indicator.removeprefix(PREFIX), []).append(finding)
    counted = set(stored.signs) if stored else set()
    rows = []
    for code, found in by_code.items():
        entry = sign(code)
        if entry is None:
            continue
        rows.append({"code": code, "label": entry.label, "weight": weight_of(entry), "legal_source": entry.legal_source,
                     "findings": found, "counted": code in counted})  # fmt: skip
    return {"project": project, "score": stored, "signs": sorted(rows, key=lambda r: -r["weight"])}


def section_for(request, project) -> dict | None:
    """The score box on a project's, contract's page: internal readers of compliance only."""
    if project is None or not request.user.has_perm("compliance.view_compliance"):
        return None
    stored = DispatchScore.objects.filter(project=project).first()
    return {"dispatch_score": stored, "dispatch_project": project}


def project_section(request, project) -> dict | None:
    return section_for(request, project)


def contract_section(request, contract) -> dict | None:
    return section_for(request, contract.project)


def vendor_section(request, vendor) -> dict | None:
    """The vendor's projects with a score above low (VEN-6)."""
    if not request.user.has_perm("compliance.view_compliance"):
        return None
    from outsourcing.contracts.models import Contract

    projects = Contract.objects.filter(vendor=vendor).values("project_id")
    found = list(scores().filter(project_id__in=projects).exclude(level="low"))
    return {"vendor_scores": found}


def incidents_for(user, *, status: str = "", kind: str = "") -> QuerySet:
    """The incidents the user may read: compliance readers, HR and legal all; a department's people those of its
    projects; a vendor user its own company's."""
    from outsourcing.compliance.models_incidents import Incident
    from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES
    from outsourcing.org.selectors import subtree_ids
    from outsourcing.vendors.permissions import vendor_id_of

    found = Incident.objects.select_related("vendor", "project", "contract")
    if status:
        found = found.filter(status=status)
    if kind:
        found = found.filter(kind=kind)
    if not getattr(user, "is_authenticated", False):
        return found.none()
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return found.filter(vendor_id=own) if own else found.none()
    if user.has_perm("compliance.view_compliance"):
        return found
    scoped = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
    return found.filter(project__department_id__in=subtree_ids(scoped)) if scoped else found.none()


def vendor_risks_section(request, vendor) -> dict | None:
    """The risks of the register on the vendor, its contracts or its projects, live ones first (VEN-6): one query."""
    if not request.user.has_perm("compliance.view_compliance"):
        return None
    from outsourcing.contracts.models import Contract

    projects = Contract.objects.filter(vendor=vendor).values("project_id")
    found = list(risks().filter(Q(vendor=vendor) | Q(contract__vendor=vendor) | Q(project_id__in=projects))
                 .order_by("closed_on", "-id")[:20])  # fmt: skip
    return {"vendor_risks": found} if found else None


def vendor_incidents_section(request, vendor) -> dict | None:
    """The vendor's incidents the viewer may read (its own user too), latest first (VEN-6): one query."""
    found = list(incidents_for(request.user).filter(vendor=vendor).order_by("-occurred_on", "-id")[:20])
    return {"vendor_incidents": found} if found else None


def audits(*, year: int | None = None, status: str = "") -> QuerySet:
    """The special audits (AUD-1) with their checklist's progress and open findings counted (one query)."""
    from outsourcing.compliance.models_audits import Audit, AuditStatus, CheckResult

    found = Audit.objects.select_related("lead").annotate(
        rules=Count("checks", distinct=True),
        unchecked=Count("checks", filter=Q(checks__result=CheckResult.PENDING), distinct=True),
        open_findings=Count("findings", filter=Q(findings__status=AuditStatus.OPEN), distinct=True),
    )
    if year:
        found = found.filter(year=year)
    if status:
        found = found.filter(status=status)
    return found.order_by("-year", "-id")


def audit_detail(audit) -> dict:
    """An audit's checklist (with each rule), its sample (by kind), its findings with their actions: four queries."""
    from django.db.models import Prefetch

    from outsourcing.compliance.models_audits import AuditAction

    samples: dict[str, list] = {}
    for sample in audit.samples.select_related("content_type").order_by("content_type__model", "position"):
        samples.setdefault(sample.content_type.model, []).append(sample)
    actions = Prefetch("actions", queryset=AuditAction.objects.select_related("owner"))
    return {
        "checks": list(audit.checks.select_related("rule").order_by("rule__code")),
        "samples": samples,
        "findings": list(audit.findings.select_related("owner", "check_item__rule").prefetch_related(actions)),
    }


def critical_services() -> dict:
    """RSK-5: the critical categories and their live contracts, each with its plan (three queries)."""
    from outsourcing.compliance.continuity import critical_contracts
    from outsourcing.compliance.models_continuity import ContinuityPlan, CriticalService

    contracts = list(critical_contracts().select_related("vendor", "award__event__category").order_by("number"))
    plans = {p.contract_id: p for p in ContinuityPlan.objects.filter(contract__in=contracts)}
    return {"critical": list(CriticalService.objects.select_related("category")),
            "contracts": [(c, plans.get(c.pk)) for c in contracts]}  # fmt: skip
