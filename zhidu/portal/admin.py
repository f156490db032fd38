"""Admin for the public's comments (issue 15), read only: the technical administrator looks a
comment up (by its text, article, state or hold) when a member of the public asks about it. The
decisions stay with the party office's queue (zhidu.portal.views.moderation → services.comments:
MATRIX `portal.moderate`, audited, the reason shown to the author), so nothing is added, changed or
deleted here. The public account's contact is never shown: only its keyed digest is stored."""

from django.contrib import admin

from zhidu.core.admin_scope import TownshipScopedAdmin
from zhidu.portal import models


class ReadOnly(TownshipScopedAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Comment)
class CommentAdmin(ReadOnly):
    list_display = ["id", "article", "account", "state", "hold", "created_at", "decided_at", "decided_by"]
    list_filter = ["township", "state", "hold"]
    search_fields = ["body", "article__title", "account__nickname"]
    date_hierarchy = "created_at"
    list_select_related = ["article", "account", "decided_by"]
    fields = [
        "township",
        "article",
        "account",
        "body",
        "state",
        "hold",
        "hold_detail",
        "refusal_reason",
        "created_at",
        "decided_at",
        "decided_by",
    ]


@admin.register(models.PublicAccount)
class PublicAccountAdmin(ReadOnly):
    list_display = ["id", "nickname", "channel", "township", "created_at", "signed_in_at"]
    list_filter = ["township", "channel"]
    search_fields = ["nickname"]
    fields = ["township", "nickname", "channel", "created_at", "signed_in_at"]
