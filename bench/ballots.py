"""Benchmark: 300 voters cast anonymous ballots with one-time codes within a minute, over real HTTP
on loopback (waitress, the production server), each also retrying their code once; compared with a
bare Django view served by the same server, through the same middleware, in the same run.

    .venv/bin/python bench/ballots.py [--voters N] [--window SECONDS] [--workers N] [--smoke]

Never touches the real database (the throwaway setup of bench/_runner.py: a temporary SQLite file,
or a dedicated zhidu_bench_<pid> database on the PostgreSQL server of DATABASE_URL). Every voter
logs in first through both steps, the password and the authenticator's code (untimed; the log-in
rate limit per address is raised, since all voters come from loopback). Prints the 95th
percentile cast latency as a ratio to the bare view's (target ≤ 5). Exits 1 if a ballot was lost or
duplicated (ballots stored ≠ casts accepted ≠ voters, a retry accepted, or the recount disagreeing).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import statistics
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
TARGET = 5.0
SESSION_COOKIE = "sessionid"  # settings.SESSION_COOKIE_NAME, read in run()

from _runner import fast_accounts, in_throwaway_database, log_in, migrate, smoke_argument  # noqa: E402

PASSWORD = "bench-password-1"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def build(voters: int):
    """A township whose team has `voters` members, all present at a meeting with a personnel item,
    an open electronic box with its codes, and a session per member logged in through both steps."""
    import datetime

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.test import Client
    from django.utils import timezone

    from zhidu.ballots import services as ballots
    from zhidu.meetings import services as meetings
    from zhidu.org.models import Department, Person, TeamMembership, Township

    town = Township.objects.create(name="基准镇", code="bench", doc_prefix="基党")
    User = get_user_model()
    # The party office's clerk convenes the meeting and runs the box (meetings.manage, ballots.manage).
    office = Department.objects.create(township=town, name="党政办公室", kind="party_office")
    clerk = User.objects.create_user(username="bench-clerk")
    Person.objects.create(township=town, name="党办干事", user=clerk, department=office)
    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create([User(username=f"v{i}", password=hashed) for i in range(voters)])
    people = Person.objects.bulk_create(
        [Person(township=town, name=f"成员{i}", user=u) for i, u in enumerate(users)]
    )
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(
                township=town,
                person=p,
                role="secretary" if i == 0 else "member",
                is_principal=i == 0,
                starts_on=datetime.date(2021, 1, 1),
            )
            for i, p in enumerate(people)
        ]
    )
    item = meetings.propose_item(
        township=town, proposer=people[0], title="推荐干部人选", category="personnel", owner=people[0]
    )
    meetings.decide_item(item, by=people[0], approve=True)
    meeting = meetings.create_meeting(
        township=town,
        body="team",
        title="基准会议",
        held_at=timezone.now(),
        chair=people[0],
        items=[item],
        user=clerk,
    )
    meetings.record_attendance(
        meeting, version=meeting.version, statuses={p.pk: ("present", "") for p in people}, user=clerk
    )
    box = ballots.create_box(meeting.entries.get(), method="electronic", codes=voters, user=clerk)
    codes = ballots.issue_codes(box, user=clerk)
    sessions = []
    for user in users:
        client = Client()
        log_in(client, user.username, PASSWORD)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return box, codes, sessions, clerk


def serve():
    """waitress on an ephemeral loopback port, with a bare view mounted beside the application."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import HttpResponse
    from django.urls import include, path
    from waitress import create_server

    def bare(request):
        return HttpResponse("ok")

    urls = types.ModuleType("bench_ballots_urls")
    urls.urlpatterns = [path("bench/bare/", bare), path("", include("zhidu.urls"))]
    sys.modules[urls.__name__] = urls
    settings.ROOT_URLCONF = urls.__name__
    server = create_server(WSGIHandler(), host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    return server


def post(port: int, path: str, session: str, fields: dict) -> tuple[int, str, float]:
    token = secrets.token_hex(16)  # a 32-character CSRF secret: cookie and form field agree
    body = urlencode({**fields, "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{SESSION_COOKIE}={session}; csrftoken={token}",
        "Referer": f"http://127.0.0.1:{port}/",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    elapsed = time.perf_counter() - t0
    connection.close()
    return response.status, text, elapsed


def run(voters: int, window: float, workers: int) -> int:
    global SESSION_COOKIE
    # Every voter logs in from loopback: the per-address log-in limit must let them all through.
    os.environ.setdefault("ZHIDU_LOGIN_RATE_LIMIT", str(10 * voters + 100))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # Until the ballots rows are merged into the permission matrix (no-op afterwards).
    from tests.ballots.helpers import PERMISSIONS
    from zhidu.ballots import services as ballots
    from zhidu.ballots.models import AnonymousBallot, BallotBox, CodeSlot
    from zhidu.ballots.services.casting import USED_CODE
    from zhidu.core import permissions

    for action, roles in PERMISSIONS.items():
        permissions.MATRIX.setdefault(action, roles)

    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the refused retries (400) by design
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    migrate()
    fast_accounts()
    SESSION_COOKIE = settings.SESSION_COOKIE_NAME
    box, codes, sessions, clerk = build(voters)
    server = serve()
    port = server.effective_port
    cast_url = f"/ballots/{box.pk}/cast/"
    rng = random.Random(20261008)
    plan = sorted(
        (rng.uniform(0, window), i, rng.choice(["for", "against", "abstain"])) for i in range(voters)
    )
    cast_times, bare_times, accepted, problems = [], [], [], []
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def voter(arrival: float, i: int, choice: str) -> None:
        time.sleep(max(0.0, start + arrival - time.perf_counter()))
        # The bare view first, then the cast, then the same code again: all under the same load.
        b_status, _, b_elapsed = post(port, "/bench/bare/", sessions[i], {})
        status, text, elapsed = post(port, cast_url, sessions[i], {"code": codes[i], "choice": choice})
        r_status, r_text, _ = post(port, cast_url, sessions[i], {"code": codes[i], "choice": "for"})
        with lock:
            bare_times.append(b_elapsed)
            cast_times.append(elapsed)
            if b_status != 200:
                problems.append(f"bare view answered {b_status}")
            if status == 200 and "ballots/" in text:
                accepted.append(choice)
            else:
                problems.append(f"voter {i}: cast answered {status}")
            if r_status != 400 or USED_CODE not in r_text:
                problems.append(f"voter {i}: the retry was not refused ({r_status})")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(voter, *p) for p in plan]:
            future.result()
    wall = time.perf_counter() - t0
    server.task_dispatcher.shutdown()  # the worker threads first: they still write to the trigger
    server.close()

    box.refresh_from_db()
    ballots.close_box(box, user=clerk)
    box = BallotBox.objects.get(pk=box.pk)
    stored = AnonymousBallot.objects.filter(box=box).count()
    used = CodeSlot.objects.filter(box=box, used=True).count()
    expected = (accepted.count("for"), accepted.count("against"), accepted.count("abstain"))
    result = (box.votes_for, box.votes_against, box.votes_abstain)
    if not (stored == used == len(accepted) == voters == box.cast_count):
        problems.append(
            f"ballots stored {stored}, codes used {used}, accepted {len(accepted)}, voters {voters}"
        )
    if result != expected:
        problems.append(f"result {result} differs from what the voters cast {expected}")
    problems += ballots.verify(box)

    vendor = connection.vendor
    p95_cast, p95_bare = percentile(cast_times, 0.95), percentile(bare_times, 0.95)
    ratio = p95_cast / p95_bare if p95_bare else float("inf")
    print(
        f"database: {vendor} ({connection.settings_dict['NAME']}); {voters} voters over {window:g} s,"
        f" {workers} client threads, waitress 8 threads; all done in {wall:.1f} s"
    )
    print(
        f"check: {stored} ballots stored, {used} codes used, {len(accepted)} casts accepted,"
        f" {voters - sum('retry' in p for p in problems)}/{voters} retries refused; result {result}"
    )
    print(
        f"latency ms: cast p50 {statistics.median(cast_times) * 1000:.1f} p95 {p95_cast * 1000:.1f};"
        f" bare view p50 {statistics.median(bare_times) * 1000:.1f} p95 {p95_bare * 1000:.1f}"
    )
    print(
        f"ballots: p95 cast / p95 bare, ratio {ratio:.2f}× (target ≤ {TARGET:g}×) [{vendor}]"
        f" {'target met' if ratio <= TARGET else 'TARGET MISSED'}"
    )
    if problems:
        for problem in problems[:20]:
            print(f"PROBLEM: {problem}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=300)
    parser.add_argument("--window", type=float, default=30.0, help="arrivals spread over this many seconds")
    parser.add_argument("--workers", type=int, default=64)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.voters < 1 or args.window < 0 or args.workers < 1:
        parser.error("--voters and --workers must be at least 1, --window not negative")
    if args.smoke:
        args.voters, args.window, args.workers = 12, 1.0, 6
    return in_throwaway_database(run, args.voters, args.window, args.workers)


if __name__ == "__main__":
    sys.exit(main())
