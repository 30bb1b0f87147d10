from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_catalogue(sender, **kwargs):
    from outsourcing.vendors.catalogue import install_defaults

    install_defaults()


class VendorsConfig(AppConfig):
    name = "outsourcing.vendors"
    label = "vendors"
    verbose_name = _("Vendor pool")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register, set_category_choices
        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.core.todos import register_todos
        from outsourcing.vendors import admission, models, permissions, reminders  # noqa: F401 - rules and daily checks
        from outsourcing.vendors import todos as home_todos

        # Approval steps may apply to some service categories only (WF-1).
        active = models.ServiceCategory.objects.filter(is_active=True).order_by("code")
        set_category_choices(lambda: list(active.values_list("code", "name")))
        # Which categories a vendor offers and which licences a category needs are audited too.
        register_kinds(models.VendorFileKind, scanned=models.VendorFileKind.values)
        auditlog.register(models.Vendor, m2m_fields={"categories"})
        auditlog.register(models.ServiceCategory, m2m_fields={"required_licences"})
        for model in (
            models.Affiliate,
            models.VendorAccount,
            models.QualificationDocument,
            models.StatusChange,
            models.AdmissionReview,
            models.CriterionResult,
            models.DueDiligence,
            models.ProfileChangeRequest,
            models.LicenceType,
        ):
            auditlog.register(model)
        register(
            DocumentKind(
                code="vendor_admission",
                blockers=lambda review, role: admission.approval_blockers(review=review, role=role),
                finished=lambda review, **outcome: admission.approval_finished(review=review, **outcome),
                label=_("Vendor admission review"),
                model=models.AdmissionReview,
                # HR leads and submits the review; legal and finance co-review it (P1§7(三), P3§3, P3§5).
                default_steps=(
                    StepSpec(1, _("Legal: legal standing, licences and lawsuits"), "legal"),
                    StepSpec(1, _("Finance: financial standing"), "finance"),
                ),
            )
        )
        # The default licence types and categories, on a fresh install, after upgrades, and after a flush.
        post_migrate.connect(_install_catalogue, sender=self, dispatch_uid="vendors-default-catalogue")
        register_todos("vendors", order=30, items=home_todos.waiting)  # the home page's "waiting for me"
        # Its daily risk indicators (RSK-2), run and kept by the compliance app.
        from outsourcing.vendors import indicators

        indicators.register()
