from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "outsourcing.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.contracts import changes, closing, models, permissions, reminders, review  # noqa: F401 - rules and daily checks
        from outsourcing.contracts import selectors as read
        from outsourcing.contracts import todos as home_todos
        from outsourcing.contracts.history import register_history_section
        from outsourcing.contracts.selectors import vendor_section
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos
        from outsourcing.org.document_types import register_document_type

        register_kinds(models.ContractFileKind, scanned=models.ContractFileKind.values)
        for model in (
            models.ContractTemplate,
            models.Contract,
            models.Milestone,
            models.ClauseCheck,
            models.ReviewCheck,
            models.TextWarningAnswer,
            models.ArchiveCopy,
            models.ConfidentialityAgreement,
            models.PerformanceBond,
            models.Amendment,
            models.RenewalDecision,
            models.BreachNotice,
            models.ExitItem,
            # notices are written through their proxies: auditlog hears a proxy's saves only if it is registered
            models.RectificationNotice,
            models.TerminationNotice,
            models.Suspension,
            models.TerminationRequest,
            models.NonRenewalNotice,
            models.PostProjectEvaluation,
        ):
            auditlog.register(model)
        register_section("vendor", order=20, template="contracts/_vendor_section.html", context=vendor_section)
        register_section("vendor", order=22, template="contracts/_vendor_projects.html", context=read.vendor_projects)
        register_section(
            "vendor", order=25, template="contracts/_vendor_evaluations.html", context=read.vendor_evaluations
        )
        # CON-8: the exit plan's own items are the first closing check; later apps add theirs (closing.py).
        closing.register_exit_plan_check()
        # CON-6: what the renewal decision is taken on; workforce, operations and later apps add their sections.
        register_history_section(code="amendments", order=10, title=lambda: gettext("Amendments"),
                                 rows=read.amendment_rows)  # fmt: skip
        register_history_section(code="breach_notices", order=20, title=lambda: gettext("Breach notices"),
                                 rows=read.notice_rows)  # fmt: skip
        register_history_section(code="suspensions", order=25, title=lambda: gettext("Suspensions"),
                                 rows=read.suspension_rows)  # fmt: skip
        # Co-review (会审, P2 2.1(2)): legal, HR, finance and the business department in parallel; then
        # management where the authority matrix requires it.
        register(
            DocumentKind(
                code="contract",
                blockers=lambda contract, role: review.approval_blockers(contract=contract, role=role),
                finished=lambda contract, **outcome: review.approval_finished(contract=contract, **outcome),
                label=_("Contract"),
                model=models.Contract,
                matrix_document_type=register_document_type("contract", _("Contract")),
                default_steps=(
                    StepSpec(1, _("Legal: legality, risk clauses, liability, disputes"), "legal"),
                    StepSpec(1, _("HR: employer duties, management boundary, no disguised dispatch"), "hr"),
                    StepSpec(1, _("Finance: payment terms, invoice type, tax"), "finance"),
                    StepSpec(1, _("Business: scope, SLA, acceptance"), "requester", "submitter_department"),
                    StepSpec(2, _("Management approval"), "management", "company", "authority_matrix"),
                ),
            )
        )
        register(
            DocumentKind(
                code="contract_change",
                finished=lambda amendment, **outcome: changes.amendment_finished(amendment=amendment, **outcome),
                label=_("Contract amendment or renewal"),
                model=models.Amendment,
                matrix_document_type=register_document_type("contract_change", _("Contract amendment or renewal")),
                default_steps=(
                    StepSpec(1, _("Legal review of the change"), "legal"),
                    StepSpec(1, _("Finance review of the change"), "finance"),
                    StepSpec(2, _("Management approval"), "management", "company", "authority_matrix"),
                ),
            )
        )
        # CON-6, P2 3.1(1): the decision to renew, select again or end is "reported for approval".
        register(
            DocumentKind(
                code="contract_renewal_decision",
                finished=lambda decision, **outcome: changes.renewal_decision_finished(decision=decision, **outcome),
                label=_("Renewal decision"),
                model=models.RenewalDecision,
                matrix_document_type="contract_change",  # registered above, with the amendments
                default_steps=(
                    StepSpec(
                        1, _("Department head: the decision for the project"), "dept_head", "submitter_department"
                    ),
                    StepSpec(2, _("Management approval"), "management", "company", "authority_matrix"),
                ),  # fmt: skip
            )
        )
        register(
            DocumentKind(
                code="contract_rectification",
                finished=lambda notice, **outcome: changes.notice_finished(notice=notice, **outcome),
                label=_("Rectification notice"),
                model=models.RectificationNotice,
                default_steps=(StepSpec(1, _("Legal review of the notice"), "legal"),),
            )
        )
        register(
            DocumentKind(
                code="contract_termination",
                finished=lambda notice, **outcome: changes.notice_finished(notice=notice, **outcome),
                label=_("Termination notice"),
                model=models.TerminationNotice,
                matrix_document_type=register_document_type("termination", _("Contract termination")),
                default_steps=(
                    StepSpec(1, _("Legal review of the notice"), "legal"),
                    StepSpec(2, _("Management approval"), "management", "company", "authority_matrix"),
                ),
            )
        )
        register_todos("contracts", order=40, items=home_todos.waiting)  # the home page's "waiting for me"
        # Its daily risk indicators (RSK-2), run and kept by the compliance app.
        from outsourcing.contracts import indicators

        indicators.register()
