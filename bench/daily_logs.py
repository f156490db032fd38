"""Benchmark: the party office's daily-log board and a member's week view (R18) must cost the same for a
township with 10 years of logs (15 members × 250 working days × 10 years) as with one month of them.

    .venv/bin/python bench/daily_logs.py [--members 15] [--years 10] [--repeat 15] [--smoke]

Never touches the real database: SQLite runs in a fresh temporary ZHIDU_VAR_DIR; when DATABASE_URL
points to PostgreSQL, a dedicated database zhidu_bench_<pid> is created on the same server and dropped
at the end (bench/_runner.py). Steps, in one process:
1. one township with --members team members and a party office clerk (who logs in); the last month of
   working days of logs (a fifth with an unfinished task), made with bulk_create, ANALYZE;
2. time the board of the last working day and the first member's week through Django's test Client:
   the median (and the fastest) of --repeat runs after a warm-up, and the query count;
3. add the logs of the other working days of --years years (bulk_create), ANALYZE;
4. time the same two pages again and print the ratios (target ≤ 1.3×) and the query counts (which must
   be equal). Exits 1 if a page's content or query count changed with the history; otherwise 0,
   whether or not the time target is met.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _runner import fast_accounts, in_throwaway_database, log_in, migrate, smoke_argument  # noqa: E402

TARGET = 1.3
BATCH = 2000
MONTH = 22  # working days in a month
PASSWORD = "bench-password-1"  # the clerk logs in through both steps (_runner.log_in)


def organization(members: int, start: datetime.date):
    """The township, its team (all on the team since `start`) and the party office clerk's user."""
    from django.contrib.auth import get_user_model

    from zhidu.org.models import Department, Person, TeamMembership, Township

    town = Township.objects.create(name="基准镇", code="bench-dlog", doc_prefix="基党")
    office = Department.objects.create(township=town, name="党政办公室", kind="party_office")
    user = get_user_model().objects.create_user(username="bench-clerk", password=PASSWORD)
    Person.objects.create(township=town, name="党办干事", user=user, department=office)
    team = []
    for n in range(members):
        person = Person.objects.create(township=town, name=f"班子成员{n + 1:02d}")
        TeamMembership.objects.create(
            township=town, person=person, role="secretary" if n == 0 else "member", is_principal=n == 0,
            starts_on=start,
        )  # fmt: skip
        team.append(person)
    return town, user, team


def load(town, team, days: list[datetime.date]) -> int:
    """Every member's log of each day (bulk_create), a fifth with an unfinished task owned by the next
    member; returns the number of logs."""
    from django.utils import timezone

    from zhidu.daily_logs.models import DailyLog, UnfinishedTask

    logs = []
    for i, day in enumerate(days):
        for n, member in enumerate(team):
            late = (i + n) % 17 == 0
            at = datetime.time(19, 5) if late else datetime.time(17, (n * 3) % 60)
            logs.append(
                DailyLog(
                    township=town,
                    member=member,
                    day=day,
                    submitted_at=timezone.make_aware(datetime.datetime.combine(day, at)),
                    summary=f"{day.isoformat()}：走访企业，推进重点项目",
                    plan="召开调度会",
                    support="",
                )  # fmt: skip
            )
    created = []
    for start in range(0, len(logs), BATCH):
        created += DailyLog.objects.bulk_create(logs[start : start + BATCH])
    tasks = [
        UnfinishedTask(
            township=town,
            log=log,
            task="园区道路征地协调",
            reason="两户未签字",
            owner=team[(k + 1) % len(team)],
            due=log.day + datetime.timedelta(days=3),
        )  # fmt: skip
        for k, log in enumerate(created)
        if k % 5 == 0
    ]
    for start in range(0, len(tasks), BATCH):
        UnfinishedTask.objects.bulk_create(tasks[start : start + BATCH])
    return len(created)


def slowest(client, urls: dict[str, str]) -> None:
    """Each page's queries with their time (debug cursor), slowest first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name, url in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:5]:
            print(f"  {name} {float(q['time']) * 1000:.1f} ms {q['sql'][:160]}")
        for q in ctx.captured_queries:  # how this area's own queries are planned
            if "daily_logs_" in q["sql"] and q["sql"].startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN ANALYZE {q['sql']}")
                    plan = [row[0] for row in cursor.fetchall()]
                print(f"  {name} plan: {' | '.join(line.strip() for line in plan[:3])[:300]}")


def run(members: int, years: int, repeat: int, show: bool = False) -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone
    from supervision import analyze, page_times

    from zhidu.daily_logs.models import DailyLog
    from zhidu.workdays.services import get_calendar

    setup_test_environment(debug=False)
    migrate()
    fast_accounts()
    vendor = connection.vendor
    calendar = get_calendar()
    today = timezone.localdate()
    # 250 working days a year, back from the last working day before today.
    workdays, day = [], calendar.last_workday_on_or_before(today - datetime.timedelta(days=1))
    while len(workdays) < 250 * years:
        if calendar.is_workday(day):
            workdays.append(day)
        day -= datetime.timedelta(days=1)
    town, user, team = organization(members, workdays[-1])
    t0 = time.perf_counter()
    month = load(town, team, workdays[:MONTH])
    analyze(vendor)
    print(
        f"database: {vendor}; one month: {month:,} logs of {members} members, loaded in {time.perf_counter() - t0:.1f} s"
    )
    client = Client()
    log_in(client, user.username, PASSWORD)  # the party office enrols and passes its second factor
    last = workdays[0]
    urls = {
        "board": f"{reverse('daily_logs:board')}?day={last.isoformat()}",
        "week": f"{reverse('daily_logs:member-week', args=[team[0].pk])}?week={last.isoformat()}",
    }
    alone, bodies, queries = page_times(client, urls, repeat)

    t0 = time.perf_counter()
    history = load(town, team, workdays[MONTH:])
    analyze(vendor)
    total = DailyLog.objects.filter(township=town).count()
    print(
        f"history: {years} years, {total:,} logs ({history:,} added) loaded in {time.perf_counter() - t0:.1f} s"
    )
    full, full_bodies, full_queries = page_times(client, urls, repeat)
    if show:
        slowest(client, urls)

    met, parts, fastest = True, [], []
    for name in urls:
        ratio = full[name][0] / alone[name][0]
        met &= ratio <= TARGET
        parts.append(
            f"{name} one month {alone[name][0]:.1f} ms, {years} years {full[name][0]:.1f} ms, ratio {ratio:.2f}×"
            f" (target ≤ {TARGET:g}×), queries {queries[name]}→{full_queries[name]}"
        )
        fastest.append(f"{name} {full[name][1] / alone[name][1]:.2f}×")
    print(f"daily_logs: {'; '.join(parts)} [{vendor}] {'target met' if met else 'TARGET MISSED'}")
    print(
        f"detail: medians of {repeat} runs; fastest-run ratios {', '.join(fastest)};"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    changed = [n for n in urls if bodies[n] != full_bodies[n] or queries[n] != full_queries[n]]
    if changed:
        print(
            f"MISMATCH: {', '.join(changed)} changed with the history (content or query count)",
            file=sys.stderr,
        )
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--show-queries", action="store_true", help="print each page's slowest queries")
    smoke_argument(parser)
    args = parser.parse_args()
    if min(args.members, args.years, args.repeat) < 1:
        parser.error("--members, --years and --repeat must be at least 1")
    if args.smoke:
        args.members, args.years, args.repeat = 3, 1, 2
    return in_throwaway_database(run, args.members, args.years, args.repeat, args.show_queries)


if __name__ == "__main__":
    sys.exit(main())
