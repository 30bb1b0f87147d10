"""Django admin for operators: the inbox rows and what each daily check run did (read-only)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outsourcing.notifications.models import DailyJobRun, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "level", "created_at", "read_at", "emailed_at"]
    list_filter = ["level", "created_at"]
    search_fields = ["title", "recipient__username", "recipient__full_name", "dedup_key"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(DailyJobRun)
class DailyJobRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "run_date", "started_at", "finished_at", "notices_created", "succeeded"]
    list_filter = ["name", "run_date"]
    date_hierarchy = "run_date"

    @admin.display(boolean=True, description=_("succeeded"))
    def succeeded(self, obj):
        return obj.succeeded
