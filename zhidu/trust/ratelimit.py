"""Rate limits for the forms anyone can reach (issue 6: "rate-limited by a store that counts
correctly and not fooled by a spoofed X-Forwarded-For"), keyed by zhidu.trust.clientaddr.

Why the database and not django-ratelimit on Django's cache: the default LocMemCache lives in one
process (`zhidu serve` runs threads, a deployment may run several processes: each would count its
own share and let N times the limit through), and DatabaseCache's `incr` is a read followed by a
write, so two concurrent requests both read 4 and both write 5. Redis would count correctly but is
not required by a default installation (one SQLite file). Here one statement counts:

    INSERT INTO trust_rate_counter ... VALUES (..., 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = trust_rate_counter.hits + 1 RETURNING hits

atomic on PostgreSQL (the conflicting insert waits for the row lock, then updates) and on SQLite
(one writer at a time; the upsert needs SQLite >= 3.35 for RETURNING: Python here links 3.40). The
returned number is this request's place in the window, so exactly `limit` requests are allowed
whatever the concurrency (tests/trust/test_ratelimit.py, threads on both databases).

Fixed windows, not sliding: one row per key and window and one statement per hit. A sliding log
needs a row per hit (an attack fills the table) and the two-window estimate is not an exact count.
The price is a burst of up to 2 x limit across a window boundary, harmless at these limits (the
lockout by user name and the captcha still apply, and ballot codes have 50 bits).

The key stored is an HMAC of the scope and the subject (address, optional form field), never the
address: the table tells a database reader nothing about who came from where. Rows of ended windows
are purged lazily: a hit that opens a new window (its count is 1) deletes every ended window
(indexed on window_end), so the table holds about one row per active client, with no sweep needed.

Views: `@rate_limited(scope, limit=..., window=...)` answers HTTP 429 ("操作过于频繁，请 N 分钟后
再试", Retry-After). Code deeper down (a form) raises RateLimited; the decorator and
RateLimitMiddleware turn it into the same 429. A page that counts only refusals calls `hit` itself
after it has refused (the anonymous ballot cast page: a vote is never counted, ballots/THREATS.md).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
import unicodedata
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.shortcuts import render

from zhidu.trust.clientaddr import client_address

UPSERT = (
    'INSERT INTO trust_rate_counter ("key", scope, window_start, window_end, hits) '
    "VALUES (%s, %s, %s, %s, 1) "
    'ON CONFLICT ("key", window_start) DO UPDATE SET hits = trust_rate_counter.hits + 1 '
    "RETURNING hits"
)


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Verdict:
    key: str
    window_start: int
    hits: int
    limit: int
    retry_after: int

    @property
    def allowed(self) -> bool:
        return self.hits <= self.limit


def _subject_text(part) -> str:
    return unicodedata.normalize("NFKC", str(part if part is not None else "")).strip().casefold()


def digest(scope: str, subject) -> str:
    parts = subject if isinstance(subject, list | tuple) else (subject,)
    secret = hmac.new(settings.SECRET_KEY.encode(), b"zhidu.trust.ratelimit", hashlib.sha256).digest()
    message = "\x00".join([scope, *(_subject_text(p) for p in parts)]).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _window(window: int, now: float | None) -> tuple[int, int, int]:
    now_s = int(time.time() if now is None else now)
    start = now_s - now_s % window
    return now_s, start, start + window


def hit(scope: str, subject, *, limit: int, window: int, now: float | None = None) -> Verdict:
    """Count one request of `subject` in the current window: one atomic statement."""
    now_s, start, end = _window(window, now)
    key = digest(scope, subject)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [key, scope[:40], start, end])
        hits = cursor.fetchone()[0]
    if hits == 1:
        purge(now_s)  # a new window opened: the ended ones are of no use any more
    return Verdict(key, start, hits, limit, max(1, end - now_s))


def count(scope: str, subject, *, window: int, now: float | None = None) -> int:
    """Hits of `subject` in the current window, without counting one."""
    from zhidu.trust.models import RateCounter

    _now_s, start, _end = _window(window, now)
    row = RateCounter.objects.filter(key=digest(scope, subject), window_start=start).values("hits").first()
    return row["hits"] if row else 0


def refund(verdict: Verdict) -> None:
    """Give back the place `hit` took; a window left at zero disappears (no trace of the request)."""
    from zhidu.trust.models import RateCounter

    rows = RateCounter.objects.filter(key=verdict.key, window_start=verdict.window_start)
    rows.filter(hits__gt=0).update(hits=F("hits") - 1)
    rows.filter(hits=0).delete()


def purge(now: float | None = None) -> int:
    from zhidu.trust.models import RateCounter

    deleted, _ = RateCounter.objects.filter(window_end__lte=int(time.time() if now is None else now)).delete()
    return deleted


def minutes(retry_after: int) -> int:
    return max(1, math.ceil(retry_after / 60))


def too_many_requests(request, retry_after: int):
    """HTTP 429 with the Chinese message and Retry-After (seconds, RFC 9110)."""
    response = render(request, "trust/rate_limited.html", {"minutes": minutes(retry_after)}, status=429)
    response["Retry-After"] = str(int(retry_after))
    return response


def _value(setting):
    return setting() if callable(setting) else int(setting)


def rate_limited(scope: str, *, limit, window, field: str | None = None, methods=("POST",)):
    """Decorator: `limit` requests of one client address (and the form `field`, when given) per
    `window` seconds, for the listed methods; `limit` and `window` may be callables (settings read
    per request)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                subject = [client_address(request) or "unknown"]
                if field:
                    subject.append(request.POST.get(field, ""))
                verdict = hit(scope, subject, limit=_value(limit), window=_value(window))
                if not verdict.allowed:
                    return too_many_requests(request, verdict.retry_after)
            try:
                return view(request, *args, **kwargs)
            except RateLimited as limited:
                return too_many_requests(request, limited.retry_after)

        return wrapper

    return decorator


class RateLimitMiddleware:
    """Turns RateLimited raised anywhere in a view (e.g. by the log-in form) into the 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception.retry_after)
        return None
