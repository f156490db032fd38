from django.contrib import admin
from django.http import HttpRequest

from zhidu.core.admin_scope import TownshipScopedAdmin
from zhidu.obligations.models import Obligation


@admin.register(Obligation)
class ObligationAdmin(TownshipScopedAdmin):
    list_display = ["title", "township", "article", "assignee", "due_at", "state", "provisional"]
    list_filter = ["township", "state", "article", "provisional"]
    search_fields = ["title", "key"]
    readonly_fields = [
        f
        for f in [
            "due_at",
            "escalate_at",
            "reminder_level",
            "delivered_level",
            "overdue_since",
            "completed_at",
            "completed_by",
            "created_at",
            "provisional",
        ]
    ]

    # State changes go through zhidu.obligations.services; admin only reads.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Obligation | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Obligation | None = None) -> bool:
        return False
