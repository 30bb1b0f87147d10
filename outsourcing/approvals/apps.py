from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_default_flows(sender, **kwargs):
    from outsourcing.approvals.flows import install_default_flows

    install_default_flows()


class ApprovalsConfig(AppConfig):
    name = "outsourcing.approvals"
    label = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals import models, permissions  # noqa: F401 - rules register on import
        from outsourcing.approvals import todos as home_todos
        from outsourcing.core.todos import register_todos

        for model in (
            models.ApprovalFlow,
            models.FlowStep,
            models.ApprovalRequest,
            models.ApprovalTask,
            models.Delegation,
        ):
            auditlog.register(model)
        # Every registered document type gets its default flow once, on a fresh install and after upgrades.
        post_migrate.connect(_install_default_flows, sender=self, dispatch_uid="approvals-default-flows")
        register_todos("approvals", order=10, items=home_todos.waiting)  # the home page's "waiting for me"
