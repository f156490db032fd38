"""Benchmark: audited writes of 8 concurrent writers, each in its own township, against the same 8
writers all in one township (issue 18: the audit chain no longer serializes the deployment).

    .venv/bin/python bench/audit_chain.py [--writers 8] [--writes N] [--smoke]

Each write is the audited part of an entry point: one transaction with its audit entry (which
appends to the township's chain, locking its head row until commit), then the commit. With
one chain per township the 8-township run should reach several times the 1-township run's writes
per second on PostgreSQL (target ≥ 5×, the issue's figure, on a machine with the cores for it);
SQLite serializes every write transaction of its file, so there the ratio stays near 1× by design.
Both runs end with `zhidu verify`'s check of every chain; exits 1 if it fails.

Never touches the real database (bench/_runner.py: a throwaway SQLite file, or a zhidu_bench_<pid>
database on the PostgreSQL server DATABASE_URL names).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _runner import in_throwaway_database, migrate, smoke_argument  # noqa: E402

TARGET = 5.0


def _writers(towns: list, writers: int, writes: int) -> float:
    """`writers` threads, the i-th writing `writes` audited rows for towns[i % len(towns)];
    returns the writes per second of the whole run."""
    from django.db import connection, transaction

    from zhidu.core.audit import record

    start, errors = threading.Barrier(writers + 1), []

    def writer(i: int) -> None:
        town = towns[i % len(towns)]
        try:
            start.wait()
            for n in range(writes):
                with transaction.atomic():
                    record(None, "bench.write", township=town, summary=f"{i}-{n}")
        except Exception as error:  # reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError(errors[0])
    return writers * writes / elapsed


def run(writers: int, writes: int) -> int:
    import django

    django.setup()
    from django.db import connection

    from zhidu.org.models import Township
    from zhidu.trust import ledger

    migrate()
    vendor = connection.vendor
    towns = [
        Township.objects.create(name=f"基准镇{i}", code=f"bench{i}", doc_prefix="基") for i in range(writers)
    ]
    _writers(towns, writers, 2)  # warm-up: every chain's head row exists, connections opened
    one = _writers(towns[:1], writers, writes)
    many = _writers(towns, writers, writes)
    verdict = ledger.verify_database()
    ratio = many / one if one else float("inf")
    print(
        f"audit chain: {writers} writers × {writes} audited writes: 1 township {one:,.0f} writes/s, "
        f"{writers} townships {many:,.0f} writes/s, ratio {ratio:.2f}× (target ≥ {TARGET:g}× on "
        f"PostgreSQL) [{vendor}] "
        + (
            ("target met" if ratio >= TARGET else "TARGET MISSED")
            if vendor == "postgresql"
            else "SQLite serializes writers by design"
        )
    )
    print(verdict.line())
    return 0 if verdict.ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=200)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.writers < 1 or args.writes < 1:
        parser.error("--writers and --writes must be at least 1")
    if args.smoke:
        args.writes = 5
    return in_throwaway_database(run, args.writers, args.writes)


if __name__ == "__main__":
    sys.exit(main())
