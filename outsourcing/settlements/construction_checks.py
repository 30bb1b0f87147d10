"""The daily checks of wage protection on construction work (CST-2..CST-4), registered with the kernel's indicator
registry (RSK-2) and run by the compliance app; the late transfer also tells finance and the project owner.

On projects where the company is the construction owner (建设单位) or the general contractor (施工总承包):
- a month's labour-cost transfer past its due day and not recorded (CST-2);
- the project's evidence missing or expired: the dedicated wage account, the wage guarantee (deposit or bank
  guarantee), the rights-information board, the project's work-injury insurance (CST-3);
- a month whose payroll-on-behalf proof (总包代发) is missing or below the wage table of that month's proofs (CST-3);
- a wage line not paid to the worker's own account (班组长代领, CST-4);
- a worker with site access in a month whose proofs hold no paid wage line for them (CST-4).
Each is a few set-based queries, whatever the number of projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.models import ContractStatus
from outsourcing.core.indicators import Finding, register_indicator
from outsourcing.core.money import format_cny
from outsourcing.core.notices import Notice, daily_check
from outsourcing.demands.models import CompanyRole, Project, ProjectStatus
from outsourcing.org.models import Role, RoleAssignment
from outsourcing.settlements.models_construction import (
    GUARANTEE_EVIDENCE,
    STANDING_EVIDENCE,
    EvidenceKind,
    LabourCostTransfer,
    ProjectEvidence,
)
from outsourcing.workforce.models import AccessGrant, AccessKind, GrantStatus, MonthlyProof, ProofLine

CONSTRUCTION_ROLES = (CompanyRole.OWNER, CompanyRole.GENERAL_CONTRACTOR)


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def construction_projects() -> list[Project]:
    return list(Project.objects.filter(status=ProjectStatus.ACTIVE, company_role__in=CONSTRUCTION_ROLES).order_by("pk"))


def late_transfers(day: dt.date):
    return (
        LabourCostTransfer.objects.filter(paid_on=None, due_on__lt=day)
        .exclude(contract__status=ContractStatus.CLOSED)
        .select_related("contract__project")
        .order_by("due_on", "pk")
    )


def transfers_late(day: dt.date) -> list[Finding]:
    """CST-2: a month's labour-cost transfer past its due day (one query)."""
    return [
        Finding(
            key=f"transfer:{t.pk}",
            subject=f"{t.contract.number} {t.month:%Y-%m}",
            evidence=_("Labour cost %(amount)s for %(month)s was due on %(due)s and is not transferred")
            % {"amount": format_cny(t.amount), "month": f"{t.month:%Y-%m}", "due": t.due_on.isoformat()},
            url=t.get_absolute_url(),
            fix_url=t.get_absolute_url(),
            vendor_id=t.contract.vendor_id,
            contract_id=t.contract_id,
            project_id=t.contract.project_id,
        )
        for t in late_transfers(day)
    ]


@daily_check("settlements.labour_cost_transfer_late")
def transfer_late_notices(day: dt.date) -> list[Notice]:
    """CST-2: finance and the project owner hear of a late transfer once (its dedup key), a dispute or not."""
    finance = set(
        RoleAssignment.objects.filter(role=Role.FINANCE, user__is_active=True).values_list("user_id", flat=True)
    )
    notices = []
    for t in late_transfers(day):
        facts = {
            "number": t.contract.number,
            "month": f"{t.month:%Y-%m}",
            "due": t.due_on.isoformat(),
            "amount": format_cny(t.amount),
        }
        notices += [
            Notice(
                recipient_id=user_id,
                title=_("%(number)s: the labour cost of %(month)s (%(amount)s) was due on %(due)s") % facts,
                body=_(
                    "Transfer it to the project's dedicated wage account and attach the bank slip; a dispute "
                    "over the settlement does not stop it."
                ),
                url=t.get_absolute_url(),
                dedup_key=f"labour-cost-late:{t.pk}",
                level="danger",
            )
            for user_id in sorted(finance | {t.contract.project.owner_id})
        ]
    return notices


def evidence_gaps(day: dt.date) -> list[Finding]:
    """CST-3: the standing evidence missing or expired on `day` (two queries)."""
    projects = construction_projects()
    valid: dict[int, set[str]] = {}
    for project_id, kind in (
        ProjectEvidence.objects.filter(project__in=projects, valid_from__lte=day)
        .filter(Q(valid_until=None) | Q(valid_until__gte=day))
        .values_list("project_id", "kind")
    ):
        valid.setdefault(project_id, set()).add(kind)
    findings = []
    for project in projects:
        kinds = valid.get(project.pk, set())
        missing = [str(EvidenceKind(k).label) for k in STANDING_EVIDENCE if k not in kinds]
        if not kinds & set(GUARANTEE_EVIDENCE):
            missing.append(str(EvidenceKind.GUARANTEE_DEPOSIT.label))
        if missing:
            url = project.get_absolute_url() + "#construction"
            findings.append(
                Finding(
                    key=f"project:{project.pk}",
                    subject=f"{project.number} {project.name}",
                    evidence=_("Missing or expired: %(kinds)s") % {"kinds": "、".join(missing)},
                    url=url,
                    fix_url=url,
                    project_id=project.pk,
                )
            )
    return findings


