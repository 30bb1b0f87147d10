from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "outsourcing.dashboard"
    label = "dashboard"
    verbose_name = _("Home and reports")

    def ready(self):
        from outsourcing.dashboard import permissions  # noqa: F401 - rules
