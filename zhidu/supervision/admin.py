"""Admin for the responsibility matrix and contact points (R5, R6). Nothing is deleted: a change of
division of labour ends a row (ends_on) and starts a new one, so the past stays readable. The R7
parameters are in the township's one rule set (zhidu.rules.admin)."""

from django import forms
from django.contrib import admin

from zhidu.core.admin_scope import TownshipScopedAdmin
from zhidu.supervision import models


class NoDelete(TownshipScopedAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class ResponsibilityAreaForm(forms.ModelForm):
    class Meta:
        model = models.ResponsibilityArea
        fields = [
            "township",
            "name",
            "principal",
            "leader_in_charge",
            "members",
            "departments",
            "starts_on",
            "ends_on",
        ]

    def clean(self):
        data = super().clean()
        township = data.get("township")
        if township is not None:
            for field in ("members", "departments"):
                if any(row.township_id != township.pk for row in data.get(field) or ()):
                    self.add_error(field, "须属于本镇")
        return data


@admin.register(models.ResponsibilityArea)
class ResponsibilityAreaAdmin(NoDelete):
    form = ResponsibilityAreaForm
    list_display = ["name", "township", "principal", "leader_in_charge", "starts_on", "ends_on"]
    list_filter = ["township"]
    search_fields = ["name"]
    filter_horizontal = ["members", "departments"]
    autocomplete_fields = ["principal", "leader_in_charge"]


@admin.register(models.ContactPoint)
class ContactPointAdmin(NoDelete):
    list_display = ["person", "township", "village", "department", "note", "starts_on", "ends_on"]
    list_filter = ["township"]
    autocomplete_fields = ["person"]
