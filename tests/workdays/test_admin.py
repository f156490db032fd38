"""Admin: the table read-only; a notice is added by pasting JSON, through services.enter_notice."""

import pytest
from django.urls import reverse

from tests.workdays.test_services import TITLE, notice_json
from zhidu.workdays.admin import HolidayNoticeForm
from zhidu.workdays.models import HolidayNotice, WorkingDay


def test_form_shows_the_chinese_error_on_the_field():
    form = HolidayNoticeForm(data={"notice_json": notice_json(adjusted_workdays=["2027-02-30"])})
    assert not form.is_valid()
    assert "adjusted_workdays[0]：日期“2027-02-30”不存在" in form.errors["notice_json"][0]


def test_form_checks_content_too():
    form = HolidayNoticeForm(data={"notice_json": notice_json(adjusted_workdays=["2027-02-22"])})
    assert not form.is_valid()
    assert "不是周末" in form.errors["notice_json"][0]


@pytest.mark.django_db
def test_working_days_are_read_only(admin_client):
    url = reverse("admin:workdays_workingday_changelist")
    response = admin_client.get(url, {"year": "2026", "kind": "adjusted_workday"})
    assert response.status_code == 200
    assert b"2026-02-14" in response.content or "2026年2月14日".encode() in response.content
    assert admin_client.get(reverse("admin:workdays_workingday_add")).status_code == 403
    day = WorkingDay.objects.get(day="2026-10-01")
    delete = reverse("admin:workdays_workingday_delete", args=[day.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert WorkingDay.objects.filter(pk=day.pk).exists()


@pytest.mark.django_db
def test_add_notice_through_admin(admin_client, admin_user, django_capture_on_commit_callbacks):
    url = reverse("admin:workdays_holidaynotice_add")
    assert admin_client.get(url).status_code == 200
    bad = admin_client.post(url, {"notice_json": notice_json(adjusted_workdays=["2027-02-30"])})
    assert bad.status_code == 200
    assert "2027-02-30" in bad.content.decode()
    assert not HolidayNotice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ok = admin_client.post(url, {"notice_json": notice_json()})
    assert ok.status_code == 302, ok.content.decode()[:2000]
    notice = HolidayNotice.objects.get()
    assert notice.title == TITLE and notice.entered_by == admin_user
    assert len(callbacks) >= 1
    assert WorkingDay.objects.get(day="2027-02-20").kind == "adjusted_workday"
    change = reverse("admin:workdays_holidaynotice_change", args=[notice.pk])
    assert admin_client.get(change).status_code == 200  # view only
