"""Every script under bench/ runs at its `--smoke` size, as its own process, and prints its ratio
(issue 18: three of four had rotted unseen, stopping at a new NOT NULL column or at the second-factor
step). Not a timed test: only the exit status and the ratio line count, never the figures.

The scripts run against a throwaway SQLite database copied from one migrated template
(bench/_runner.py, ZHIDU_BENCH_TEMPLATE): a `migrate` costs ~30 s of CPU, once instead of once per
script. On SQLite the template is this session's test database (already migrated, copied with
SQLite's backup API); with the suite on PostgreSQL it is migrated once here."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p.name for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))
RATIO = re.compile(r"\bratio\b[^\n]*?\d")
# Marked, so that pytest-django sets the test database up even when this file runs alone (it sets
# up only the databases some collected test is marked for): the template is never a real database.
pytestmark = pytest.mark.django_db


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ZHIDU_VAR_DIR"}}
    env.update({"DJANGO_SETTINGS_MODULE": "zhidu.settings", "PYTHONPATH": str(ROOT), **extra})
    return env


@pytest.fixture(scope="module")
def template(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    from django.db import connection

    from tests import calendar_seed

    path = tmp_path_factory.mktemp("bench-template") / "zhidu.sqlite3"
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, name  # the test database, never a real one
        if connection.vendor == "sqlite":
            calendar_seed.restore()  # a transactional test before may have flushed it
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            return path
    var = path.parent
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env=_env(ZHIDU_VAR_DIR=str(var)),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return path


def test_every_script_is_covered():
    assert {
        "audit_chain.py",
        "ballots.py",
        "cli_start.py",
        "search.py",
        "sweep.py",
        "supervision.py",
        "township_scale.py",
    } <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_bench_script_runs_at_smoke_size(script, template):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--smoke"],
        cwd=ROOT,
        env=_env(ZHIDU_BENCH_TEMPLATE=str(template)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        f"{script} exited {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    )
    assert RATIO.search(done.stdout), f"{script} printed no ratio:\n{done.stdout[-2000:]}"
