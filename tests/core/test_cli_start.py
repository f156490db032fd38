"""`zhidu evaluate` and `zhidu due` judge without setting Django up (issue 18: start in at most
300 ms; the time itself is measured by bench/cli_start.py, not here): run in a fresh interpreter, the
apps registry stays unloaded and no Django database module is imported, yet the answers are those of
the entered notices, and the formats registered are exactly the ones the apps register."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from zhidu import cli
from zhidu.rules import formats
from zhidu.workdays import seed

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "spec_examples" / "01-team-meeting-passes.json"

PROBE = """
import json, sys
from zhidu import cli
statuses = [cli.main(["evaluate", sys.argv[1]]), cli.main(["due", "--after", "2027-02-19", "--days", "1", "--json"])]
from django.apps import apps
from zhidu.rules import formats
sys.stderr.write(json.dumps({
    "statuses": statuses,
    "apps_ready": apps.ready,
    "django_db": sorted(m for m in sys.modules if m == "django.db" or m.startswith("django.db.")),
    "formats": formats.names(),
}) + "\\n")
"""


def probe(var_dir: Path) -> tuple[str, dict]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {"ZHIDU_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "zhidu.settings", "PYTHONPATH": str(ROOT)}
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def working_day_table(path: Path, *, adjusted: str | None = None) -> None:
    """A database file holding the workdays table as `migrate` makes it, seeded; `adjusted`: a
    weekend day of 2027 entered as a working day by a notice (the year then no longer provisional)."""
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE workdays_workingday (day date NOT NULL PRIMARY KEY, is_workday bool NOT NULL,"
            " kind varchar(20) NOT NULL, holiday_name varchar(60) NOT NULL, source varchar(20) NOT NULL)"
        )
        for row in seed.seed_rows(2026):
            source = row.source
            workday = row.is_workday
            if adjusted and row.day.year == 2027:
                source = seed.SOURCE_NOTICE
                workday = workday or row.day.isoformat() == adjusted
            db.execute(
                "INSERT INTO workdays_workingday VALUES (?, ?, ?, ?, ?)",
                (row.day.isoformat(), workday, row.kind, row.holiday_name, source),
            )


def test_evaluate_and_due_load_no_django(tmp_path):
    out, seen = probe(tmp_path)  # no database file yet: the seed answers
    assert seen["statuses"] == [0, 0]
    assert seen["apps_ready"] is False
    assert seen["django_db"] == []
    evaluation, due = out.rsplit("}\n{", 1)
    assert json.loads(evaluation + "}")["format"] == "zhidu.evaluation/1"
    assert json.loads("{" + due) == {"due": "2027-02-22", "provisional": True}
    assert not (tmp_path / "zhidu.sqlite3").exists()  # read-only: no file created


def test_an_entered_notice_counts_without_django(tmp_path):
    working_day_table(tmp_path / "zhidu.sqlite3", adjusted="2027-02-20")
    out, seen = probe(tmp_path)
    assert seen["apps_ready"] is False and seen["django_db"] == []
    assert json.loads("{" + out.rsplit("}\n{", 1)[1]) == {"due": "2027-02-20", "provisional": False}


def test_the_pure_formats_are_the_ones_the_apps_register(tmp_path):
    # This process has Django set up: every area registered its format from its ready().
    registered = formats.names()
    cli.register_pure_formats()  # the very same functions again: harmless
    assert formats.names() == registered
    _, seen = probe(tmp_path)
    assert seen["formats"] == registered
