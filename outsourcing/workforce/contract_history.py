"""The workers' figures beside a contract's renewal decision (CON-6): a history section contributed to the
contracts app's registry (contracts.history), registered in WorkforceConfig.ready()."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from outsourcing.contracts.history import register_history_section
from outsourcing.workforce.models import ExitRequest, MonthlyProof, ProofStatus, Worker, WorkerStatus


def worker_figures(contract) -> list[str]:
    counts = dict(Worker.objects.filter(contract=contract).order_by().values_list("status").annotate(n=Count("id")))
    if not counts:
        return []
    rows = [
        _("Workers: %(figures)s")
        % {"figures": "，".join(f"{WorkerStatus(s).label} {counts[s]}" for s in WorkerStatus.values if s in counts)}
    ]
    asked = ExitRequest.objects.filter(worker__contract=contract).count()
    if asked:
        rows.append(_("Exits asked of the vendor: %(n)s") % {"n": asked})
    proofs = dict(
        MonthlyProof.objects.filter(project_id=contract.project_id, vendor_id=contract.vendor_id)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )  # fmt: skip
    if proofs:
        figures = "，".join(f"{ProofStatus(k).label} {v}" for k, v in proofs.items())
        rows.append(_("Monthly proofs: %(figures)s") % {"figures": figures})
    return rows


def register() -> None:
    register_history_section(code="workers", order=30, title=lambda: _("Workers"), rows=worker_figures)
