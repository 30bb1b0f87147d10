from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettlementsConfig(AppConfig):
    name = "outsourcing.settlements"
    label = "settlements"
    verbose_name = _("Settlements")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.org.document_types import register_document_type
        from outsourcing.settlements import approval, models, permissions  # noqa: F401 - rules
        from outsourcing.settlements.lines import register_line_type

        for model in (models.Settlement, models.AcceptanceLine, models.AdjustmentLine, models.IncentiveTable,
                      models.TaxRule, models.Invoice, models.Payment):  # fmt: skip
            auditlog.register(model)
        # The line types of SET-3; partnership adds gain sharing (PTN-2) the same way.
        register_line_type("performance", _("Performance (evaluation grade)"), 0)
        register_line_type("late_fine", _("Late fine"), -1)
        register_line_type("service_credit", _("Service credit"), -1)
        register_line_type("award", _("Award"), +1)
        register_line_type("correction", _("Correction after payment (credit or debit)"), 0)
        # SET-5: business head (workload and quality) → HR (the period's proofs, WRK-6) → finance (invoice, amount);
        # the authority matrix may add a level by amount.
        register(
            DocumentKind(
                code="settlement",
                label=_("Settlement"),
                model=models.Settlement,
                matrix_document_type=register_document_type("settlement", _("Settlement")),
                default_steps=(
                    StepSpec(1, _("Business head: workload and quality"), "dept_head", "submitter_department"),
                    StepSpec(2, _("HR: employment compliance"), "hr"),
                    StepSpec(3, _("Finance: invoice and amount"), "finance"),
                ),
                finished=approval.approval_finished,
                blockers=approval.step_blockers,
            )
        )
