from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "outsourcing.attachments"
    label = "attachments"
    verbose_name = _("Attachments")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.attachments import models, permissions  # noqa: F401 - rules register on import

        # Every upload and removal is in the trail: which file (name, kind, size, checksum) on which document, by
        # whom (issue 13, item 5). The stored path is a random name and says nothing.
        auditlog.register(models.Attachment, exclude_fields=["file"])
