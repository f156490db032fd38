from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from zhidu.core.admin_scope import TownshipScopedAdmin, TownshipScopedMixin
from zhidu.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(TownshipScopedAdmin):
    list_display = ["at", "township", "actor_name", "action", "summary", "address"]
    list_filter = ["township", "action"]
    search_fields = ["actor_name", "summary", "target_id"]

    # The audit trail is append-only: no one edits or deletes an entry through the application.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Every admin write is audited through its LogEntry (zhidu.core.admin_audit); the bulk "delete
# selected" action writes its LogEntries with bulk_create, which sends no signal. Deletions go one
# by one, each confirmed and audited.
admin.site.disable_action("delete_selected")


class ScopedUserAdmin(TownshipScopedMixin, UserAdmin):
    """A township's administrator manages its own people's accounts and cannot hand out superuser
    rights or permissions (which would lift the township scope)."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions", "groups"]
        return fields


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), ScopedUserAdmin)
