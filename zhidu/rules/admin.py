"""The township's rule set in the admin: a new version from a day on, never an edit or a deletion
(the old version keeps judging the past). One form field per parameter of every registered area,
filled with the version in force today, so a change of one value carries the others over."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any, cast

from django import forms
from django.apps import apps
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from zhidu.core.admin_scope import TownshipScopedAdmin, own_township
from zhidu.rules import parameters as registry
from zhidu.rules.models import RuleSet
from zhidu.rules.versions import stored_in_force

SEPARATOR = "__"  # form field name: "<area>__<parameter>", e.g. "meetings__close_vote_margin"


class FractionField(forms.Field):
    """A share such as 1/2 or 2/3."""

    widget = forms.TextInput

    def prepare_value(self, value: Any) -> Any:
        return registry.encode(value) if isinstance(value, Fraction) else value

    def to_python(self, value: Any) -> Fraction | None:
        text = str(value or "").replace(" ", "")
        if not text:
            return None
        try:
            return cast(Fraction, registry.decode(Fraction, text, ""))
        except ValueError:
            raise forms.ValidationError("应为分数，如 1/2、2/3") from None


def _label(field: dataclasses.Field, namespace: str) -> Any:
    return field.metadata.get("label") or f"{namespace}.{field.name}"


def _form_field(kind: type, field: dataclasses.Field, namespace: str) -> forms.Field:
    label = _label(field, namespace)
    if kind is bool:
        return forms.BooleanField(label=label, required=False)
    if kind is int:
        return forms.IntegerField(label=label, min_value=0)
    if kind is str:
        return forms.CharField(label=label, required=False, max_length=20)
    return FractionField(label=label)


def parameter_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for namespace, cls in registry.areas().items():
        kinds = cls.field_types()
        for field in dataclasses.fields(cls):
            fields[f"{namespace}{SEPARATOR}{field.name}"] = _form_field(kinds[field.name], field, namespace)
    return fields


class RuleSetFormBase(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = ["township", "effective_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stored: dict[str, Any] = {}
        for namespace, cls in registry.areas().items():
            values = {}
            for name in cls.field_types():
                key = f"{namespace}{SEPARATOR}{name}"
                if data.get(key) is not None:
                    values[name] = data[key]
            try:
                stored[namespace] = cls(**values).to_json()
            except ValueError as e:
                # The area's own refusal names the parameter ("close_vote_margin: 不能为负数").
                name, _, message = str(e).partition(": ")
                key = f"{namespace}{SEPARATOR}{name}"
                self.add_error(key if key in self.fields else None, message or str(e))
        self.instance.parameters = stored
        return data


def rule_set_form() -> type[forms.ModelForm]:
    """The add form, with the fields of the areas registered now (they register in ready())."""
    return type("RuleSetForm", (RuleSetFormBase,), parameter_fields())


def _area_name(namespace: str) -> Any:
    """The area's app name ("会议与决策") when the namespace is its app label."""
    try:
        return apps.get_app_config(namespace).verbose_name
    except LookupError:
        return namespace


def describe(stored: dict | None) -> list[tuple[str, str]]:
    """(label, value) of every parameter a version sets away from the rulebook's default."""
    rows = []
    for namespace, cls in registry.areas().items():
        values, defaults = registry.resolve(stored, namespace), cls()
        for field in dataclasses.fields(cls):
            value = getattr(values, field.name)
            if value != getattr(defaults, field.name):
                shown = registry.encode(value)
                shown = ("是" if shown else "否") if isinstance(shown, bool) else str(shown)
                rows.append((str(_label(field, namespace)), shown))
    return rows


@admin.register(RuleSet)
class RuleSetAdmin(TownshipScopedAdmin):
    list_display = ["township", "effective_from", "changed_parameters"]
    list_filter = ["township"]
    readonly_fields = ["changed_parameters"]

    @admin.display(description=_("rulebook parameters"))
    def changed_parameters(self, obj: RuleSet) -> str:
        rows = describe(obj.parameters)
        if not rows:
            return "—"
        return format_html_join("", "<div>{}：{}</div>", rows)

    def get_fieldsets(self, request: HttpRequest, obj: RuleSet | None = None) -> Any:
        if obj is not None:
            return [(None, {"fields": ["township", "effective_from", "changed_parameters"]})]
        fieldsets: list[tuple[Any, dict]] = [(None, {"fields": ["township", "effective_from"]})]
        for namespace, cls in registry.areas().items():
            names = [f"{namespace}{SEPARATOR}{name}" for name in cls.field_types()]
            fieldsets.append((_area_name(namespace), {"fields": names}))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: RuleSet | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs.setdefault("form", rule_set_form())
        return super().get_form(request, obj, change=change, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial: dict[str, Any] = dict(super().get_changeform_initial_data(request))
        township = own_township(request)
        stored = stored_in_force(township, timezone.localdate()) if township else {}
        if township:
            initial.setdefault("township", township)
        for namespace, cls in registry.areas().items():
            values = registry.resolve(stored, namespace)
            for name in cls.field_types():
                initial[f"{namespace}{SEPARATOR}{name}"] = getattr(values, name)
        return initial

    def has_change_permission(self, request: HttpRequest, obj: RuleSet | None = None) -> bool:
        # A change of parameters is a new version from a day on; the old one keeps judging the past.
        # Still only for those the permissions allow: any staff user could otherwise list them.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: RuleSet | None = None) -> bool:
        return False
