"""Two servers running the one job at the same moment, with real threads and real commits on the
database the suite runs on (SQLite as production has it: a file, WAL, BEGIN IMMEDIATE), and the real
`zhidu sweep` command line of a cron deployment."""

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import close_old_connections, connection

from tests import factories
from tests.trust.test_concurrency import file_db  # noqa: F401 - the fixture
from zhidu.core.models import AuditEntry
from zhidu.obligations import jobs
from zhidu.obligations.models import Obligation, Reminder

RUNS = 2


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_open_each_duty_once(file_db):  # noqa: F811
    town = factories.township("柞村镇", "zhacun")
    factories.personas(town)
    start = threading.Barrier(RUNS)
    errors, results = [], []

    def server():
        try:
            start.wait()
            results.append(jobs.run())
        except Exception as error:  # reported below: a thread's exception would be lost
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=server) for _ in range(RUNS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    opened = Obligation.objects.filter(township=town)
    assert opened.exists()
    assert max(Counter(opened.values_list("key", flat=True)).values()) == 1
    # Between them the two runs opened each duty once, and each opening was audited once.
    assert sum(r.opened_total for r in results) == opened.count()
    assert AuditEntry.objects.filter(action="obligation.open").count() == opened.count()
    assert max(Counter(Reminder.objects.values_list("obligation_id", "level")).values(), default=1) == 1


def database_url() -> str:
    """The database this test runs on, as the child process's DATABASE_URL: the SQLite file of
    file_db, or the PostgreSQL test database (the test is transactional, so its rows are
    committed and the child sees them)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings.get("USER") or "", safe="")
    password = settings.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings['NAME'], safe='')}"


@pytest.mark.django_db(transaction=True)
def test_the_zhidu_sweep_command_line_opens_the_recurring_duties(file_db):  # noqa: F811
    town = factories.township("柞村镇", "zhacun")
    factories.personas(town)
    zhidu = Path(sys.executable).with_name("zhidu")
    env = {**os.environ, "DATABASE_URL": database_url(), "ZHIDU_SWEEP_SECONDS": "0"}
    done = subprocess.run([str(zhidu), "sweep"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "新开事项" in done.stdout
    # Whatever today is (the daily log only on a working day): the period duties and the letters.
    kinds = set(Obligation.objects.filter(township=town).values_list("kind", flat=True))
    assert {"heart-talk-quota", "responsibility-letter"} <= kinds
