"""Every session's start and end is in the audit trail, with who and from where (issue 17: a
password-only log-in, as ordinary cadres have, and every log-out left no entry)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from zhidu.core.models import AuditEntry

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 10, 9, 9, 0, tzinfo=SH)


@pytest.fixture
def cadre(town):
    return factories.person(town, "周强", username="zhouqiang")


def entries(action):
    return list(AuditEntry.objects.filter(action=action).values_list("actor_name", "address", "township_id"))


def test_a_password_log_in_and_a_log_out_are_audited(client, cadre, town):
    response = client.post(
        reverse("login"), {"username": "zhouqiang", "password": factories.PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302
    assert entries("login.password") == [("zhouqiang", "192.0.2.7", town.pk)]
    client.post(reverse("logout"), REMOTE_ADDR="192.0.2.7")
    assert entries("logout") == [("zhouqiang", "192.0.2.7", town.pk)]
    client.post(reverse("logout"), REMOTE_ADDR="192.0.2.7")  # no session left: nothing to record
    assert len(entries("logout")) == 1


def test_a_refused_password_is_not_a_log_in(client, cadre):
    client.post(reverse("login"), {"username": "zhouqiang", "password": "wrong"}, REMOTE_ADDR="192.0.2.7")
    assert entries("login.password") == []


def test_the_idle_timeout_is_audited(client, cadre, town):
    with time_machine.travel(T0, tick=False):
        client.post(reverse("login"), {"username": "zhouqiang", "password": factories.PASSWORD})
        client.get(reverse("duties"))
    with time_machine.travel(T0 + datetime.timedelta(hours=2), tick=False):
        assert client.get(reverse("duties")).status_code == 302
    assert [e[0] for e in entries("logout.idle")] == ["zhouqiang"]


def test_the_admin_shows_no_second_factor_key(admin_client, cadre):
    """Issue 17: an administrator read any user's TOTP key (and its QR code) in the admin."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=cadre.user, name="authenticator", confirmed=True)
    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200 and device.key not in page.content.decode()
    listing = admin_client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    assert device.key not in listing and "qrcode" not in listing
    for name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
        assert admin_client.get(reverse(name, args=[device.pk])).status_code == 403
