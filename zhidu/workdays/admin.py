"""Admin: the working-day table read-only; a holiday notice is added by pasting its JSON, which goes
through services.enter_notice (the one entry point that changes the calendar)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhidu.workdays import services
from zhidu.workdays.models import HolidayNotice, WorkingDay

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups

NOTICE_EXAMPLE = (
    '{"year": 2027, "title": "国务院办公厅关于2027年部分节假日安排的通知", "published_on": "2026-11-10", '
    '"holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}], '
    '"adjusted_workdays": ["2027-02-07"]}'
)


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> list[tuple[str, str]]:
        years = WorkingDay.objects.dates("day", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(day__year=int(value))
        return queryset


@admin.register(WorkingDay)
class WorkingDayAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "is_workday", "kind", "holiday_name", "source"]
    list_filter = [YearFilter, "kind", "source", "is_workday"]
    search_fields = ["holiday_name"]
    date_hierarchy = "day"
    list_per_page = 100

    @admin.display(description=_("weekday"))
    def weekday(self, obj: WorkingDay) -> str:
        return "一二三四五六日"[obj.day.weekday()]

    # National reference data: changed only by a notice (HolidayNotice below), never by hand.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: WorkingDay | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: WorkingDay | None = None) -> bool:
        return False


class HolidayNoticeForm(forms.ModelForm):
    notice_json = forms.CharField(
        label=_("notice (JSON)"),
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100, "placeholder": NOTICE_EXAMPLE}),
        help_text=_(
            "Paste the notice as JSON: year, title, published_on, holidays (name, start, end) and "
            "adjusted_workdays. A notice for a year that already has one replaces it."
        ),
    )

    class Meta:
        model = HolidayNotice
        fields: list[str] = []

    def clean_notice_json(self) -> str:
        text: str = self.cleaned_data["notice_json"]
        try:
            data = services.parse_notice(text)
            services.validate_notice(data.year, data.title, data.holidays, data.adjusted_workdays)
        except services.NoticeError as e:
            raise forms.ValidationError(str(e)) from None
        self.notice_data = data
        return text


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "published_on", "entered_by", "entered_at"]
    readonly_fields = ["year", "title", "published_on", "entered_by", "entered_at", "entries", "raw_text"]
    ordering = ["-year"]

    def get_form(
        self, request: HttpRequest, obj: HolidayNotice | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[HolidayNotice]]:
        if obj is None:
            kwargs["form"] = HolidayNoticeForm
            kwargs["fields"] = ["notice_json"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: HolidayNotice | None = None) -> _FieldGroups:
        return ["notice_json"] if obj is None else [*self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: HolidayNotice | None = None) -> list[str]:
        return [] if obj is None else self.readonly_fields

    def save_model(
        self, request: HttpRequest, obj: HolidayNotice, form: HolidayNoticeForm, change: bool
    ) -> None:
        # The one entry point: validates again, writes the year's rows, sends calendar_changed.
        notice = services.enter_notice_data(form.notice_data, entered_by=request.user)
        for f in HolidayNotice._meta.concrete_fields:
            setattr(obj, f.attname, getattr(notice, f.attname))
        obj._state.adding = False
        obj._state.db = notice._state.db

    def has_change_permission(self, request: HttpRequest, obj: HolidayNotice | None = None) -> bool:
        return False  # a correction is a new notice for the same year

    def has_delete_permission(self, request: HttpRequest, obj: HolidayNotice | None = None) -> bool:
        return False  # deleting would leave the year's rows official with no notice behind them
