"""Benchmark: how long `zhidu evaluate FILE` and `zhidu due …` take from start to exit, against a bare
`python -c pass` on the same interpreter (issue 18: at most 300 ms; `django.setup()` alone took 0.9 s).

    .venv/bin/python bench/cli_start.py [--repeat N] [--smoke]

Each command runs as a fresh process from this checkout (`python -m zhidu.cli`), alternating with the
bare interpreter so the machine's noise falls on both, in a temporary ZHIDU_VAR_DIR holding a migrated
copy of the working-day table (as a real installation reads it). Prints each median, the ratio to
`python -c pass` and the verdict against 300 ms; exits 1 if a command fails, or above the target
unless --smoke (a few runs in CI, where only the failure counts).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 0.300
EXAMPLE = ROOT / "tests" / "spec_examples" / "01-team-meeting-passes.json"
COMMANDS = {
    "evaluate": ["-m", "zhidu.cli", "evaluate", str(EXAMPLE)],
    "due": ["-m", "zhidu.cli", "due", "--after", "2026-09-30", "--workdays", "1"],
}


def working_day_table(path: Path) -> None:
    """The workdays table as `migrate` seeds it (the seed rows, without the rest of the schema)."""
    from zhidu.workdays import seed

    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE workdays_workingday (day date NOT NULL PRIMARY KEY, is_workday bool NOT NULL,"
            " kind varchar(20) NOT NULL, holiday_name varchar(60) NOT NULL, source varchar(20) NOT NULL)"
        )
        db.executemany(
            "INSERT INTO workdays_workingday VALUES (?, ?, ?, ?, ?)",
            [
                (r.day.isoformat(), r.is_workday, r.kind, r.holiday_name, r.source)
                for r in seed.seed_rows(2026)
            ],
        )


def timed(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-400:]}")
    return elapsed


def run(repeat: int, smoke: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="zhidu-bench-") as var:
        working_day_table(Path(var) / "zhidu.sqlite3")
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            {"ZHIDU_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "zhidu.settings", "PYTHONPATH": str(ROOT)}
        )
        bare: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        try:
            for args in COMMANDS.values():  # one untimed run each: the bytecode caches
                timed(args, env)
            for _ in range(repeat):
                for name, args in COMMANDS.items():
                    bare.append(timed(["-c", "pass"], env))
                    times[name].append(timed(args, env))
        except RuntimeError as e:
            print(e)
            return 1
    base = statistics.median(bare)
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        worst = max(worst, median)
        print(
            f"zhidu {name}: {median * 1000:.0f} ms (python -c pass {base * 1000:.0f} ms);"
            f" ratio {median / base:.1f} (target ≤ {TARGET_S * 1000:.0f} ms)"
        )
    return 0 if smoke or worst <= TARGET_S else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--smoke", action="store_true", help="three runs; the target is reported, not enforced"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return run(3 if args.smoke else args.repeat, args.smoke)


if __name__ == "__main__":
    sys.exit(main())
