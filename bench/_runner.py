"""What every benchmark under bench/ shares: the throwaway database, its schema, the real log-in with
the second factor, and the smoke size CI runs (tests/core/test_bench_smoke.py).

- `in_throwaway_database(run, *args)`: `run(*args)` against a fresh database that is always removed
  after: SQLite in a temporary ZHIDU_VAR_DIR, or, when DATABASE_URL points to PostgreSQL, a database
  zhidu_bench_<pid> created on the same server and dropped at the end. Never the real database.
- `migrate()`: the schema, by `migrate`; or, when ZHIDU_BENCH_TEMPLATE names an SQLite file already
  migrated by this checkout (the smoke test hands one over: a `migrate` takes ~30 s of CPU), a copy of
  it, which is what `migrate` would have made.
- `log_in(client, username, password)`: a Django test Client through both log-in steps as a user
  takes them: the password form, then the authenticator's code (enrolling first where the role
  requires it, from the key the page shows), as tests/browser/conftest.py's log_in does.
- `counted(client, url)`: a page's query count and response, the session's periodic write left out.
- `fast_accounts()`: a quick password hasher, for benchmarks that log many users in (the hasher's
  deliberate slowness is not what they measure).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "ZHIDU_BENCH_TEMPLATE"
_SECRET = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')


def prepare_environment() -> tuple[str | None, str | None]:
    """Point Django at a throwaway database. Returns (admin URL, bench database) for PostgreSQL."""
    os.environ["ZHIDU_VAR_DIR"] = tempfile.mkdtemp(prefix="zhidu-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhidu.settings")
    url = os.environ.get("DATABASE_URL", "")
    if os.environ.get(TEMPLATE) or not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        os.environ.pop("DATABASE_URL", None)  # the SQLite default inside the temporary ZHIDU_VAR_DIR
        template = os.environ.get(TEMPLATE)
        if template:
            shutil.copyfile(template, Path(os.environ["ZHIDU_VAR_DIR"]) / "zhidu.sqlite3")
        return None, None
    import psycopg
    from psycopg import sql

    name = f"zhidu_bench_{os.getpid()}"
    with psycopg.connect(url.replace("pgsql://", "postgresql://", 1), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = urlsplit(url)._replace(path="/" + name).geturl()
    return url, name


def drop_database(url: str, name: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with psycopg.connect(url.replace("pgsql://", "postgresql://", 1), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def in_throwaway_database(run: Callable[..., int], *args: Any) -> int:
    """`run(*args)` against a fresh throwaway database (prepare_environment), always removed after."""
    admin_url, bench_db = prepare_environment()
    try:
        return run(*args)
    finally:
        if admin_url and bench_db:
            drop_database(admin_url, bench_db)
        else:
            from django.db import connections

            connections.close_all()
        shutil.rmtree(os.environ["ZHIDU_VAR_DIR"], ignore_errors=True)


def migrate() -> None:
    """The schema of the throwaway database (a no-op when it is a copy of the template)."""
    if os.environ.get(TEMPLATE):
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fast_accounts() -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def authenticator_code(key: bytes, after_step: int = -1) -> str:
    """What the phone shows; a code is accepted once, so a step already used waits for the next."""
    from django_otp.oath import totp

    while True:
        now = int(time.time()) // 30
        step = max(now, after_step + 1)
        if step <= now + 1:
            return f"{totp(key, drift=step - now):06d}"
        time.sleep(0.5)


def log_in(client: Any, username: str, password: str, next_url: str = "/") -> None:
    """Both log-in steps through the pages; raises RuntimeError naming the step that failed."""
    from django.urls import reverse

    response = client.post(
        f"{reverse('login')}?next={next_url}", {"username": username, "password": password, "next": next_url}
    )
    if response.status_code != 302:
        raise RuntimeError(f"log-in of {username}: the password step answered {response.status_code}")
    enrol, code_step = reverse("second-factor-enrol"), reverse("second-factor")
    if response.url.startswith(enrol):
        found = _SECRET.search(client.get(enrol).content.decode())
        if found is None:
            raise RuntimeError(f"log-in of {username}: the enrolment page shows no key")
        key = base64.b32decode(found.group(1).replace(" ", ""))
        response = client.post(enrol, {"code": authenticator_code(key), "next": next_url})
    elif response.url.startswith(code_step):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code = authenticator_code(device.bin_key, after_step=device.last_t)
        response = client.post(code_step, {"code": code, "next": next_url})
    if response.status_code != 302 or response.url.startswith((enrol, code_step, reverse("login"))):
        raise RuntimeError(f"log-in of {username}: the second step answered {response.status_code}")


def counted(client: Any, url: str) -> tuple[int, Any]:
    """A page's queries and response, without the session's once-a-minute write: zhidu.trust.idle
    stores the last-seen time at most once a minute, so on a loaded machine one side of a
    comparison would count that write and the other not. Of two consecutive renders, the one with
    fewer queries (at most one of them can fall on the minute)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best: tuple[int, Any] | None = None
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        if best is None or len(ctx.captured_queries) < best[0]:
            best = (len(ctx.captured_queries), response)
    assert best is not None
    return best


def smoke_argument(parser: Any) -> None:
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a small size for CI (tests/core/test_bench_smoke.py): every step runs, the target is only reported",
    )


sys.path.insert(0, str(ROOT))
