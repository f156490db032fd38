"""The rate-limit store counts exactly (one atomic upsert, real threads on SQLite and PostgreSQL),
forgets ended windows, and answers HTTP 429 with the Chinese message and Retry-After: on the log-in
form and on the anonymous ballot cast page, keyed by the client address alone."""

import threading

import pytest
import time_machine
from django.db import close_old_connections, connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.ballots.helpers import open_box, personnel_entry, team
from tests.trust.test_concurrency import file_db  # noqa: F401  (fixture: SQLite as in production)
from zhidu.ballots.models import AnonymousBallot
from zhidu.trust import ratelimit
from zhidu.trust.models import RateCounter

T0 = 1_789_999_200  # a window boundary for windows of 60, 600 and 900 seconds
THREADS, EACH, LIMIT = 8, 25, 37


def zh(msgid: str, **values) -> str:
    """The page's text in Chinese (the English msgid until the translations are merged)."""
    with translation.override("zh-hans"):
        return gettext(msgid) % values


def test_sqlite_supports_the_atomic_upsert():
    import sqlite3

    assert sqlite3.sqlite_version_info >= (3, 35)  # RETURNING


@pytest.mark.django_db
def test_counts_allows_exactly_the_limit_and_starts_again_in_a_new_window():
    verdicts = [ratelimit.hit("t", "198.51.100.9", limit=3, window=60, now=T0 + 5) for _ in range(5)]
    assert [v.hits for v in verdicts] == [1, 2, 3, 4, 5]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert verdicts[-1].retry_after == 55
    assert ratelimit.count("t", "198.51.100.9", window=60, now=T0 + 59) == 5
    # Another address, another scope: counted apart.
    assert ratelimit.hit("t", "198.51.100.10", limit=3, window=60, now=T0 + 5).hits == 1
    assert ratelimit.hit("u", "198.51.100.9", limit=3, window=60, now=T0 + 5).hits == 1
    # The next window starts at zero, and its first hit purges the ended windows.
    assert ratelimit.hit("t", "198.51.100.9", limit=3, window=60, now=T0 + 60).allowed
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db
def test_the_store_keeps_no_address():
    ratelimit.hit("login", "198.51.100.9", limit=3, window=60)
    row = RateCounter.objects.get()
    assert "198.51.100" not in f"{row.key} {row.scope}" and len(row.key) == 64
    assert row.key == ratelimit.digest("login", "198.51.100.9")


@pytest.mark.django_db
def test_a_refund_gives_the_place_back_and_leaves_no_row_at_zero():
    first = ratelimit.hit("cast", "a", limit=5, window=60, now=T0)
    second = ratelimit.hit("cast", "a", limit=5, window=60, now=T0)
    ratelimit.refund(second)
    assert ratelimit.count("cast", "a", window=60, now=T0) == 1
    ratelimit.refund(first)
    assert not RateCounter.objects.exists()
    ratelimit.refund(first)  # nothing left: nothing happens
    assert not RateCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_threads_hitting_one_key_are_counted_exactly(file_db):  # noqa: F811
    start = threading.Barrier(THREADS)
    allowed, errors = [], []

    def worker():
        try:
            start.wait()
            for _ in range(EACH):
                verdict = ratelimit.hit("race", "198.51.100.9", limit=LIMIT, window=3600)
                if verdict.allowed:
                    allowed.append(verdict.hits)
        except Exception as error:  # reported below: a thread's exception would be lost
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert ratelimit.count("race", "198.51.100.9", window=3600) == THREADS * EACH
    assert sorted(allowed) == list(range(1, LIMIT + 1))  # exactly `limit` allowed, each place once
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_the_decorator_answers_429_with_retry_after(rf):
    @ratelimit.rate_limited("form", limit=2, window=600, field="name")
    def view(request):
        return HttpResponse("ok")

    with time_machine.travel(T0 + 30, tick=False), translation.override("zh-hans"):
        for _ in range(2):
            assert view(rf.post("/", {"name": "Zhang"}, REMOTE_ADDR="198.51.100.9")).status_code == 200
        assert view(rf.get("/", REMOTE_ADDR="198.51.100.9")).status_code == 200  # GET is not counted
        # Another value of the field is another key (normalized: "ZHANG " is "zhang").
        assert view(rf.post("/", {"name": "Li"}, REMOTE_ADDR="198.51.100.9")).status_code == 200
        response = view(rf.post("/", {"name": "ZHANG "}, REMOTE_ADDR="198.51.100.9"))
    assert response.status_code == 429 and response["Retry-After"] == "570"
    text = response.content.decode()
    assert zh("Too many attempts: please try again in %(minutes)s minutes.", minutes=10) in text


