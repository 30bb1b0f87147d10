from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "outsourcing.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from outsourcing.core.notices import register_deliverer, register_resolver
        from outsourcing.notifications import permissions, services  # noqa: F401 - rules register on import

        register_deliverer(services.deliver)
        register_resolver(services.resolve)
