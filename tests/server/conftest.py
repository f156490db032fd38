"""The real `zhidu serve` in its own process, on a free loopback port, over the test database.

On SQLite the test database lives in memory, out of another process's reach: the server gets a file
copy of it (as tests/sqlite_file.py does for the races). On PostgreSQL it connects to the test
database itself; the tests are transactional, so whatever the server writes is flushed afterwards."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.server.slowclients import LOOPBACK, free_port, wait_until_serving
from tests.sqlite_file import copy_test_database

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "served.sqlite3"
        with closing(sqlite3.connect(settings["NAME"], uri=True)) as keeper:
            copy_test_database(keeper, str(path))
        return f"sqlite:///{path}"
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or LOOPBACK
    port = settings.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings['NAME']}"


def _limit_open_files(soft: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.fixture
def serve(transactional_db, tmp_path) -> Iterator[Callable[..., int]]:
    """`serve(*options, **environment)` starts `zhidu serve` with these options and variables and
    returns its port; every server started is stopped when the test ends (before the database is
    flushed)."""
    processes: list[subprocess.Popen] = []
    url = _database_url(tmp_path)

    def start(*options: str, open_files: int | None = None, **environment: str) -> int:
        """`open_files`: the server starts with this soft limit of open files (as on many hosts)."""
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "ZHIDU_VAR_DIR": str(tmp_path / "var"),
            "ZHIDU_SWEEP_SECONDS": "0",
            "DJANGO_SETTINGS_MODULE": "zhidu.settings",
            **environment,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        log = open(tmp_path / f"serve-{port}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "-m", "zhidu.cli", "serve", "--host", LOOPBACK, "--port", str(port), *options],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: _limit_open_files(open_files)) if open_files else None,  # noqa: PLW1509
        )
        processes.append(process)
        wait_until_serving(port, process=process)
        return port

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
