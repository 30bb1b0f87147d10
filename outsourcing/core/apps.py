from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "outsourcing.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        checks.register(personal_data_keys_check, checks.Tags.security)
        # The direct-management screen's default terms, on a fresh install, after upgrades, and after a flush.
        post_migrate.connect(_install_screen_terms, sender=self, dispatch_uid="core-default-screen-terms")
        # Names and titles are stored without bidirectional control characters (security finding 6).
        from outsourcing.core.bidi import strip_controls

        pre_save.connect(strip_controls, dispatch_uid="core-strip-bidi-controls")
        # Dates through the API lie within the same bounds as on the pages (security finding 6).
        from django.db import models
        from rest_framework import serializers

        from outsourcing.core.api_fields import PlausibleDateField

        serializers.ModelSerializer.serializer_field_mapping[models.DateField] = PlausibleDateField


def _install_screen_terms(sender, **kwargs):
    from outsourcing.core.screening import install_default_terms

    install_default_terms()


def personal_data_keys_check(app_configs=None, **kwargs):
    """No server starts without working keys for personal data (WRK-2): they are read on every filing."""
    from outsourcing.core.personal_data import configuration_errors

    return [checks.Error(problem, id="outsourcing.E001") for problem in configuration_errors()]
