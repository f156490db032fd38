"""Benchmark: 100,000 mixed deadline questions answered by WorkCalendar (prefix sums, O(1) each)
against a naive day-by-day loop over chinese_calendar.is_workday.

    .venv/bin/python bench/deadlines.py [--questions N] [--naive-sample N]

Uses the pure module only (the calendar seeded from chinese-calendar, as before `migrate`), so no
database is needed. The naive loop runs on a smaller sample and is extrapolated to all questions;
both must agree on that sample, or the script exits 1.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chinese_calendar  # noqa: E402

from zhidu.workdays.seed import seed_calendar  # noqa: E402

METHODS = ("after_days", "after_workdays", "before_workdays", "before_days")
ONE = datetime.timedelta(days=1)


def naive(method: str, anchor: datetime.date, n: int) -> datetime.date:
    wd = chinese_calendar.is_workday
    if method == "after_days":
        d = anchor + n * ONE
        while not wd(d):
            d += ONE
        return d
    if method == "before_days":
        d = anchor - n * ONE
        while not wd(d):
            d -= ONE
        return d
    step = ONE if method == "after_workdays" else -ONE
    d, count = anchor, 0
    while count < n:
        d += step
        count += wd(d)
    return d


def questions(count: int, seed: int = 20261001) -> list[tuple[str, datetime.date, int]]:
    rng = random.Random(seed)
    # Random dates 2024–2026 whose answers stay inside the library's data (so the naive loop can
    # answer): anchors from 2024-03-01 to 2026-10-31, n 1–30.
    first = datetime.date(2024, 3, 1).toordinal()
    last = datetime.date(2026, 10, 31).toordinal()
    return [
        (rng.choice(METHODS), datetime.date.fromordinal(rng.randint(first, last)), rng.randint(1, 30))
        for _ in range(count)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=5_000)
    parser.add_argument(
        "--smoke", action="store_true", help="a small size for CI (tests/core/test_bench_smoke.py)"
    )
    args = parser.parse_args()
    if args.smoke:
        args.questions, args.naive_sample = 2_000, 200

    qs = questions(args.questions)
    calendar = seed_calendar(2026)
    calls = [(getattr(calendar, m), d, n) for m, d, n in qs]
    calendar.after_days(datetime.date(2026, 1, 1), 0)  # warm up

    t0 = time.perf_counter()
    fast = [f(d, n).date for f, d, n in calls]
    fast_s = time.perf_counter() - t0

    sample = qs[: min(args.naive_sample, len(qs))]
    t0 = time.perf_counter()
    slow = [naive(m, d, n) for m, d, n in sample]
    sample_s = time.perf_counter() - t0
    naive_s = sample_s * len(qs) / len(sample)

    wrong = [(q, a, b) for q, a, b in zip(sample, fast, slow, strict=False) if a != b]
    ratio = naive_s / fast_s if fast_s else float("inf")
    print(
        f"deadlines: fast {fast_s:.3f} s, naive {naive_s:.3f} s, ratio {ratio:.0f}× (target ≥ 100×)"
        f"  [{len(qs):,} questions; naive measured on {len(sample):,} ({sample_s:.3f} s) and extrapolated;"
        f" {len(sample) - len(wrong):,}/{len(sample):,} agree]"
    )
    if wrong:
        for (m, d, n), a, b in wrong[:10]:
            print(f"DISAGREE {m}({d}, {n}): fast {a}, naive {b}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
