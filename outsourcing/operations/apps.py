from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "outsourcing.operations"
    label = "operations"
    verbose_name = _("Daily operations")

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.attachments.kinds import register_kinds
        from outsourcing.core.sections import register_section
        from outsourcing.operations import contract_history, models, permissions, reminders  # noqa: F401
        from outsourcing.operations.selectors import contract_section

        register_kinds(models.OperationsFileKind)
        for model in (models.WorkInstruction, models.KickOff, models.InterfacePerson, models.Meeting,
                      models.ActionItem, models.MeetingAttendee):  # fmt: skip
            auditlog.register(model)
        # Every contract page names its current interface persons (OPS-4), its kick-off and open instructions.
        contract_history.register()  # instructions and meetings beside the renewal decision (CON-6)
        register_section("contract", order=40, template="operations/_contract_section.html", context=contract_section)
        # Its disguised-dispatch sign (RSK-3), scored per project by the compliance app.
        from outsourcing.operations import indicators

        indicators.register()
