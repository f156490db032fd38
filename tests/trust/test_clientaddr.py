"""The client's address: REMOTE_ADDR unless it is one of our proxies; then X-Forwarded-For from the
right, and a spoofed left-most entry is never believed."""

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests import factories
from zhidu.core.audit import record
from zhidu.trust.clientaddr import _networks, client_address, parse, resolve

T0 = 1_789_999_200  # a window boundary of the 900-second failure count
PROXIES = _networks(("10.0.0.1", "192.168.0.0/24", "fd00::/8"))


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # No proxy trusted for this connection: the header is the client's own words, ignored.
        ("203.0.113.7", "1.2.3.4", "203.0.113.7"),
        ("203.0.113.7", "", "203.0.113.7"),
        # One trusted proxy: the address it saw (right-most) is the client.
        ("10.0.0.1", "198.51.100.9", "198.51.100.9"),
        # A spoofed left-most entry, then what our proxy appended: the spoof is not used.
        ("10.0.0.1", "1.2.3.4, 198.51.100.9", "198.51.100.9"),
        # Two of our proxies in a row (CIDR): skip both, take the first untrusted one.
        ("10.0.0.1", "6.6.6.6, 198.51.100.9, 192.168.0.20", "198.51.100.9"),
        # Only trusted hops: the left-most of them.
        ("10.0.0.1", "192.168.0.5, 192.168.0.20", "192.168.0.5"),
        # Garbage stops the walk at the last hop we can vouch for.
        ("10.0.0.1", "1.2.3.4, unknown, 192.168.0.20", "192.168.0.20"),
        ("10.0.0.1", "not-an-address", "10.0.0.1"),
        ("10.0.0.1", "", "10.0.0.1"),
        # Ports, brackets, IPv6 and IPv4-mapped addresses.
        ("10.0.0.1", "198.51.100.9:5120", "198.51.100.9"),
        ("10.0.0.1", "[2001:db8::5]:443", "2001:db8::5"),
        ("fd00::1", "2001:db8::5, fd00::2", "2001:db8::5"),
        ("::ffff:10.0.0.1", "::ffff:198.51.100.9", "198.51.100.9"),
        # No address at all (a Unix socket without a proxy).
        ("", "1.2.3.4", None),
        (None, None, None),
    ],
)
def test_resolve(remote, forwarded, expected):
    assert resolve(remote, forwarded, PROXIES) == expected


def test_nothing_is_trusted_by_default(rf, settings):
    settings.ZHIDU_TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "127.0.0.1"
    assert client_address(None) is None


def test_the_setting_accepts_a_comma_separated_text_and_refuses_a_bad_entry(rf, settings):
    settings.ZHIDU_TRUSTED_PROXIES = "127.0.0.1, 10.0.0.0/8"
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9, 127.0.0.1")
    assert client_address(request) == "198.51.100.9"
    settings.ZHIDU_TRUSTED_PROXIES = "10.0.0.0/8, proxy.example"
    with pytest.raises(ImproperlyConfigured, match="ZHIDU_TRUSTED_PROXIES"):
        client_address(request)


def test_the_environment_variable_is_read_when_the_setting_is_absent(rf, settings, monkeypatch):
    del settings.ZHIDU_TRUSTED_PROXIES
    monkeypatch.setenv("ZHIDU_TRUSTED_PROXIES", "10.0.0.1")
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    assert client_address(request) == "198.51.100.9"


def test_parse():
    assert str(parse(" 198.51.100.9 ")) == "198.51.100.9"
    assert str(parse("fe80::1%eth0")) == "fe80::1"
    assert parse("example.org") is None and parse("1.2.3") is None and parse(None) is None


@pytest.mark.django_db
def test_the_audit_trail_records_the_resolved_address(rf, settings):
    settings.ZHIDU_TRUSTED_PROXIES = ["10.0.0.1"]
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    assert record(None, "test.address", request=request).address == "198.51.100.9"
    # Straight from a client: its header is not believed.
    request = rf.post("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert record(None, "test.address", request=request).address == "203.0.113.7"


@pytest.mark.django_db
def test_a_spoofed_header_cannot_dodge_the_address_counters(client, town, settings):
    """Through the web: a client that invents X-Forwarded-For on every post still meets the captcha
    of its own address after three failures."""
    settings.ZHIDU_TRUSTED_PROXIES = []
    factories.person(town, "张党办", username="clerk")
    with time_machine.travel(T0, tick=False):
        for n in range(3):
            response = client.post(
                reverse("login"),
                {"username": f"name{n}", "password": "wrong"},
                REMOTE_ADDR="203.0.113.7",
                HTTP_X_FORWARDED_FOR=f"1.2.3.{n}",
            )
            assert response.status_code == 200
        assert response.context["form"].needs_captcha
