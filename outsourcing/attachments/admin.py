"""Django admin for operators: attachments are read here, written only through the app (services.attach)."""

from django.contrib import admin

from outsourcing.attachments.models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "content_type", "object_id", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    list_select_related = ["content_type", "uploaded_by"]
    search_fields = ["original_name", "sha256"]
    readonly_fields = [f.name for f in Attachment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Removal goes through services.remove, which also deletes the stored file.
        return False
