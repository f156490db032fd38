"""Privacy written as tests (style.md, Loomio's anonymous ballots): the tables that hold anonymous
choices cannot name a voter or a time; casting writes no audit entry, message, session change or log
line tying a person to a choice; and after closing, the stored order says nothing of the cast order."""

import logging
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.urls import reverse

from tests.ballots.helpers import open_box, personnel_entry, team
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import codes as codebook
from zhidu.ballots import services
from zhidu.ballots.models import AnonymousBallot, AssessmentAnswer, BallotBox, CodeSlot
from zhidu.core.models import AuditEntry
from zhidu.org.models import Person

SECRET_TABLES = [AnonymousBallot, AssessmentAnswer, CodeSlot]
# Column names that would identify or date a voter.
SUSPECT = re.compile(
    r"user|person|member|voter|actor|(^|_)ip($|_)|addr|host|agent|session|time|date|(^|_)at$|created|updated|modified|seq"
)


@pytest.mark.django_db
@pytest.mark.parametrize("model", SECRET_TABLES, ids=lambda m: m.__name__)
def test_no_voter_or_time_column(model):
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related not in {Person, apps.get_model("auth", "User")}, field
        assert not isinstance(
            field, models.DateField | models.TimeField | models.GenericIPAddressField | models.DurationField
        ), field
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)
        ]
    assert columns, model
    assert not [c for c in columns if SUSPECT.search(c)], columns


def test_ballots_have_random_ids_and_no_history():
    for model in (AnonymousBallot, AssessmentAnswer):
        assert isinstance(model._meta.pk, models.UUIDField)
        assert model._meta.ordering == ["receipt"]
        assert not admin.site.is_registered(model)
    # A history or log table would point at the ballots: none does.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model not in (AnonymousBallot, AssessmentAnswer), (model, field)


@pytest.mark.django_db
def test_casting_leaves_no_trace_of_the_voter(town, client, caplog):
    members, clerk = team(town, 5)
    entry = personnel_entry(town, members, clerk)
    box, printed = open_box(entry)
    voter = members[3]
    client.force_login(voter.user)
    client.get(reverse("ballots:cast", args=[box.pk]))
    session_before = list(Session.objects.values_list("session_key", "session_data", "expire_date"))
    audit_before = AuditEntry.objects.count()
    last_login = type(voter.user).objects.get(pk=voter.user.pk).last_login
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    url = reverse("ballots:cast", args=[box.pk])
    response = client.post(url, {"code": printed[0], "choice": "against"})
    assert response.status_code == 200 and "您的选票已投入票箱" in response.content.decode()
    # Refusals too: a reused and an unknown code.
    client.post(url, {"code": printed[0], "choice": "for"})
    client.post(url, {"code": "ABCDE-FGHJK", "choice": "for"})
    assert AuditEntry.objects.count() == audit_before
    assert list(Session.objects.values_list("session_key", "session_data", "expire_date")) == session_before
    assert type(voter.user).objects.get(pk=voter.user.pk).last_login == last_login
    person_marks = [voter.name, voter.user.get_username(), f"user_id={voter.user.pk}", f"p{voter.pk}"]
    secret_marks = [
        printed[0],
        printed[0].replace("-", ""),
        codebook.receipt(box.salt, printed[0].replace("-", "")),
    ]
    for record in caplog.records:
        text = f"{record.name} {record.getMessage()} {record.__dict__}"
        assert not any(mark in text for mark in person_marks + secret_marks), text
    # The response itself names no one else's ballot, and sets no cookie that could carry the choice.
    assert not response.cookies or set(response.cookies) <= {"csrftoken"}


def _stored_order(box):
    """Receipts in the order the database keeps the rows, and the set of row versions (xmin)."""
    table = AnonymousBallot._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT receipt, xmin::text FROM {table} WHERE box_id = %s ORDER BY ctid", [box.pk]
            )
        else:
            cursor.execute(f"SELECT receipt, rowid FROM {table} WHERE box_id = %s ORDER BY rowid", [box.pk])
        rows = cursor.fetchall()
    return [r for r, _ in rows], {v for _, v in rows}


