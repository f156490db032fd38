"""`zhidu generate` (issue 18) at a tiny size: every kind of row is written, the same seed gives the
same rows, another seed other rows, and what it writes is judged like a record the clerk entered."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.command_line import zhidu
from zhidu.daily_logs.models import DailyLog
from zhidu.generate import generate
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.obligations.models import Obligation
from zhidu.opinions.models import Opinion
from zhidu.org.models import Person
from zhidu.petitions.models import Case
from zhidu.supervision.models import SupervisionItem
from zhidu.trust.sealing import SealedTextField

MODELS = [Meeting, AgendaEntry, SupervisionItem, DailyLog, Case, Opinion, Obligation]
pytestmark = pytest.mark.django_db


def snapshot(seed: int) -> dict[str, list[tuple]]:
    """The generated rows' own values (no keys, no creation times), then rolled back."""
    with transaction.atomic():
        generate(1, 1, seed)
        found = {}
        for model in MODELS:
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if not f.is_relation
                and not f.primary_key
                and f.name not in {"created_at", "key", "source_id"}
                and not isinstance(f, SealedTextField)  # sealed with a random nonce
            ]
            rows = model.objects.values_list(*names)
            if model is AgendaEntry:  # speakers are person ids, which PostgreSQL's sequences never reuse
                names_of = dict(Person.objects.values_list("pk", "name"))
                at = names.index("speakers")
                rows = [(*r[:at], [names_of[pk] for pk in r[at]], *r[at + 1 :]) for r in rows]
            found[model.__name__] = sorted(map(repr, rows))
        transaction.set_rollback(True)
    return found


def test_every_kind_is_written_and_judged():
    counts = generate(1, 1, 3)
    assert counts["townships"] == 1
    assert all(
        counts[k] > 0
        for k in ("meetings", "supervision items", "daily logs", "petitions", "opinions", "obligations")
    )
    assert Obligation.objects.count() == counts["obligations"]
    assert set(Obligation.objects.values_list("state", flat=True)) >= {"done", "open"}
    judged = judge(Meeting.objects.order_by("pk").first())
    assert judged.error is None and judged.evaluation is not None


def test_the_same_seed_gives_the_same_rows():
    first = snapshot(5)
    assert first == snapshot(5)
    assert first != snapshot(6)


def test_the_command(capfd):
    assert zhidu("generate", "--townships", "1", "--years", "1", "--seed", "9") == 0
    assert "meetings" in capfd.readouterr().out
    assert zhidu("generate", "--townships", "1", "--years", "1", "--seed", "9") == 2  # already generated
    assert "已经生成过" in capfd.readouterr().err
    assert zhidu("generate", "--years", "0") == 2
    assert "--years" in capfd.readouterr().err
