"""Benchmark: the obligations sweep over N open, past-due obligations against a bare SQL UPDATE that
marks the same rows overdue.

    .venv/bin/python bench/sweep.py [--rows N] [--repeat K] [--smoke]

Never touches the real database: SQLite runs in a fresh temporary ZHIDU_VAR_DIR; when DATABASE_URL
points to PostgreSQL, a dedicated database zhidu_bench_<pid> is created on the same server and dropped
at the end. Each variant runs inside a transaction that is rolled back (and, on PostgreSQL, followed by
VACUUM ANALYZE, untimed); the two alternate K times and the medians are reported. Exits 1 if the sweep
and the bare UPDATE mark different numbers of rows; otherwise 0, whether or not the target is met.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _runner import in_throwaway_database, migrate, smoke_argument  # noqa: E402

TARGET = 2.0
TABLE = "obligations_obligation"
BARE = f"UPDATE {TABLE} SET state = 'overdue' WHERE state = 'open' AND due_at < %s"
COLUMNS = (
    "kind, article, title, key, rule, due_at, provisional, escalate_at, state, reminder_level,"
    " delivered_level, source_type, source_id, created_at, assignee_id, township_id"
)
# Columns added to the model later, NOT NULL with a default (soon_reminded, soon_delivered, …), are
# appended from the model with their defaults (`{extra_columns}`, `{extra_values}`): a new column
# cannot stop the benchmark again (issue 18).
# Params: now, rows, now, created_at, assignee, township. Due times scatter over the past year (the
# multiplier is prime to the year's seconds, so due order is not id order); even rows escalate a day
# after their due time, odd rows in 30 days.
INSERT = {
    "sqlite": f"""
        INSERT INTO {TABLE} ({COLUMNS}{{extra_columns}})
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %s),
             g(n, due) AS (SELECT n, datetime(%s, '-' || ((n * 7919) %% 31536000 + 60) || ' seconds') FROM s)
        SELECT 'bench', '1.1', 'bench ' || n, 'bench:' || n, '{{}}', due, 0,
               CASE WHEN n %% 2 = 0 THEN datetime(due, '+1 day') ELSE datetime(%s, '+30 days') END,
               'open', 0, 0, '', '', %s, %s, %s{{extra_values}}
        FROM g""",
    "postgresql": f"""
        INSERT INTO {TABLE} ({COLUMNS}{{extra_columns}})
        SELECT 'bench', '1.1', 'bench ' || n, 'bench:' || n, '{{}}', due, false,
               CASE WHEN n %% 2 = 0 THEN due + interval '1 day' ELSE %s::timestamptz + interval '30 days' END,
               'open', 0, 0, '', '', %s, %s, %s{{extra_values}}
        FROM (SELECT n, %s::timestamptz - ((n * 7919) %% 31536000 + 60) * interval '1 second' AS due
              FROM generate_series(1, %s::bigint) AS n) AS g""",
}


def later_columns(connection) -> tuple[str, list[object]]:
    """The model's NOT NULL columns that COLUMNS does not list, with their defaults as parameters."""
    from zhidu.obligations.models import Obligation

    listed = {c.strip() for c in COLUMNS.split(",")}
    names, values = [], []
    for field in Obligation._meta.concrete_fields:
        if field.column in listed or field.null or field.primary_key:
            continue
        if not field.has_default():
            raise SystemExit(f"bench/sweep.py: add the new NOT NULL column {field.column} to COLUMNS")
        names.append(field.column)
        values.append(field.get_db_prep_save(field.get_default(), connection))
    return "".join(f", {n}" for n in names), values


def run(rows: int, repeat: int) -> int:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.utils import timezone

    from zhidu.obligations.models import Obligation
    from zhidu.obligations.services import sweep
    from zhidu.org.models import Person, Township

    migrate()
    vendor = connection.vendor
    township = Township.objects.create(name="基准镇", code="bench")
    person = Person.objects.create(township=township, name="基准")
    now = timezone.now().replace(microsecond=0)
    db_now = connection.ops.adapt_datetimefield_value(now)
    extra_columns, extra = later_columns(connection)
    if vendor == "sqlite":
        params = [rows, db_now, db_now, db_now, person.pk, township.pk, *extra]
    else:
        params = [now, now, person.pk, township.pk, *extra, now, rows]
    insert = (
        INSERT[vendor]
        .replace("{extra_columns}", extra_columns)
        .replace("{extra_values}", "".join(", %s" for _ in extra))
    )
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(insert, params)
    load_s = time.perf_counter() - t0

    def settle() -> None:
        # Untimed, between runs: PostgreSQL drops the rolled-back row versions and refreshes the
        # statistics; SQLite empties its write-ahead log.
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute(f"VACUUM ANALYZE {TABLE}")
            else:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    settle()
    version = connection.Database.sqlite_version if vendor == "sqlite" else connection.pg_version
    past_due = Obligation.objects.filter(state="open", due_at__lt=now).count()
    print(
        f"database: {vendor} {version} ({connection.settings_dict['NAME']}); {rows:,} rows loaded"
        f" in {load_s:.2f} s; {past_due:,} open and past due; {repeat} alternating runs each"
    )

    bare_times: list[float] = []
    sweep_times: list[float] = []
    bare_counts: set[int] = set()
    verified = None
    for i in range(repeat):
        with transaction.atomic():
            with connection.cursor() as cursor:
                t0 = time.perf_counter()
                cursor.execute(BARE, [db_now])
                bare_times.append(time.perf_counter() - t0)
                bare_counts.add(cursor.rowcount)
            transaction.set_rollback(True)
        settle()
        with transaction.atomic():
            t0 = time.perf_counter()
            result = sweep(now=now)
            sweep_times.append(time.perf_counter() - t0)
            if i == 0:
                overdue = Obligation.objects.filter(state="overdue").count()
                levels = dict(
                    Obligation.objects.filter(state="overdue")
                    .values_list("reminder_level")
                    .annotate(n=Count("pk"))
                    .order_by()
                )
                verified = (result.marked_overdue, overdue, result.escalated, levels)
            transaction.set_rollback(True)
        settle()
        print(f"  run {i + 1}: bare UPDATE {bare_times[-1]:.2f} s, zhidu sweep {sweep_times[-1]:.2f} s")

    marked, overdue, escalated, levels = verified
    bare = statistics.median(bare_times)
    swept = statistics.median(sweep_times)
    ratio = swept / bare if bare else float("inf")
    print(
        f"check: bare UPDATE marked {sorted(bare_counts)}, sweep marked {marked:,} ({overdue:,} overdue"
        f" in the transaction; reminder levels {levels}; escalated by the second statement {escalated})"
    )
    print(
        f"sweep: {rows:,} rows, bare UPDATE {bare:.2f} s, zhidu sweep {swept:.2f} s, ratio {ratio:.2f}×"
        f" (target ≤ {TARGET:g}×) [{vendor}] {'target met' if ratio <= TARGET else 'TARGET MISSED'}"
    )
    if bare_counts != {marked} or overdue != marked or marked != past_due:
        print("MISMATCH: the sweep and the bare UPDATE marked different rows", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    smoke_argument(parser)
    args = parser.parse_args()
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    if args.smoke:
        args.rows, args.repeat = 2_000, 1
    return in_throwaway_database(run, args.rows, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