def payroll_short(day: dt.date) -> list[Finding]:
    """CST-3: a past month with wage lines whose payroll-on-behalf proofs are missing or total less (two queries)."""
    projects = {p.pk: p for p in construction_projects()}
    wages = (
        ProofLine.objects.filter(proof__project_id__in=projects, proof__month__lt=day.replace(day=1), wage_paid=True)
        .values_list("proof__project_id", "proof__month")
        .annotate(total=Sum("wage_amount"))
    )
    payrolls = (
        ProjectEvidence.objects.filter(project_id__in=projects, kind=EvidenceKind.PAYROLL_ON_BEHALF)
        .values_list("project_id", "month")
        .annotate(total=Sum("amount"))
    )
    covered = {(p, m): total for p, m, total in payrolls}
    findings = []
    for project_id, month, total in sorted(wages):
        paid = covered.get((project_id, month)) or Decimal("0")
        if total and paid < total:
            project = projects[project_id]
            url = project.get_absolute_url() + "#construction"
            findings.append(
                Finding(
                    key=f"project:{project_id}:{month:%Y-%m}",
                    subject=f"{project.number} {month:%Y-%m}",
                    evidence=_("Payroll on behalf %(paid)s does not cover the wage table %(wages)s")
                    % {"paid": format_cny(paid), "wages": format_cny(total)},
                    url=url,
                    fix_url=url,
                    project_id=project_id,
                )
            )
    return findings


def wage_not_own_account(day: dt.date) -> list[Finding]:
    """CST-4: a paid wage line not to the worker's own account (a team leader or third party took it; one query)."""
    lines = (
        ProofLine.objects.filter(
            proof__project__company_role__in=CONSTRUCTION_ROLES,
            proof__project__status=ProjectStatus.ACTIVE,
            wage_paid=True,
            own_account=False,
        )
        .select_related("proof", "worker")
        .order_by("pk")
    )
    return [
        Finding(
            key=f"proof-line:{line.pk}",
            subject=f"{line.worker.badge_number} {line.proof.month:%Y-%m}",
            evidence=_("The wage of %(month)s was not paid to the worker's own account")
            % {"month": f"{line.proof.month:%Y-%m}"},
            url=line.proof.get_absolute_url(),
            fix_url=line.proof.get_absolute_url(),
            vendor_id=line.proof.vendor_id,
            contract_id=line.worker.contract_id,
            project_id=line.proof.project_id,
        )
        for line in lines
    ]


def worker_without_wage_line(day: dt.date) -> list[Finding]:
    """CST-4: a worker with site access (an area grant) in a month whose proofs hold no paid wage line for them
    (three queries)."""
    proofs = list(
        MonthlyProof.objects.filter(
            project__company_role__in=CONSTRUCTION_ROLES,
            project__status=ProjectStatus.ACTIVE,
            month__lt=day.replace(day=1),
        )
    )
    if not proofs:
        return []
    paid = set(ProofLine.objects.filter(proof__in=proofs, wage_paid=True).values_list("proof_id", "worker_id"))
    grants = (
        AccessGrant.objects.filter(
            kind=AccessKind.AREA,
            status__in=(GrantStatus.APPROVED, GrantStatus.REVOKED),
            worker__project_id__in={p.project_id for p in proofs},
        )
        .select_related("worker")
        .order_by("pk")
    )
    by_key = {(p.vendor_id, p.project_id): [] for p in proofs}
    for grant in grants:
        by_key.setdefault((grant.worker.vendor_id, grant.worker.project_id), []).append(grant)
    findings, seen = [], set()
    for proof in sorted(proofs, key=lambda p: (p.month, p.pk)):
        end = _month_end(proof.month)
        for grant in by_key.get((proof.vendor_id, proof.project_id), []):
            ended = grant.revoked_on if grant.status == GrantStatus.REVOKED and grant.revoked_on else grant.valid_until
            key = (grant.worker_id, proof.month)
            if grant.valid_from > end or ended < proof.month or (proof.pk, grant.worker_id) in paid or key in seen:
                continue
            seen.add(key)
            worker = grant.worker
            findings.append(
                Finding(
                    key=f"worker:{worker.pk}:{proof.month:%Y-%m}",
                    subject=f"{worker.badge_number} {proof.month:%Y-%m}",
                    evidence=_("Had site access (%(area)s) in %(month)s but no paid wage line in that month's proofs")
                    % {"area": grant.resource, "month": f"{proof.month:%Y-%m}"},
                    url=proof.get_absolute_url(),
                    fix_url=proof.get_absolute_url(),
                    vendor_id=proof.vendor_id,
                    contract_id=worker.contract_id,
                    project_id=proof.project_id,
                )
            )
    return findings


def register() -> None:
    for code, label, compute, description in (
        (
            "construction_transfer_late",
            gettext_lazy("Labour-cost transfer late"),
            transfers_late,
            gettext_lazy(
                "A month's labour cost was not transferred to the dedicated wage account by its due day (CST-2)."
            ),
        ),
        (
            "construction_evidence_gap",
            gettext_lazy("Construction wage evidence missing or expired"),
            evidence_gaps,
            gettext_lazy(
                "Wage account, wage guarantee, rights-information board or work-injury insurance missing or "
                "expired (CST-3)."
            ),
        ),
        (
            "construction_payroll_short",
            gettext_lazy("Payroll on behalf below the wage table"),
            payroll_short,
            gettext_lazy(
                "The general contractor's payroll-on-behalf proof is missing or below the month's wage table (CST-3)."
            ),
        ),
        (
            "construction_wage_not_own_account",
            gettext_lazy("Wage not paid to the worker's own account"),
            wage_not_own_account,
            gettext_lazy("A wage paid to a team leader or third party (CST-4)."),
        ),
        (
            "construction_worker_without_wage",
            gettext_lazy("Worker on site without a wage line"),
            worker_without_wage_line,
            gettext_lazy("A worker with site access in a month whose proofs hold no paid wage line for them (CST-4)."),
        ),
    ):
        register_indicator(code, label, "settlements", compute, description=description)
