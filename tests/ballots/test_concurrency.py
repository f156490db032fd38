"""Exactly once, on both databases: 30 members each try their code three times at the same moment;
and a close racing the last casts. Real threads, real connections, committed transactions."""

import sqlite3
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections

from tests import factories
from tests.ballots.helpers import open_box, personnel_entry, team
from tests.meetings.meeting_factory import clerk_user
from tests.sqlite_file import copy_test_database
from zhidu.ballots import services
from zhidu.ballots.models import AnonymousBallot, BallotBox, CodeSlot
from zhidu.ballots.services.casting import NOT_OPEN, USED_CODE

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    """Start every job at one barrier; returns their outcomes ("ok" or the refusal message)."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            job()
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = next(m for ms in error.message_dict.values() for m in ms)
        except Exception as error:  # a lost update or a database error must fail the test visibly
            outcomes[index] = repr(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return outcomes


@pytest.fixture
def concurrent_db(tmp_path):
    """On SQLite, the shared-cache in-memory test database locks whole tables and fails at once
    ("database table is locked") instead of waiting: nothing like production, which runs on a file
    in WAL mode with IMMEDIATE transactions (zhidu/settings.py). Run these tests on such a file."""
    if connection.vendor != "sqlite":
        yield
        return
    # The threads open their connections from these dicts; point all of them at the file. Django
    # ignores close() on an in-memory database, and the last connection closing would drop it: keep
    # one raw connection to it open meanwhile, and switch the name before closing.
    dicts = [
        connection.settings_dict,
        connections.settings[DEFAULT_DB_ALIAS],
        settings.DATABASES[DEFAULT_DB_ALIAS],
    ]
    names = [d["NAME"] for d in dicts]
    keeper = sqlite3.connect(names[0], uri=True)
    for d in dicts:
        d["NAME"] = str(tmp_path / "race.sqlite3")
    connection.close()
    try:
        copy_test_database(keeper, connection.settings_dict["NAME"])
        yield
    finally:
        connection.close()
        for d, name in zip(dicts, names, strict=True):
            d["NAME"] = name
        connection.ensure_connection()  # back on the in-memory database before the keeper lets go
        keeper.close()


@pytest.fixture
def entry30(concurrent_db):
    town = factories.township()
    members, clerk = team(town, 30)
    return personnel_entry(town, members, clerk)


def test_thirty_members_three_attempts_each_give_thirty_ballots(entry30):
    box, printed = open_box(entry30)
    assert len(printed) == 30
    choices = ["for", "against", "abstain"]
    jobs = [
        (lambda code=code, c=choices[(i + attempt) % 3]: services.cast(box, code, choice=c))
        for i, code in enumerate(printed)
        for attempt in range(3)
    ]
    outcomes = Counter(run_together(jobs))
    assert outcomes == {"ok": 30, USED_CODE: 60}, outcomes
    assert AnonymousBallot.objects.filter(box=box).count() == 30
    assert CodeSlot.objects.filter(box=box, used=True).count() == 30
    assert BallotBox.objects.get(pk=box.pk).cast_count == 30
    services.close_box(box, user=clerk_user(box))
    box.refresh_from_db()
    assert box.state == "closed" and box.votes_for + box.votes_against + box.votes_abstain == 30
    assert services.verify(box) == []


def test_a_close_racing_the_casts_counts_every_accepted_ballot(entry30):
    box, printed = open_box(entry30)
    jobs = [(lambda code=code: services.cast(box, code, choice="for")) for code in printed]
    jobs.append(lambda: services.close_box(box, user=clerk_user(box)))
    outcomes = run_together(jobs)
    accepted = outcomes[:-1].count("ok")
    assert outcomes[-1] == "ok"
    assert set(outcomes[:-1]) <= {"ok", NOT_OPEN}, outcomes
    box.refresh_from_db()
    assert box.state == "closed" and box.votes_for == accepted == box.ballots_counted
    assert AnonymousBallot.objects.filter(box=box).count() == accepted
    assert services.verify(box) == []
