from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "outsourcing.demands"
    label = "demands"
    verbose_name = _("Demands and projects")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.demands import models, permissions  # noqa: F401 - rules register on import
        from outsourcing.org.models import DocumentType

        auditlog.register(models.Demand)
        auditlog.register(models.BudgetLine)
        auditlog.register(models.Project)
        register(
            DocumentKind(
                code="demand",
                label=_("Outsourcing demand"),
                model=models.Demand,
                matrix_document_type=DocumentType.DEMAND,
                default_steps=(
                    StepSpec(1, "业务部门负责人初审", "dept_head", "submitter_department"),
                    StepSpec(2, "人力资源部合规与用工模式审核", "hr"),
                    StepSpec(3, "财务部预算审核", "finance"),
                    StepSpec(4, "法务部法律风险评估", "legal"),
                    StepSpec(5, "公司管理层审批", "management", "company", "authority_matrix"),
                ),
            )
        )
