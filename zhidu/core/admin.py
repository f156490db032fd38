from django.contrib import admin

from zhidu.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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
