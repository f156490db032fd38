"""The outbox page (filters, retry audited), the contact pages, by persona and refusal."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests import factories
from zhidu.core.audit import AuditEntry
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.notifications.outbox import enqueue

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 6, 17, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def town():
    return factories.township()


@pytest.fixture
def people(town):
    return factories.personas(town)


def client_of(person):
    c = Client()
    c.force_login(person.user)
    return c


def failed(town, person, channel="email"):
    ContactAddress.objects.get_or_create(
        township=town,
        person=person,
        channel=channel,
        defaults={"address": "13800000003" if channel != "email" else "a@example.org"},
    )
    with transaction.atomic():
        [n] = enqueue(
            township=town,
            topic="t",
            key=f"k-{channel}",
            subject="主题",
            body="b",
            recipient=person,
            channel=channel,
            now=NOON,
        )
    Notification.objects.filter(pk=n.pk).update(state="failed", answer="HTTP 500")
    return n


def test_outbox_filters_by_state_and_channel(town, people):
    failed(town, people["cadre"], "email")
    failed(town, people["cadre"], "sms")
    c = client_of(people["clerk"])
    page = c.get(reverse("notifications:outbox"), {"channel": "sms", "state": "failed"}).content.decode()
    assert 'data-channel="sms"' in page and 'data-channel="email"' not in page
    assert (
        'data-state="failed"'
        not in c.get(reverse("notifications:outbox"), {"state": "sent"}).content.decode()
    )


def test_retry_is_audited_and_once(town, people):
    n = failed(town, people["cadre"])
    c = client_of(people["clerk"])
    assert c.post(reverse("notifications:retry", args=[n.pk])).status_code == 302
    n.refresh_from_db()
    assert (n.state, n.attempts) == ("queued", 0)
    assert AuditEntry.objects.filter(action="notifications.retry", target_id=str(n.pk)).count() == 1
    c.post(reverse("notifications:retry", args=[n.pk]))
    assert AuditEntry.objects.filter(action="notifications.retry").count() == 1


def test_refusals(town, people):
    n = failed(town, people["cadre"])
    cadre = client_of(people["cadre"])
    assert cadre.get(reverse("notifications:outbox")).status_code == 403
    assert cadre.post(reverse("notifications:retry", args=[n.pk])).status_code == 403
    assert client_of(people["clerk"]).get(reverse("notifications:retry", args=[n.pk])).status_code == 405
    other = factories.personas(factories.township(), prefix="o-")
    assert client_of(other["clerk"]).post(reverse("notifications:retry", args=[n.pk])).status_code == 404
    assert cadre.get(reverse("notifications:person", args=[people["deputy"].pk])).status_code == 403


def test_own_page_keeps_the_typed_text_and_names_the_field(town, people):
    c = client_of(people["cadre"])
    response = c.post(
        reverse("notifications:mine"),
        {
            "email-address": "not-an-address",
            "email-enabled": "on",
            "sms-address": "13800000004",
            "sms-enabled": "on",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not-an-address" in page and "电子邮箱地址格式不正确" in page
    assert not ContactAddress.objects.exists()
    c.post(
        reverse("notifications:mine"),
        {"email-address": "wu@example.org", "email-enabled": "on", "sms-address": "138 0000 0004"},
    )
    points = {p.channel: p for p in ContactAddress.objects.filter(person=people["cadre"])}
    assert points["email"].enabled and points["sms"].address == "13800000004" and not points["sms"].enabled


def test_party_office_sets_anyones(town, people):
    c = client_of(people["clerk"])
    assert "吴干部" in c.get(reverse("notifications:people")).content.decode()
    url = reverse("notifications:person", args=[people["deputy"].pk])
    assert c.post(url, {"wecom-address": "13800000005", "wecom-enabled": "on"}).status_code == 302
    assert ContactAddress.objects.get(person=people["deputy"]).channel == "wecom"
    assert AuditEntry.objects.filter(action="notifications.contacts").exists()


def test_live_check_names_the_wrong_address_while_typing(town, people):
    c = client_of(people["cadre"])
    url = reverse("notifications:address-check")
    page = c.post(
        url, {"email-address": "wu@", "sms-address": "1380000"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "电子邮箱地址格式不正确" in page and "手机号须为 11 位数字" in page
    assert "data-live-error" not in c.post(url, {"email-address": "wu@example.org"}).content.decode()
    assert c.get(url).status_code == 405
    assert not ContactAddress.objects.exists()


def test_outbox_page_queries_do_not_grow_with_rows(town, people, django_assert_max_num_queries):
    for n in range(30):
        with transaction.atomic():
            ContactAddress.objects.get_or_create(
                township=town, person=people["cadre"], channel="email", defaults={"address": "a@example.org"}
            )
            enqueue(
                township=town,
                topic="t",
                key=f"q{n}",
                subject="主题",
                body="b",
                recipient=people["cadre"],
                now=NOON,
            )
    c = client_of(people["clerk"])
    c.get(reverse("notifications:outbox"))  # warm the session and the calendar
    with django_assert_max_num_queries(12):
        assert c.get(reverse("notifications:outbox")).status_code == 200
