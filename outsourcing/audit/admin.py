"""auditlog's entries in the Django admin, strictly read-only: nobody adds, changes or deletes one there.

auditlog's own admin lets a superuser delete entries in a cascade from another admin page; the audit
trail is append-only (X-1), so its registration is replaced by one that allows only viewing.
"""

from auditlog import get_logentry_model
from auditlog.admin import LogEntryAdmin
from django.contrib import admin

LogEntry = get_logentry_model()

if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
