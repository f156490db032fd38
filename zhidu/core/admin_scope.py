"""The admin site and tenancy: a township's own administrator (staff, with a person record) sees
and picks only that township's rows; the county administrator (superuser) sees every township.
Without this a staff account given model permissions would read every township's data there."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model


def township_path(model) -> str | None:
    """The lookup from `model` to its township id, or None for data shared by all (the calendar)."""
    from zhidu.org.models import Township

    if model is Township:
        return "pk"
    if model is get_user_model():
        return "person__township"
    if any(f.name == "township" for f in model._meta.get_fields()):
        return "township"
    return None


def own_township(request) -> int | None:
    person = getattr(request.user, "person", None)
    return person.township_id if person is not None else None


class TownshipScopedMixin:
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        path = township_path(self.model)
        if request.user.is_superuser or path is None:
            return queryset
        return queryset.filter(**{path: own_township(request)}) if own_township(request) else queryset.none()

    def _limit(self, db_field, request, kwargs):
        path = township_path(db_field.related_model)
        if not request.user.is_superuser and path is not None:
            kwargs["queryset"] = db_field.related_model._default_manager.filter(
                **{path: own_township(request)}
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._limit(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._limit(db_field, request, kwargs))


class TownshipScopedAdmin(TownshipScopedMixin, admin.ModelAdmin):
    pass
