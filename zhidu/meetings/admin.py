"""Admin for reference data. The archive is permanent (R1§10): nothing of a meeting is deleted here,
archived versions and minutes are read-only. The rule parameters are the township's one rule set
(zhidu.rules.admin)."""

from django.contrib import admin

from zhidu.core.admin_scope import TownshipScopedAdmin
from zhidu.meetings import models


class NoDelete(TownshipScopedAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnly(NoDelete):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Item)
class ItemAdmin(ReadOnly):
    list_display = ["title", "township", "category", "state", "owner", "created_at"]
    list_filter = ["township", "category", "state"]
    search_fields = ["title"]


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["title", "township", "body", "held_at", "state"]
    list_filter = ["township", "body", "state"]


@admin.register(models.Minutes)
class MinutesAdmin(ReadOnly):
    list_display = ["__str__", "township", "body", "year", "number", "meeting"]
    list_filter = ["township", "body", "year"]


@admin.register(models.ArchiveVersion)
class ArchiveVersionAdmin(ReadOnly):
    list_display = ["meeting", "version", "reason", "created_at"]
    list_filter = ["township"]
