"""One runner per tick on N servers (issue 18): the job's lease, claimed by a conditional UPDATE;
a second server skips the tick while the first holds it, and takes over when it expires."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from tests import factories
from tests.obligations.test_job_race import database_url
from tests.trust.test_concurrency import file_db  # noqa: F401 - the fixture
from zhidu.obligations import jobs, lease
from zhidu.obligations.models import JobLease, Obligation

NOW = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_one_holder_at_a_time_renewed_by_itself_taken_over_when_it_expires():
    assert lease.claim("job", 600, who="server-a", now=NOW)
    assert not lease.claim("job", 600, who="server-b", now=NOW + datetime.timedelta(seconds=10))
    assert lease.claim("job", 600, who="server-a", now=NOW + datetime.timedelta(seconds=20))  # renewed
    assert not lease.claim("job", 600, who="server-b", now=NOW + datetime.timedelta(seconds=600))
    assert lease.claim("job", 600, who="server-b", now=NOW + datetime.timedelta(seconds=621))  # a's expired
    assert JobLease.objects.get(name="job").holder == "server-b"


@pytest.mark.django_db
def test_a_released_lease_is_free_for_the_next_server_at_once():
    assert lease.claim("job", 600, who="server-a")
    lease.release("job", who="server-b")  # not b's to release: nothing changes
    assert not lease.claim("job", 600, who="server-b")
    lease.release("job", who="server-a")
    assert lease.claim("job", 600, who="server-b")


@pytest.mark.django_db
def test_the_job_skips_the_tick_while_another_server_holds_it_and_runs_after():
    town = factories.township("柞村镇", "zhacun")
    factories.personas(town)
    assert lease.claim(lease.JOB, 600, who="another-server")
    skipped = jobs.run()
    assert skipped.skipped and skipped.opened_total == 0
    assert not Obligation.objects.filter(township=town).exists()
    lease.release(lease.JOB, who="another-server")
    ran = jobs.run()
    assert not ran.skipped and ran.opened_total == Obligation.objects.filter(township=town).count() > 0
    assert JobLease.objects.get(name=lease.JOB).until <= timezone.now()  # given back after the tick


@pytest.mark.django_db(transaction=True)
def test_a_second_server_s_zhidu_sweep_skips_while_the_first_holds_the_job(file_db):  # noqa: F811
    town = factories.township("柞村镇", "zhacun")
    factories.personas(town)
    zhidu = Path(sys.executable).with_name("zhidu")
    env = {**os.environ, "DATABASE_URL": database_url(), "ZHIDU_SWEEP_SECONDS": "0"}
    assert lease.claim(lease.JOB, 600, who="server-a")  # this process is the first server
    second = subprocess.run([str(zhidu), "sweep"], env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "另一台服务器正在运行定时任务，本次跳过" in second.stdout
    assert not Obligation.objects.filter(township=town).exists()
    lease.release(lease.JOB, who="server-a")
    again = subprocess.run([str(zhidu), "sweep"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "新开事项" in again.stdout, again.stderr
    assert Obligation.objects.filter(township=town).exists()


TICK = """
import os, sys, time
import django
django.setup()
from zhidu.obligations import scheduler
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
result = scheduler.run_once()
print("SKIPPED" if result.skipped else f"RAN {result.opened_total}")
"""


@pytest.mark.django_db(transaction=True)
def test_two_servers_ticking_at_once_run_the_job_exactly_once(file_db):  # noqa: F811
    """Two processes (two servers' embedded schedulers) tick at the same moment against one
    database: one runs the job, the other skips; and the runner keeps the interval, so a server
    ticking later within it skips too."""
    import time

    town = factories.township("柞村镇", "zhacun")
    factories.personas(town)
    env = {**os.environ, "DATABASE_URL": database_url(), "ZHIDU_SWEEP_SECONDS": "300"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["DJANGO_SETTINGS_MODULE"] = "zhidu.settings"
    start = time.time() + 8  # both processes are set up by then, and tick together
    servers = [
        subprocess.Popen(  # noqa: S603 - this interpreter
            [sys.executable, "-c", TICK, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for server in servers:
        out, err = server.communicate(timeout=180)
        assert server.returncode == 0, err[-2000:]
        outputs.append(out.strip().splitlines()[-1])
    ran = [o for o in outputs if o.startswith("RAN")]
    assert len(ran) == 1 and outputs.count("SKIPPED") == 1, outputs
    assert int(ran[0].split()[1]) == Obligation.objects.filter(township=town).count() > 0
    assert JobLease.objects.get(name=lease.JOB).until > timezone.now()  # held for the interval
    later = subprocess.run(
        [sys.executable, "-c", TICK, "0"], env=env, capture_output=True, text=True, timeout=180
    )
    assert later.stdout.strip().splitlines()[-1] == "SKIPPED", later.stderr[-2000:]
