"""Benchmark: deadline questions answered through the app's calendar (`get_calendar()` per
question, as views and services call it) against the pure arithmetic on a calendar held in hand,
in the same process (issue 18: the in-app path was 300–750× slower, a query per question).

    .venv/bin/python bench/calendar_app.py [--questions N] [--repeat N] [--smoke]

A throwaway database (bench/_runner.py: a temporary SQLite file, or zhidu_bench_<pid> on the
PostgreSQL server of DATABASE_URL), migrated, so the calendar is the seeded table. Prints the
ratio in-app / pure (target ≤ 1.5) and exits 1 above it (unless --smoke) or if any answer differs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
TARGET = 1.5

from _runner import in_throwaway_database, migrate, smoke_argument  # noqa: E402
from deadlines import questions  # noqa: E402


def run(count: int, repeat: int, smoke: bool = False) -> int:
    import django

    django.setup()
    from django.db import connection

    from zhidu.workdays.services import get_calendar

    migrate()
    qs = questions(count)
    held = get_calendar()

    def pure() -> list:
        return [getattr(held, m)(d, n).date for m, d, n in qs]

    def in_app() -> list:
        return [getattr(get_calendar(), m)(d, n).date for m, d, n in qs]

    if pure() != in_app():
        print("in-app answers differ from the pure arithmetic")
        return 1
    pure_s, app_s = [], []
    for _ in range(repeat):  # alternating, so the machine's noise falls on both
        t0 = time.perf_counter()
        pure()
        pure_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        in_app()
        app_s.append(time.perf_counter() - t0)
    ratio = statistics.median(app_s) / statistics.median(pure_s)
    print(
        f"database: {connection.vendor}; {count:,} questions × {repeat} runs; pure "
        f"{statistics.median(pure_s) * 1e6 / count:.2f} µs, in-app {statistics.median(app_s) * 1e6 / count:.2f} µs"
        f" per question; ratio {ratio:.2f} (target ≤ {TARGET})"
    )
    return 0 if smoke or ratio <= TARGET else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.questions < 1 or args.repeat < 1:
        parser.error("--questions and --repeat must be at least 1")
    if args.smoke:
        args.questions, args.repeat = 2_000, 3
    return in_throwaway_database(run, args.questions, args.repeat, args.smoke)


if __name__ == "__main__":
    sys.exit(main())
