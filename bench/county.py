"""Benchmark: the county overview (/county/, issue 18) and its Excel ledger at 20 townships against
2: the queries must be the same (grouped by township, never a loop per township) and the time
roughly linear in the data (each township's rows are read once, in GROUP BY).

    .venv/bin/python bench/county.py [--small 2] [--large 20] [--years 1] [--repeat 7] [--smoke]

Never touches the real database: SQLite in a fresh temporary ZHIDU_VAR_DIR, or, when DATABASE_URL
points to PostgreSQL, a dedicated database zhidu_bench_<pid> dropped at the end (bench/_runner.py).
Steps:
1. `zhidu generate` writes --small townships of one county (generate's 生成县1: meetings, supervision
   items, petitions, obligations over --years years), each with archived meetings carrying findings;
   a county viewer logs in through both log-in steps (bench/_runner.py);
2. time the overview and the ledger for the last year: the median of --repeat runs after a warm-up,
   and count their queries;
3. generate the townships up to --large in the same county, and time and count again;
4. print the time ratios beside the data ratio. Exits 1 if a page's query count changed with the
   number of townships (a per-township loop); otherwise 0, whatever the times.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _runner import counted, fast_accounts, in_throwaway_database, log_in, migrate, smoke_argument  # noqa: E402

PASSWORD = "bench-password-1"
UNTIL = datetime.date(2026, 12, 31)
SEVERITIES = ("invalid", "violation", "advice")


def archive_findings(seed: int) -> int:
    """Archive versions with stored verdicts for a tenth of each generated meeting (generate writes
    none): findings by severity and article, as the organization office's checks find them."""
    from zhidu.meetings.models import ArchiveVersion, Meeting

    rows = []
    for n, (pk, township_id) in enumerate(
        Meeting.objects.filter(township__code__startswith=f"gen-{seed}-").values_list("pk", "township_id")
    ):
        if n % 10:
            continue
        severity = SEVERITIES[n % 3]
        finding = {
            "code": "bench",
            "severity": severity,
            "article": ("R1§7", "R4", "R1§9")[n % 3],
            "message": "—",
        }
        rows.append(
            ArchiveVersion(
                township_id=township_id,
                meeting_id=pk,
                version=1,
                record={},
                evaluation={"quorum": {}, "findings": [finding], "items": [], "obligations": []},
                counts={},
            )
        )
    ArchiveVersion.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def viewer(county: str):
    from django.contrib.auth import get_user_model

    from zhidu.org.models import Person, Township

    town = Township.objects.filter(county=county).order_by("pk").first()
    user = get_user_model().objects.create_user(username="bench-county", password=PASSWORD)
    Person.objects.create(township=town, name="县委组织部", user=user, county_view=True)
    return user


def page_times(client, urls: dict[str, str], repeat: int):
    import gc

    gc.collect()
    queries, samples = {}, {name: [] for name in urls}
    for name, url in urls.items():
        client.get(url)
        queries[name], response = counted(client, url)
        assert response.status_code == 200, (url, response.status_code)
    for _ in range(repeat):
        for name, url in urls.items():
            t0 = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            samples[name].append((time.perf_counter() - t0) * 1000)
    return {name: statistics.median(s) for name, s in samples.items()}, queries


def run(small: int, large: int, years: int, repeat: int) -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from zhidu.generate import generate
    from zhidu.obligations.models import Obligation

    setup_test_environment(debug=False)
    migrate()
    fast_accounts()
    vendor = connection.vendor
    t0 = time.perf_counter()
    generate(small, years, 1, until=UNTIL)
    archive_findings(1)
    county = "生成县1"  # generate's county of townships 1–19
    user = viewer(county)
    print(
        f"database: {vendor}; {small} townships × {years} years, {Obligation.objects.count():,} obligations,"
        f" loaded in {time.perf_counter() - t0:.1f} s"
    )
    client = Client()
    log_in(client, user.username, PASSWORD)
    year = UNTIL.year
    urls = {
        "overview": f"{reverse('county:index')}?year={year}&sort=-overdue",
        "ledger": f"{reverse('county:ledger')}?year={year}",
    }
    few, few_queries = page_times(client, urls, repeat)
    t0 = time.perf_counter()
    # Seed 2's townships 1–(large − small) are of the same county (generate: index // 20 + 1).
    generate(large - small, years, 2, until=UNTIL)
    archive_findings(2)
    print(
        f"county: {large} townships, {Obligation.objects.count():,} obligations,"
        f" loaded in {time.perf_counter() - t0:.1f} s"
    )
    many, many_queries = page_times(client, urls, repeat)
    parts = [
        f"{name} {small} townships {few[name]:.1f} ms, {large} townships {many[name]:.1f} ms,"
        f" ratio {many[name] / few[name]:.2f}× ({few_queries[name]}→{many_queries[name]} queries)"
        for name in urls
    ]
    print(f"county: {'; '.join(parts)}; data ratio {large / small:.1f}× [{vendor}]")
    print(f"detail: medians of {repeat} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    changed = [name for name in urls if few_queries[name] != many_queries[name]]
    if changed:
        print(f"QUERIES CHANGED with the number of townships: {', '.join(changed)}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2, help="townships first")
    parser.add_argument("--large", type=int, default=20, help="townships then (at most 19: one county)")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.smoke:
        args.small, args.large, args.years, args.repeat = 2, 3, 1, 2
    if not 1 <= args.small < args.large or args.large - args.small > 19 or args.small > 19:
        parser.error("1 ≤ --small < --large, both of one generated county (at most 19 townships each step)")
    if min(args.years, args.repeat) < 1:
        parser.error("--years and --repeat must be at least 1")
    return in_throwaway_database(run, args.small, args.large, args.years, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
