"""The system checks of the outbox's settings, and the `{% deliveries %}` tag a record's page uses."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.template import Context, Template
from django.test import override_settings

from tests import factories
from zhidu.notifications import system_checks
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.notifications.outbox import enqueue

NOON = datetime.datetime(2026, 6, 17, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def ids(found):
    return {m.id for m in found}


def test_bad_quiet_hours_are_refused_at_start(monkeypatch):
    assert system_checks.check_settings() == []
    monkeypatch.setenv("ZHIDU_NOTIFY_MORNING", "8点")
    assert ids(system_checks.check_settings()) == {"zhidu.notifications.E001"}
    monkeypatch.setenv("ZHIDU_NOTIFY_MORNING", "22:00")
    assert ids(system_checks.check_settings()) == {"zhidu.notifications.E002"}


@override_settings(DEBUG=False)
def test_deploy_warns_without_base_url_or_any_outward_channel(monkeypatch):
    outward = (
        "ZHIDU_SMTP_HOST",
        "ZHIDU_EMAIL_BACKEND",
        "ZHIDU_SMS_URL",
        "ZHIDU_WECOM_WEBHOOK",
        "ZHIDU_DINGTALK_WEBHOOK",
    )
    for name in ("ZHIDU_BASE_URL", *outward):
        monkeypatch.delenv(name, raising=False)
    assert ids(system_checks.check_deploy()) == {"zhidu.notifications.W001", "zhidu.notifications.W002"}
    monkeypatch.setenv("ZHIDU_BASE_URL", "https://zhidu.example.gov.cn")
    monkeypatch.setenv("ZHIDU_WECOM_WEBHOOK", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
    assert system_checks.check_deploy() == []  # WeCom alone is a way out
    monkeypatch.delenv("ZHIDU_WECOM_WEBHOOK")
    monkeypatch.setenv("ZHIDU_SMTP_HOST", "mail.example.gov.cn")
    assert system_checks.check_deploy() == []


@pytest.mark.django_db
def test_deliveries_tag_shows_channel_state_and_confirmation():
    town = factories.township()
    person = factories.person(town, "邱维兴")
    target = factories.person(town, "记录")  # any township row stands for the record
    ContactAddress.objects.create(township=town, person=person, channel="wecom", address="13800000001")
    with transaction.atomic():
        [n] = enqueue(
            township=town,
            topic="t",
            key="k",
            subject="s",
            body="b",
            recipient=person,
            target=target,
            now=NOON,
        )
    html = Template("{% load notifications %}{% deliveries record %}").render(Context({"record": target}))
    assert 'id="deliveries"' in html and 'data-channel="wecom"' in html and "邱维兴" in html
    Notification.objects.filter(pk=n.pk).update(confirmed_at=NOON)
    html = Template("{% load notifications %}{% deliveries record 't' %}").render(Context({"record": target}))
    assert "2026" in html
    assert (
        Template("{% load notifications %}{% deliveries record 'other' %}")
        .render(Context({"record": target}))
        .strip()
        == ""
    )