@pytest.mark.django_db(transaction=True)
def test_after_closing_the_stored_order_says_nothing_of_the_cast_order(town):
    members, clerk = team(town, 30)
    box, printed = open_box(personnel_entry(town, members, clerk))
    cast_order = []
    for code in printed:
        services.cast(box, code, choice="for")
        cast_order.append(codebook.receipt(box.salt, codebook.normalize(code)))
    # Before closing the rows do betray it: the check below can see what it looks for.
    stored, versions = _stored_order(box)
    assert stored == cast_order
    if connection.vendor == "postgresql":
        assert len(versions) == 30  # one transaction id per cast
    services.close_box(box, user=clerk_user(box))
    stored, versions = _stored_order(box)
    assert sorted(stored) == sorted(cast_order) and stored != cast_order
    if connection.vendor == "postgresql":
        assert len(versions) == 1  # every row rewritten by the closing transaction
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT xmin::text FROM {CodeSlot._meta.db_table} WHERE box_id = %s", [box.pk]
            )
            assert len(cursor.fetchall()) == 1
    ids = list(AnonymousBallot.objects.filter(box=box).values_list("receipt", flat=True))
    assert ids == sorted(ids)  # the ORM only ever reads them by receipt


def _row_versions(model) -> list[tuple[int, str | None, str | None]]:
    """PostgreSQL, with pageinspect: every line pointer of every page of the model's table, as
    (flags, xmin, xmax) — dead versions included, which the table's SELECT never shows."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        found = []
        for page in range(pages):
            cursor.execute(
                "SELECT lp_flags, t_xmin::text, t_xmax::text FROM heap_page_items(get_raw_page(%s, %s))",
                [table, page],
            )
            found += cursor.fetchall()
    return found


@pytest.mark.django_db(transaction=True)
def test_after_closing_no_row_version_dates_a_ballot(town):
    """Issue 17: on PostgreSQL the shuffle at closing left the cast-time versions of the ballots, the
    code slots and the box counter as dead tuples, readable with pageinspect (each with its cast's
    transaction id). After closing, every tuple left in those tables is live and written by the
    closing transaction. On SQLite, which keeps no versions, deleted cells are zeroed."""
    members, clerk = team(town, 8)
    entry = personnel_entry(town, members, clerk)
    box, printed = open_box(entry)
    for code in printed:
        services.cast(box, code, choice="for")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        # Before closing the test can see what it looks for: one version per cast, in cast order.
        cast_versions = {xmin for _flags, xmin, _xmax in _row_versions(AnonymousBallot) if xmin}
        assert len(cast_versions) == 8
    services.close_box(box, user=clerk_user(box))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT xmin::text FROM {AnonymousBallot._meta.db_table}")
            (closing,) = [row[0] for row in cursor.fetchall()]
        for model in (AnonymousBallot, CodeSlot, BallotBox):
            tuples = [(xmin, xmax) for _flags, xmin, xmax in _row_versions(model) if xmin is not None]
            # No dead version left: as many tuples as live rows, each written by the closing
            # transaction (an xmax can only be that transaction's lock, e.g. a foreign-key check).
            assert len(tuples) == model.objects.count() > 0, (model, tuples)
            assert {xmin for xmin, _xmax in tuples} <= {closing}, (model, tuples)
            assert {xmax for _xmin, xmax in tuples} <= {"0", closing}, (model, tuples)
            assert not {xmin for xmin, _xmax in tuples} & cast_versions
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_closing_keeps_the_casts_counted_after_the_box_was_loaded(town):
    """Issue 17: close_box saved the whole box it was given, loaded before the last casts, so the
    box showed "26 of 30" beside 30 counted ballots. The counter is the database's."""
    members, clerk = team(town, 5)
    box, printed = open_box(personnel_entry(town, members, clerk))
    stale = BallotBox.objects.get(pk=box.pk)  # the clerk's page, loaded before the votes
    for code in printed:
        services.cast(box, code, choice="for")
    services.close_box(stale, user=clerk_user(stale))
    stored = BallotBox.objects.get(pk=box.pk)
    assert stored.cast_count == 5 == stored.ballots_counted and stored.votes_for == 5
    assert stale.cast_count == 5
