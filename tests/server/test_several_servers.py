"""Several application servers behind one load balancer (issue 18, README "Several application
servers"), with Redis: two real `zhidu serve` processes over one database and one Redis of the
test's own (tests/server/redis_server.py). A browser keeps one cookie and lands on either server.

- A session made through the real log-in (password, then the authenticator's code) on one server
  is signed in on the other; a log-out on either ends it on both, for the old cookie too.
- The cache is one across processes.
- Redis stopping: pages keep rendering from the session rows (zhidu.trust.sessions), a log-in
  works; a log-out is refused with a 503 page saying why (a row deleted while Redis kept its copy
  would sign the cookie in again once Redis answers), and succeeds once Redis is back.
- Without ZHIDU_REDIS_URL nothing imports redis and sessions are the rows."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.server.redis_server import RedisServer
from tests.server.slowclients import LOOPBACK

pytestmark = pytest.mark.django_db(transaction=True)

SESSION_KEYS = "zhidu:1:django.contrib.sessions.cached_db*"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One browser: its cookies go to whichever server the load balancer picks (`port`)."""

    def __init__(self) -> None:
        self.cookies = SimpleCookie()

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=20)
        headers = {"Host": f"{LOOPBACK}:{port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        for name in [k for k, m in self.cookies.items() if m["max-age"] == "0" or not m.value]:
            del self.cookies[name]  # what a browser does with a deleted cookie
        connection.close()
        return response, text

    def post_form(self, port: int, path: str, fields: dict):
        _, page = self.request(port, "GET", path)
        found = _CSRF.search(page)
        assert found, f"no form on {path}"
        return self.request(port, "POST", path, {"csrfmiddlewaretoken": found.group(1), **fields})

    def log_in(self, port: int, username: str, device: TOTPDevice) -> None:
        """The real log-in: the password form, then the code the authenticator app shows."""
        response, _ = self.post_form(port, "/login/", {"username": username, "password": factories.PASSWORD})
        assert response.status == 302, response.status
        step = response.headers["Location"]
        assert "second-factor" in step, step
        code = f"{totp(device.bin_key):06d}"
        response, _ = self.post_form(port, step, {"code": code, "next": "/"})
        assert response.status == 302 and "login" not in response.headers["Location"], response.status

    def log_out(self, port: int):
        _, page = self.request(port, "GET", "/duties/")
        token = _CSRF.search(page).group(1)
        return self.request(port, "POST", "/logout/", {"csrfmiddlewaretoken": token})

    def signed_in(self, port: int) -> bool:
        response, _ = self.request(port, "GET", "/duties/")
        if response.status == 200:
            return True
        assert response.status == 302, response.status
        assert response.headers["Location"].startswith("/login/"), response.headers["Location"]
        return False

    def copy(self) -> Browser:
        other = Browser()
        other.cookies.load(self.cookies.output(header="", sep=";"))
        return other


def _secretary(town, prefix: str) -> tuple[str, TOTPDevice]:
    """A secretary (the second factor is due) whose password the servers' own hasher reads (the
    suite hashes with MD5, which a server's settings do not list), with a confirmed authenticator."""
    person = factories.person(town, f"{prefix}书记", username=f"{prefix}secretary", team_role="secretary")
    user = person.user
    user.password = PBKDF2PasswordHasher().encode(factories.PASSWORD, f"salt{prefix}", iterations=1000)
    user.save(update_fields=["password"])
    return user.username, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def two_servers(request, redis_server, transactional_db):
    """Two `zhidu serve` over one database and one Redis; the accounts are made first (on SQLite
    the servers get a copy of the test database when the `serve` fixture starts)."""
    town = factories.township()
    accounts = [_secretary(town, prefix) for prefix in ("a", "b", "c")]
    serve = request.getfixturevalue("serve")
    ports = [serve(ZHIDU_REDIS_URL=redis_server.url) for _ in range(2)]
    return ports, accounts


def test_a_session_made_on_one_server_is_signed_in_on_the_other_until_a_log_out_on_either(
    two_servers, redis_server
):
    (a, b), [(username, device), *_] = two_servers
    browser = Browser()
    browser.log_in(a, username, device)
    assert redis_server.client().keys(SESSION_KEYS), "the session has no copy in Redis"
    assert browser.signed_in(b) and browser.signed_in(a)

    old_cookie = browser.copy()  # what a thief of the cookie would replay
    response, _ = browser.log_out(b)
    assert response.status == 302, response.status
    assert not browser.signed_in(a)
    assert not old_cookie.signed_in(a) and not old_cookie.signed_in(b)
    assert not redis_server.client().keys(SESSION_KEYS)


def test_with_redis_not_answering_pages_render_from_the_rows_and_a_log_out_waits_for_it(
    two_servers, redis_server
):
    (a, b), [_, (username, device), (other, other_device)] = two_servers
    browser = Browser()
    browser.log_in(a, username, device)

    redis_server.pause()  # a network cut: Redis keeps the copy but does not answer
    try:
        started = time.monotonic()
        assert browser.signed_in(b)  # from the session's row
        assert time.monotonic() - started < 5  # the 1 s timeouts, not a hung worker
        response, page = browser.log_out(b)
        assert response.status == 503, response.status
        assert "会话" in page or "session" in page.lower()
        assert browser.signed_in(a)  # refused means still signed in, on both stores alike
    finally:
        redis_server.resume()
    old_cookie = browser.copy()
    response, _ = browser.log_out(a)
    assert response.status == 302, response.status
    assert not old_cookie.signed_in(b)  # Redis's copy went with the row

    redis_server.stop()  # Redis gone: connections refused
    second = Browser()
    second.log_in(a, other, other_device)  # a log-in works on the rows alone
    assert second.signed_in(b)
    response, _ = second.log_out(b)
    assert response.status == 503, response.status
    redis_server.start()  # back, empty
    response, _ = second.log_out(b)
    assert response.status == 302, response.status
    assert not second.copy().signed_in(a)


def _in_process(environment: dict, code: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zhidu.settings", **environment}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    script = f"import django\ndjango.setup()\n{code}"
    done = subprocess.run(  # noqa: S603 - this interpreter
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_cache_is_one_across_processes(redis_server, tmp_path):
    env = {"ZHIDU_REDIS_URL": redis_server.url, "ZHIDU_VAR_DIR": str(tmp_path / "var")}
    _in_process(
        env, "from django.core.cache import cache\ncache.set('shared', {'n': 1}, 60)\ncache.set('hits', 1)"
    )
    got = _in_process(
        env,
        "import json\nfrom django.core.cache import cache\n"
        "print(json.dumps([cache.get('shared'), cache.incr('hits')]))",
    )
    assert json.loads(got) == [{"n": 1}, 2]
    assert _in_process(env, "from django.core.cache import cache\nprint(cache.get('hits'))") == "2"


def test_without_redis_url_sessions_are_rows_and_redis_is_never_imported(tmp_path):
    env = {"ZHIDU_REDIS_URL": "", "ZHIDU_VAR_DIR": str(tmp_path / "var")}
    got = _in_process(
        env,
        "import sys, json\nfrom django.conf import settings\nfrom django.core.cache import cache\n"
        "cache.set('k', 1)\n"
        "print(json.dumps([settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'], 'redis' in sys.modules]))",
    )
    assert json.loads(got) == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache",
        False,
    ]


def test_the_idle_time_out_waits_for_redis_too_and_writes_no_entry_until_it_happens(
    redis_server, client, settings, people
):
    from zhidu.core.models import AuditEntry
    from zhidu.trust import idle

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "zhidu.trust.sessions"
    client.force_login(people["secretary"].user)
    session = client.session
    session[idle.LAST_SEEN] = int(time.time()) - 3 * settings.ZHIDU_IDLE_SECONDS
    session.save()
    entries = AuditEntry.objects.filter(action="logout.idle")

    redis_server.pause()
    try:
        response = client.get("/duties/")
        assert response.status_code == 503
        assert "未能退出登录" in response.content.decode()
        assert not entries.exists()
    finally:
        redis_server.resume()
    response = client.get("/duties/")
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert entries.count() == 1
