from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail (X-1, AUD-2) on django-auditlog.

    Each app registers its own models with `auditlog.registry.auditlog.register` in its ready(); this
    one registers the organisation's, names the actor on each entry and keeps entries append-only.
    """

    name = "outsourcing.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from auditlog import get_logentry_model
        from auditlog.registry import auditlog
        from django.db.models.signals import pre_delete, pre_save

        from outsourcing.audit import actor, guards, permissions  # noqa: F401 - rules register on import
        from outsourcing.core.models import ScreenSign, ScreenTerm
        from outsourcing.org.models import (
            ApiToken,
            AuthorityMatrixVersion,
            AuthorityRule,
            Department,
            RoleAssignment,
            User,
        )

        # Passwords (even hashed) and log-in times are not history anyone needs to read.
        auditlog.register(User, exclude_fields=["password", "last_login"])
        for model in (Department, RoleAssignment, AuthorityMatrixVersion, AuthorityRule):
            auditlog.register(model)
        # Who issued or revoked an API key, never the key's hash; its last use is not a change of it.
        auditlog.register(ApiToken, exclude_fields=["key_hash", "password_stamp", "last_used_at"])
        # The direct-management screen: HR's terms as they change, and each sign as evidence (OPS-2, RSK-3).
        auditlog.register(ScreenTerm)
        auditlog.register(ScreenSign)

        LogEntry = get_logentry_model()
        pre_save.connect(guards.refuse_change, sender=LogEntry, dispatch_uid="audit-refuse-change")
        pre_save.connect(actor.name_actor, sender=LogEntry, dispatch_uid="audit-name-actor")
        pre_delete.connect(guards.refuse_delete, sender=LogEntry, dispatch_uid="audit-refuse-delete")