@pytest.mark.django_db
def test_rate_limited_raised_inside_a_view_is_429_through_decorator_and_middleware(rf, client):
    @ratelimit.rate_limited("inner", limit=5, window=60)
    def view(request):
        raise ratelimit.RateLimited(119)

    response = view(rf.post("/", REMOTE_ADDR="198.51.100.9"))
    assert response.status_code == 429 and response["Retry-After"] == "119"
    middleware = ratelimit.RateLimitMiddleware(lambda request: HttpResponse())
    request = rf.get("/")
    assert middleware.process_exception(request, ratelimit.RateLimited(61)).status_code == 429
    assert middleware.process_exception(request, ValueError()) is None


@pytest.mark.django_db
def test_log_in_posts_beyond_the_limit_get_429_whatever_the_name(client, settings):
    settings.ZHIDU_LOGIN_RATE_LIMIT = 3
    settings.ZHIDU_CAPTCHA_AFTER_FAILURES = 0
    url = reverse("login")
    with time_machine.travel(T0, tick=False):
        for n in range(3):
            response = client.post(url, {"username": f"u{n}", "password": "x"}, REMOTE_ADDR="198.51.100.9")
            assert response.status_code == 200
        response = client.post(url, {"username": "u9", "password": "x"}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 429 and response["Retry-After"] == "600"
        # Another address is not held back, and reading the page is never counted.
        assert (
            client.post(url, {"username": "u", "password": "x"}, REMOTE_ADDR="198.51.100.10").status_code
            == 200
        )
        assert client.get(url, REMOTE_ADDR="198.51.100.9").status_code == 200


@pytest.mark.django_db
def test_code_guessing_on_the_cast_page_is_limited_per_address_and_a_vote_leaves_no_row(
    town, client, settings
):
    settings.ZHIDU_CAST_RATE_LIMIT = 3
    members, clerk = team(town, 5)
    box, printed = open_box(personnel_entry(town, members, clerk))
    url = reverse("ballots:cast", args=[box.pk])
    with time_machine.travel(T0, tick=False):  # no log-in: the page works from the code alone
        # A vote: accepted, and the counter keeps nothing of it.
        response = client.post(url, {"code": printed[0], "choice": "for"}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 200 and not RateCounter.objects.exists()
        for guess in ("ABCDE-FGHJK", "ABCDE-FGHJM", "ABCDE-FGHJN"):
            response = client.post(url, {"code": guess, "choice": "for"}, REMOTE_ADDR="198.51.100.9")
            assert response.status_code == 400
        # The fourth wrong code from the address: 429.
        response = client.post(url, {"code": "ABCDE-FGHJP", "choice": "for"}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 429 and response["Retry-After"] == "600"
        # A valid code from the same address (a meeting room shares one) is never refused for
        # others' mistakes (issue 17), and leaves no count.
        response = client.post(url, {"code": printed[1], "choice": "for"}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 200
        assert AnonymousBallot.objects.filter(box=box).count() == 2
    # One row: the refusals of the address, keyed by the address only (no user, no code, no box).
    row = RateCounter.objects.get()
    assert row.hits == 4 and row.scope == "ballot-cast"
    assert row.key == ratelimit.digest("ballot-cast", "198.51.100.9")
