from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "outsourcing.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from outsourcing.org.middleware import start_session_clock

        # Session plumbing, not a business rule: the idle clock and a vendor's browser-close expiry start at login.
        user_logged_in.connect(start_session_clock, dispatch_uid="org.start_session_clock")
