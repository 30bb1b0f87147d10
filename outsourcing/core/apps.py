from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "outsourcing.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        checks.register(personal_data_keys_check, checks.Tags.security)


def personal_data_keys_check(app_configs=None, **kwargs):
    """No server starts without working keys for personal data (WRK-2): they are read on every filing."""
    from outsourcing.core.personal_data import configuration_errors

    return [checks.Error(problem, id="outsourcing.E001") for problem in configuration_errors()]
