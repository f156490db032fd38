from django.contrib import admin

from zhidu.core.admin_scope import TownshipScopedAdmin
from zhidu.org import models


class NoDeleteAdmin(TownshipScopedAdmin):
    # Organization rows are referenced by the permanent archive: deactivate or end a term instead.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Township)
class TownshipAdmin(NoDeleteAdmin):
    list_display = ["name", "code", "county", "doc_prefix"]


@admin.register(models.Department)
class DepartmentAdmin(NoDeleteAdmin):
    list_display = ["name", "township", "kind", "head"]
    list_filter = ["township", "kind"]


@admin.register(models.Village)
class VillageAdmin(NoDeleteAdmin):
    list_display = ["name", "township"]
    list_filter = ["township"]


@admin.register(models.Branch)
class BranchAdmin(NoDeleteAdmin):
    list_display = ["name", "township", "village"]
    list_filter = ["township"]


@admin.register(models.Person)
class PersonAdmin(NoDeleteAdmin):
    list_display = ["name", "township", "department", "title", "rank", "active"]
    list_filter = ["township", "rank", "active"]
    search_fields = ["name"]


@admin.register(models.TeamMembership)
class TeamMembershipAdmin(NoDeleteAdmin):
    list_display = ["person", "township", "role", "title", "is_principal", "starts_on", "ends_on"]
    list_filter = ["township", "role"]


class LeadingGroupMemberInline(admin.TabularInline):
    model = models.LeadingGroupMember
    extra = 0
    fields = ["person", "position", "township"]


@admin.register(models.LeadingGroup)
class LeadingGroupAdmin(NoDeleteAdmin):
    list_display = ["name", "township", "code"]
    inlines = [LeadingGroupMemberInline]
