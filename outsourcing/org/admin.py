"""Django admin for operators (superusers). Day-to-day administration uses the app's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from outsourcing.org.models import AuthorityMatrixVersion, AuthorityRule, Department, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "kind", "department", "is_active"]
    list_filter = ["kind", "is_active", "department"]
    search_fields = ["username", "full_name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Organisation"), {"fields": ["full_name", "kind", "department", "title", "phone"]}),
    )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "is_active"]
    search_fields = ["name", "code"]


class AuthorityRuleInline(admin.TabularInline):
    model = AuthorityRule
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AuthorityMatrixVersion)
class AuthorityMatrixVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are published from the app's own page and never edited."""

    list_display = ["number", "note", "created_at", "created_by"]
    inlines = [AuthorityRuleInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
