from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "outsourcing.attachments"
    label = "attachments"
    verbose_name = _("Attachments")

    def ready(self):
        from outsourcing.attachments import permissions  # noqa: F401 - rules register on import
