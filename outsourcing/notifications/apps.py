from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "outsourcing.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from outsourcing.core.notices import register_deliverer
        from outsourcing.notifications import checks, permissions, services  # noqa: F401 - checks and rules register on import

        register_deliverer(services.deliver)
