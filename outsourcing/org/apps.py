from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "outsourcing.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from axes.models import AccessAttempt, AccessFailureLog
        from django.contrib.auth.signals import user_logged_in

        from outsourcing.core.todos import register_todos
        from outsourcing.org import reminders  # noqa: F401 - the daily check registers on import
        from outsourcing.org import todos as home_todos
        from outsourcing.org.middleware import start_session_clock

        # Session plumbing, not a business rule: the idle clock and a vendor's browser-close expiry start at login.
        user_logged_in.connect(start_session_clock, dispatch_uid="org.start_session_clock")
        # Failed logins and locks belong to the audit trail (security finding 2): each failure is a created
        # access-failure record, each unlock the deletion of the lock, with who lifted it.
        auditlog.register(AccessFailureLog, exclude_fields=["user_agent", "http_accept"])
        auditlog.register(AccessAttempt, include_fields=["username", "ip_address", "failures_since_start"])
        register_todos("org", order=90, items=home_todos.waiting)  # the home page's "waiting for me"
