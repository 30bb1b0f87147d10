from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcingConfig(AppConfig):
    name = "outsourcing.sourcing"
    label = "sourcing"
    verbose_name = _("Vendor selection")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.core.sections import register_section
        from outsourcing.org.document_types import register_document_type
        from outsourcing.sourcing import award, events, models, permissions, reminders  # noqa: F401 - rules and daily checks
        from outsourcing.sourcing.selectors import vendor_section

        for model in (
            models.SourcingEvent,
            models.Candidate,
            models.StageResult,
            models.PanelMember,
            models.ScoreSheet,
            models.NegotiationNote,
            models.SingleSourceRequest,
            models.Award,
        ):
            auditlog.register(model)
        # The seal (SRC-3) holds in the audit trail too: an answer's content and quote lines are not copied
        # into it before the deadline, only that (and when, and by whom) an answer was given. Score values
        # stay on the sheets, which are written once and never changed.
        auditlog.register(models.Bid, include_fields=["candidate", "submitted_by", "submitted_at"])
        register(
            DocumentKind(
                code="sourcing_award",
                blockers=lambda document, role: award.approval_blockers(award=document, role=role),
                finished=lambda document, **outcome: award.approval_finished(award=document, **outcome),
                label=_("Vendor selection award"),
                model=models.Award,
                matrix_document_type=register_document_type("sourcing_award", _("Vendor selection award")),
                default_steps=(
                    StepSpec(1, _("Department head: the choice for the project"), "dept_head", "submitter_department"),
                    StepSpec(2, _("HR: compliance of the selection"), "hr"),
                    StepSpec(3, _("Management approval"), "management", "company", "authority_matrix"),
                ),
            )
        )
        register_section("vendor", order=10, template="sourcing/_vendor_section.html", context=vendor_section)
        register(
            DocumentKind(
                code="sourcing_single_source",
                finished=lambda request, **outcome: events.single_source_finished(request=request, **outcome),
                label=_("Single-source justification"),
                model=models.SingleSourceRequest,
                default_steps=(StepSpec(1, _("Management: approve a single source"), "management"),),
            )
        )
