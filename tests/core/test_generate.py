"""`zhidu generate` (issue 18) at a tiny size: every kind of row is written, the same seed gives the
same rows, another seed other rows, and what it writes is judged like a record the clerk entered."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.command_line import zhidu
from zhidu.ballots.models import BallotBox
from zhidu.core.models import AuditEntry
from zhidu.daily_logs.models import DailyLog
from zhidu.family_events.models import Declaration
from zhidu.generate import generate
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.obligations.models import Obligation
from zhidu.opinions.models import Opinion
from zhidu.org.models import Person, Township
from zhidu.petitions.models import Case
from zhidu.portal.models import Article
from zhidu.search import query
from zhidu.supervision.models import SupervisionItem
from zhidu.trust import ledger
from zhidu.trust.sealing import SealedTextField

MODELS = [
    Meeting,
    AgendaEntry,
    SupervisionItem,
    DailyLog,
    Case,
    Opinion,
    BallotBox,
    Declaration,
    Article,
    Obligation,
    AuditEntry,
]
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
                and f.name not in {"created_at", "key", "source_id", "target_id"}
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
    assert all(n > 0 for n in counts.values()), counts
    assert Obligation.objects.count() == counts["obligations"]
    assert set(Obligation.objects.values_list("state", flat=True)) >= {"done", "open"}
    judged = judge(Meeting.objects.order_by("pk").first())
    assert judged.error is None and judged.evaluation is not None
    # Each personnel item's anonymous ballot carries the entry's totals.
    for box in BallotBox.objects.select_related("entry"):
        assert (box.votes_for, box.votes_against) == (box.entry.votes_for, box.entry.votes_against)
    assert Declaration.objects.first().relatives.reveal(None, "test") == "直系亲属"


def test_the_audit_trail_is_on_the_township_chain_and_verifies():
    counts = generate(1, 1, 4)
    town = Township.objects.get(code="gen-4-1")
    assert AuditEntry.objects.filter(township=town).count() == counts["audit entries"]
    times = list(AuditEntry.objects.filter(township=town).order_by("pk").values_list("at", flat=True))
    assert times == sorted(times) and times[0].year == 2026  # history's own times, not the clock's
    result = ledger.verify_database()
    assert result.ok, result.message
    assert result.count >= counts["audit entries"]
    # An entry added the ordinary way after the bulk ones continues the same chain.
    from zhidu.core.audit import record

    record(None, "test.after", Meeting.objects.filter(township=town).first(), township=town)
    assert ledger.verify_database().ok


def test_published_pages_are_found_by_the_public_search():
    generate(1, 1, 7)
    town = Township.objects.get(code="gen-7-1")
    found = query.search(town, "民主生活会")
    assert found.count > 0


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
