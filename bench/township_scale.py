"""Benchmark (issue 18): one township's signed-in pages cost at most 1.3× with the data of many
other townships beside it, with the same number of queries.

    .venv/bin/python bench/township_scale.py [--townships 200] [--years 5] [--repeat 9] [--smoke]

Never touches the real database (bench/_runner.py: a temporary SQLite file, or a throwaway
PostgreSQL database when DATABASE_URL points to one). Steps:
1. `zhidu generate` writes one township (--years of meetings, supervision, daily logs, petitions,
   opinions, ballots, declarations, portal pages, obligations, the chained audit trail), ANALYZE;
   its principal and its party-office clerk get accounts and log in through both steps;
2. each page of PAGES is timed through Django's test Client (median of --repeat after a warm-up)
   and its queries counted;
3. `zhidu generate` adds --townships − 1 other townships beside it, ANALYZE;
4. the same pages again: prints each page's ratio and query counts. Exits 1 if a page's content or
   its query count changed with the other townships' data (a scoping bug), else 0, target met or not.

Measured figures are in README ("Production at scale").
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _runner import counted, fast_accounts, in_throwaway_database, log_in, migrate, smoke_argument  # noqa: E402

TARGET = 1.3
SEED = 71
PASSWORD = "bench-password-1"
# (who, page): the lists, dashboards and reports a township opens every day.
PAGES = [
    ("principal", "/duties/"),
    ("clerk", "/compliance/"),
    ("clerk", "/meetings/"),
    ("clerk", "/supervision/"),
    ("clerk", "/petitions/"),
    ("clerk", "/daily-logs/board/"),
    ("clerk", "/opinions/"),
    ("clerk", "/family-events/"),
    ("officer", "/audit/"),
    ("clerk", "/site/staff/articles/"),
    ("public", "/site/{code}/"),  # the portal's home, not logged in
]
# What differs between two renders of the same page: tokens, and the clock in the page's footer.
VOLATILE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"|nonce="[^"]*"')


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def accounts(code: str) -> dict[str, str]:
    """Log-ins for the generated township's principal, party-office clerk and discipline officer."""
    from django.contrib.auth import get_user_model

    from zhidu.org.models import Person

    users = get_user_model().objects
    principal = Person.objects.get(township__code=code, terms__is_principal=True)
    staff = Person.objects.filter(township__code=code, terms__isnull=True)
    clerk = staff.get(department__kind="party_office")
    officer = staff.get(department__kind="discipline_inspection")
    found = {}
    for who, person in (("principal", principal), ("clerk", clerk), ("officer", officer)):
        person.user = users.create_user(username=f"{code}-{who}", password=PASSWORD)
        person.save(update_fields=["user"])
        found[who] = person.user.username
    return found


def measure(clients: dict, repeat: int, code: str) -> dict[str, tuple[float, int, str]]:
    """Per page: the median seconds, the queries of one render, the content."""

    found = {}
    for who, page in PAGES:
        client, url = clients[who], page.format(code=code)
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            where = response.get("Location", "")
            raise RuntimeError(f"{url} answered {response.status_code} {where} to the {who}")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        count, response = counted(client, url)
        found[page] = (statistics.median(times), count, VOLATILE.sub("", response.content.decode()))
    return found


def run(townships: int, years: int, repeat: int) -> int:
    import django

    django.setup()
    migrate()
    fast_accounts()
    from django.test import Client

    from zhidu.generate import generate

    started = time.perf_counter()
    generate(1, years, SEED)
    code = f"gen-{SEED}-1"
    analyze()
    names = accounts(code)
    clients = {"public": Client()}
    for who, username in names.items():
        clients[who] = Client()
        log_in(clients[who], username, PASSWORD)
    alone = measure(clients, repeat, code)
    print(f"one township, {years} year(s): generated and measured in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    generate(townships - 1, years, SEED, start=2)
    analyze()
    print(f"{townships - 1} other townships added in {time.perf_counter() - started:.0f} s")
    beside = measure(clients, repeat, code)

    failed, worst = False, 0.0
    print(f"{'page':<24}{'alone ms':>10}{'beside ms':>11}{'ratio':>8}{'queries':>10}")
    for _who, url in PAGES:
        (t0, q0, c0), (t1, q1, c1) = alone[url], beside[url]
        url = url.format(code=code)
        ratio = t1 / t0
        worst = max(worst, ratio)
        flag = ""
        if q0 != q1:
            failed, flag = True, "  queries changed"
        if c0 != c1:
            failed, flag = True, flag + "  content changed"
        print(f"{url:<24}{t0 * 1000:>10.1f}{t1 * 1000:>11.1f}{ratio:>8.2f}{q0:>5} → {q1:<4}{flag}")
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"worst ratio {worst:.2f} at {townships} townships × {years} years (target ≤ {TARGET}: {verdict})")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--townships", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=9)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.smoke:
        args.townships, args.years, args.repeat = 2, 1, 1
    return in_throwaway_database(run, args.townships, args.years, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
