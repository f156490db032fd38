"""Slowloris against the real `zhidu serve` (issue 17): 105 half-open connections stopped it
answering anyone (waitress's default limit of 100 connections). 1,000 slow clients on loopback,
half of them silent and half dripping one header line a second, must leave normal requests
answered; and a client that drips its headers is closed when its time is up. Bounded: a few seconds,
every socket closed at the end."""

from __future__ import annotations

import time

import pytest

from tests.server.slowclients import SlowClients, probe

pytestmark = pytest.mark.django_db(transaction=True)

SLOW = 1000


def test_a_thousand_slow_clients_do_not_stop_normal_requests(serve):
    # Started with a soft limit of 512 open files (hosts often have 1,024): granian raises its own.
    port = serve(open_files=512)
    with SlowClients(port, SLOW) as slow:
        assert slow.refused == 0, f"{slow.refused} of {SLOW} slow clients could not even connect"
        held = slow.alive()
        # Two clients for two seconds, each request on a new connection, each allowed 10 s (a loaded
        # CI machine). Before the fix the first request waited for ever behind the 100th connection.
        result = probe(port, "/login/", seconds=2, workers=2, timeout=10, limit=200)
    assert held == SLOW, f"only {held} of {SLOW} slow clients were held open: the test proved nothing"
    assert not result.failures, result.summary()
    assert result.answered >= 10, result.summary()


def test_a_client_that_never_finishes_its_headers_is_closed(serve):
    """The header timeout closes a client that started a request and drips it (slowloris). A client
    that sends nothing at all is not timed out by granian: nginx in front closes those
    (client_header_timeout, README "Production")."""
    port = serve("--header-timeout", "1")
    with SlowClients(port, 20, drip=0.2) as slow:
        assert slow.alive(dripping_only=True) == 10
        deadline = time.monotonic() + 8
        while slow.alive(dripping_only=True) and time.monotonic() < deadline:
            time.sleep(0.2)
        still = slow.alive(dripping_only=True)
    assert still == 0, f"{still} of 10 dripping clients still open after 8 s (header timeout 1 s)"
