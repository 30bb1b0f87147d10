from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    """Risk and compliance on top of the lifecycle: it reads every app through its selectors and registries, and no
    app imports it."""

    name = "outsourcing.compliance"
    label = "compliance"
    verbose_name = _("Risk and compliance")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.compliance import (  # noqa: F401
            continuity,
            knowledge,
            models,
            partnership_facts,
            permissions,
            reminders,
            selectors,
        )
        from outsourcing.compliance import todos as home_todos
        from outsourcing.core.sections import register_section
        from outsourcing.core.todos import register_todos

        for model in (models.IndicatorFinding, models.IndicatorRun, models.Risk, models.DispatchScore, models.Incident,
                      models.IncidentEvent, models.IncidentAction, models.Acknowledgement, models.Audit,
                      models.AuditCheck, models.AuditSample, models.AuditFinding, models.AuditAction,
                      models.PolicyRule, models.WorkforceFigure, models.CriticalService,
                      models.ContinuityPlan, models.KnowledgeItem, models.KnowledgeHandover):  # fmt: skip
            auditlog.register(model)
        register_todos("compliance", order=90, items=home_todos.waiting)
        continuity.register()  # the compliance app's own indicators (RSK-2, RSK-5, RSK-6)
        partnership_facts.register()  # incidents and disputes for awards, high risks against the strategic tier
        knowledge.register()
        # The disguised-dispatch score on the project's, contract's and vendor's pages (RSK-3, VEN-6, CON-6).
        register_section(
            "project", order=90, template="compliance/_score_section.html", context=selectors.project_section
        )
        register_section(
            "contract", order=90, template="compliance/_score_section.html", context=selectors.contract_section
        )
        register_section(
            "vendor", order=90, template="compliance/_vendor_section.html", context=selectors.vendor_section
        )
        # The vendor's risks and incidents on its page (VEN-6); its own user sees its incidents in the portal.
        register_section("vendor", order=70, template="compliance/_vendor_incidents.html",
                         context=selectors.vendor_incidents_section)  # fmt: skip
        register_section("vendor", order=80, template="compliance/_vendor_risks.html",
                         context=selectors.vendor_risks_section)  # fmt: skip
