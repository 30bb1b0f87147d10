from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "outsourcing.performance"
    label = "performance"
    verbose_name = _("Performance")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos
        from outsourcing.performance import contract_history, models, permissions, reminders, scorecards  # noqa: F401
        from outsourcing.performance import todos as home_todos
        from outsourcing.performance.selectors import contract_section, vendor_section
        from outsourcing.performance.slas import sla_finished

        register_kinds(models.PerformanceFileKind)  # the annexes of the vendor's period report (PRF-5)
        for model in (models.Kpi, models.SlaVersion, models.SlaItem, models.KpiValue, models.Evaluation,
                      models.EvaluationItem, models.RectificationPlan, models.Pip, models.PipMilestone,
                      models.TerminationProposal, models.VendorReport, models.VendorFeedback,
                      models.PoolProposal):  # fmt: skip
            auditlog.register(model)
        # The contract page shows the SLA in force, the latest results, plans and PIPs (PRF-4, CON-6); the vendor
        # page its performance history (VEN-6).
        register_section("contract", order=50, template="performance/_contract_section.html", context=contract_section)
        register_section("vendor", order=40, template="performance/_vendor_section.html", context=vendor_section)
        register_section("qbr", order=10, template="performance/_qbr_section.html", context=scorecards.qbr_section)
        register_todos("performance", order=60, items=home_todos.waiting)  # the home page's "waiting for me"
        contract_history.register()  # evaluations, disputes, rectifications and PIPs beside the renewal (CON-6)
        # A version of a contract's SLA, and each revision with its reason, is approved before it is in force (PRF-2).
        register(
            DocumentKind(
                code="sla_version",
                label=_("SLA version"),
                model=models.SlaVersion,
                default_steps=(
                    StepSpec(1, _("HR: KPIs, weights and thresholds"), "hr"),
                    StepSpec(1, _("Business head: targets and service"), "dept_head", "submitter_department"),
                ),
                finished=sla_finished,
            )
        )
        # Its daily risk indicators (RSK-2), run and kept by the compliance app.
        from outsourcing.performance import indicators

        indicators.register()
