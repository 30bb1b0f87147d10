from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "outsourcing.demands"
    label = "demands"
    verbose_name = _("Demands and projects")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.core.todos import register_todos
        from outsourcing.demands import models, permissions, services  # noqa: F401 - rules register on import
        from outsourcing.demands import todos as home_todos
        from outsourcing.org.document_types import register_document_type

        auditlog.register(models.Demand)
        auditlog.register(models.BudgetLine)
        auditlog.register(models.Project)
        register(
            DocumentKind(
                code="demand",
                blockers=lambda demand, role: services.approval_blockers(demand=demand, role=role),
                finished=lambda demand, **outcome: services.approval_finished(demand=demand, **outcome),
                label=_("Outsourcing demand"),
                model=models.Demand,
                matrix_document_type=register_document_type("demand", _("Outsourcing demand")),
                default_steps=(
                    StepSpec(1, _("Department head's first review"), "dept_head", "submitter_department"),
                    StepSpec(2, _("HR: compliance and employment model"), "hr"),
                    StepSpec(3, _("Finance: budget review"), "finance"),
                    StepSpec(4, _("Legal: legal risk assessment"), "legal"),
                    StepSpec(5, _("Management approval"), "management", "company", "authority_matrix"),
                ),
            )
        )
        register_todos("demands", order=20, items=home_todos.waiting)  # the home page's "waiting for me"
        # Its disguised-dispatch sign (RSK-3), scored per project by the compliance app.
        from outsourcing.demands import indicators

        indicators.register()
