from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "outsourcing.partnership"
    label = "partnership"
    verbose_name = _("Partnership")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos
        from outsourcing.org.document_types import register_document_type
        from outsourcing.partnership import awards, integration, models, permissions, reminders, tiers, todos  # noqa: F401
        from outsourcing.settlements.lines import register_line_type

        register_kinds(models.PartnershipFileKind)
        for model in (models.Proposal, models.RealisedBenefit, models.JointProject, models.JointMember,
                      models.JointMilestone, models.Award, models.TierChange, models.PlanActivity):  # fmt: skip
            auditlog.register(model)
        # PTN-2: the vendor's share of a confirmed saving, written only by partnership's service (never by hand).
        register_line_type("gain_sharing", _("Gain sharing (improvement proposal)"), +1, manual=False)
        register_todos("partnership", order=70, items=todos.waiting)
        register_section("vendor", order=70, template="partnership/_vendor_section.html",
                         context=integration.vendor_section)  # fmt: skip
        register_section("sourcing_candidates", order=10, template="partnership/_priority_rights.html",
                         context=integration.sourcing_candidates_section)  # fmt: skip
        # PTN-4 and VEN-5: management decides the annual award and the strategic tier through the approval engine.
        register(DocumentKind(
            code="partnership_award", label=_("Annual partner award"), model=models.Award,
            matrix_document_type=register_document_type("partnership_award", _("Annual partner award")),
            default_steps=(StepSpec(1, _("Management: the committee's decision"), "management"),),
            finished=awards.award_finished, blockers=awards.award_blockers))  # fmt: skip
        register(DocumentKind(
            code="strategic_tier_change", label=_("Strategic tier change"), model=models.TierChange,
            matrix_document_type=register_document_type("strategic_tier_change", _("Strategic tier change")),
            default_steps=(StepSpec(1, _("Management: the strategic tier"), "management"),),
            finished=tiers.tier_finished, blockers=tiers.tier_blockers))  # fmt: skip
