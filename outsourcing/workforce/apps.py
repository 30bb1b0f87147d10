from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "outsourcing.workforce"
    label = "workforce"
    verbose_name = _("Outsourced workers")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos
        from outsourcing.workforce import (  # noqa: F401 - daily checks
            access,
            contract_exit,
            contract_history,
            models,
            permissions,
            reminders,
        )
        from outsourcing.workforce import todos as home_todos
        from outsourcing.workforce.selectors import contract_certificates_section, vendor_section

        # The trail records what changed, never the personal data itself (WRK-2): no ciphertext, no hash,
        # no name (an anonymised record must not survive in its own history).
        auditlog.register(
            models.Worker,
            exclude_fields=["id_cipher", "id_hash", "id_masked", "phone_cipher", "phone_hash", "phone_masked", "name",
                            "consent_reference", "realname_reference", "decision_note", "entry"],
        )  # fmt: skip
        # A request's full text is in the trail (OPS-2: what the company asked of the vendor, as evidence).
        auditlog.register(models.WorkerRequest, exclude_fields=["vendor_response"])
        for model in (models.EntryRecord, models.AccessGrant, models.IssuedItem, models.MonthlyProof,
                      models.ExitRequest, models.ProofLine, models.InsuranceList,
                      models.SpecialOperationCertificate):  # fmt: skip
            auditlog.register(model)
        register_kinds(models.WorkerFileKind, scanned=models.SCANNED_WORKER_FILES)
        contract_exit.register()  # the contract's people must be out before it closes (loophole 3)
        contract_history.register()  # the workers' figures beside the renewal decision (CON-6)
        register_section("vendor", order=30, template="workforce/_vendor_section.html", context=vendor_section)
        # The contract's special work: its workers' special-operation certificates (CON-9).
        register_section("contract", order=40, template="workforce/_contract_certificates.html",
                         context=contract_certificates_section)  # fmt: skip
        # Least privilege (WRK-5): the business department arranges access (policy P2 2.2(2)); its head approves.
        register(
            DocumentKind(
                code="access_grant",
                blockers=lambda grant, role: access.approval_blockers(grant=grant),
                finished=lambda grant, **outcome: access.approval_finished(grant=grant, **outcome),
                label=_("Access grant for an outsourced worker"),
                model=models.AccessGrant,
                default_steps=(
                    StepSpec(
                        1,
                        _("Department head: the access is needed and no wider than the work"),
                        "dept_head",
                        "submitter_department",
                    ),
                ),  # fmt: skip
            )
        )
        register_todos("workforce", order=50, items=home_todos.waiting)  # the home page's "waiting for me"
        # Its daily risk indicators (RSK-2), run and kept by the compliance app.
        from outsourcing.workforce import indicators

        indicators.register()
