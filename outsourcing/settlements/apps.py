from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class SettlementsConfig(AppConfig):
    name = "outsourcing.settlements"
    label = "settlements"
    verbose_name = _("Settlements")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.contracts.closing import register_closing_check
        from outsourcing.contracts.history import register_history_section
        from outsourcing.contracts.models import ExitCategory
        from outsourcing.contracts.review import register_approval_blockers
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos
        from outsourcing.org.document_types import register_document_type
        from outsourcing.settlements import (  # noqa: F401 - rules and daily checks register on import
            approval,
            construction,
            construction_checks,
            integration,
            models,
            permissions,
            reminders,
            todos,
        )
        from outsourcing.settlements.lines import register_line_type

        for model in (models.Settlement, models.AcceptanceLine, models.AdjustmentLine, models.IncentiveTable,
                      models.TaxRule, models.Invoice, models.Payment, models.HiddenCost, models.ConstructionTerms,
                      models.LabourCostTransfer, models.ProjectEvidence):  # fmt: skip
            auditlog.register(model)
        register_todos("settlements", order=60, items=todos.waiting)  # the home page's "waiting for me"
        # The contract's and vendor's pages and the renewal decision show the settlement history (CON-6, VEN-6).
        register_section("contract", order=60, template="settlements/_contract_section.html",
                         context=integration.contract_section)  # fmt: skip
        register_section("vendor", order=50, template="settlements/_vendor_section.html",
                         context=integration.vendor_section)  # fmt: skip
        # SET-6: the project's spend against its budget and reserve, with its hidden costs.
        register_section("project", order=50, template="settlements/_project_budget.html",
                         context=integration.project_budget_section)  # fmt: skip
        # CST-2..CST-4: the role, the labour-cost terms and transfers, the evidence; an owner-role contract's
        # approval is blocked without its labour-cost terms; the bank slip and the evidence scans are attachments.
        register_section("project", order=55, template="settlements/_project_construction.html",
                         context=integration.project_construction_section)  # fmt: skip
        register_approval_blockers(construction.terms_blockers)
        register_kinds(models.ConstructionFileKind, scanned=models.ConstructionFileKind.values)
        construction_checks.register()
        register_history_section(code="settlements", order=40, title=lambda: gettext("Settlements"),
                                 rows=integration.history_rows)  # fmt: skip
        # CON-8: the contract closes only when its final settlement is paid or waived (the exit plan's hook).
        register_closing_check(
            code="final_settlement_open",
            title=lambda: gettext("Final settlement not done"),
            rule=lambda: gettext(
                "The last period is settled and paid, or waived with a reason, before the contract closes (P2 3.1(3))."
            ),
            blockers=integration.open_final_settlements,
            guards={ExitCategory.SETTLEMENT},
        )
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
                    StepSpec(4, _("Management approval"), "management", "company", "authority_matrix"),
                ),
                finished=approval.approval_finished,
                blockers=approval.step_blockers,
            )
        )
        # Its daily risk indicator and disguised-dispatch sign (RSK-2..RSK-4), run and kept by the compliance app.
        from outsourcing.settlements import indicators

        indicators.register()
