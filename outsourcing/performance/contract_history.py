"""Performance beside a contract's renewal decision (CON-6): the contract's evaluations, disputes, rectification
plans and PIPs, contributed to the contracts app's history registry in PerformanceConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext as _

from outsourcing.contracts.history import register_history_section
from outsourcing.performance.models import (
    Evaluation,
    EvaluationItem,
    EvaluationStatus,
    ItemAnswer,
    Pip,
    RectificationPlan,
)


def evaluation_rows(contract) -> list[str]:
    rows = []
    shown = Evaluation.objects.filter(contract=contract).exclude(status=EvaluationStatus.DRAFT)
    for e in shown.order_by("period_start", "id")[:60]:
        score = _("not evaluated") if e.total is None else f"{e.total} {e.grade}"
        verdict = "" if e.passed is None else (_("up to standard") if e.passed else _("below standard"))
        rows.append(" · ".join(filter(None, [f"{e.number} {e.period_label}", score, verdict, e.get_status_display()])))
    return rows


def dispute_rows(contract) -> list[str]:
    found = (EvaluationItem.objects.filter(evaluation__contract=contract, answer=ItemAnswer.DISPUTED)
             .select_related("evaluation").order_by("evaluation__period_start", "id")[:60])  # fmt: skip
    return [
        f"{i.evaluation.number} {i.evaluation.period_label} · {i.kpi_name} · "
        + (f"{i.get_resolution_display()}: {i.resolution_reason}" if i.resolution else _("waiting for resolution"))
        for i in found
    ]


def rectification_rows(contract) -> list[str]:
    found = RectificationPlan.objects.filter(contract=contract).select_related("evaluation")
    found = found.order_by("created_at", "id")[:60]
    return [f"{p.evaluation.number} {p.evaluation.period_label} · {p.get_status_display()}" for p in found]


def pip_rows(contract) -> list[str]:
    return [
        f"{p.number} · {p.get_status_display()} · " + _("deadline %(day)s") % {"day": p.due}
        for p in Pip.objects.filter(contract=contract).order_by("created_at", "id")[:20]
    ]


def register() -> None:
    register_history_section(code="evaluations", order=50, title=lambda: _("Performance evaluations"),
                             rows=evaluation_rows)  # fmt: skip
    register_history_section(code="disputes", order=52, title=lambda: _("Disputed evaluation items"),
                             rows=dispute_rows)  # fmt: skip
    register_history_section(code="rectifications", order=54, title=lambda: _("Rectification plans"),
                             rows=rectification_rows)  # fmt: skip
    register_history_section(code="pips", order=56, title=lambda: _("Performance improvement plans"), rows=pip_rows)
