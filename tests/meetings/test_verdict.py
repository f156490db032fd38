"""The verdict is stored once, at closing, in the archive version: the minutes (web and Word) print
the votes the verdict counted. A recused member's named ballot is recorded but not counted
(R1§7(4), R4), so the minutes must not print it either."""

import copy
import datetime
import io
import json
from zoneinfo import ZoneInfo

import docx
import pytest
from django.urls import reverse

from tests.meetings.meeting_factory import team
from zhidu.meetings import services
from zhidu.meetings.audit import judge_archive
from zhidu.meetings.evaluation_json import to_json
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import ArchiveVersion
from zhidu.meetings.verdict import verdict_of
from zhidu.obligations.models import Obligation
from zhidu.supervision.services import passed_decision
from zhidu.trust import ledger
from zhidu.trust.models import ChainEntry

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def people(town):
    return team(town)


def _voters(people):
    return {k: p for k, p in people.items() if k != "clerk"}


def _closed_with(town, people, *, ballots: dict, recused: set, category="large_funds"):
    """A team meeting of seven present, one item voted by named ballot, closed. Every step passes
    its actor: the party office clerk runs the meeting, the secretary approves the item."""
    clerk, secretary = people["clerk"].user, people["yang"].user
    item = services.propose_item(
        township=town,
        proposer=people["qiu"],
        title="村级道路维修资金",
        category=category,
        owner=people["qiu"],
        evaluation_report="items/report.pdf",
        user=people["qiu"].user,
    )
    services.decide_item(item, by=people["yang"], approve=True, user=secretary)
    m = services.create_meeting(
        township=town,
        body="team",
        title="党委会议",
        held_at=datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH),
        chair=people["yang"],
        recorder=people["clerk"],
        items=[item],
        user=clerk,
    )
    services.send_notice(m, version=m.version, user=clerk)
    m.refresh_from_db()
    services.record_attendance(
        m,
        version=m.version,
        statuses={p.pk: ("present", "") for p in _voters(people).values()},
        user=clerk,
    )
    m.refresh_from_db()
    services.record_entry(
        m.entries.get(),
        version=m.version,
        speakers=[],
        recused={people[k].pk for k in recused},
        vote_method="named_ballot",
        counts=None,
        ballots={people[k].pk: choice for k, choice in ballots.items()},
        opinions={},
        deferred=False,
        resolution="同意拨付",
        user=clerk,
    )
    m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk)
    m.refresh_from_db()
    return m


@pytest.fixture
def recused_ballot(town, people):
    """胡新璐 recused from the item yet cast a named ballot "for" with the six others: seven ballots
    recorded, six counted."""
    return _closed_with(town, people, ballots=dict.fromkeys(_voters(people), "for"), recused={"hu"})


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.mark.django_db
def test_minutes_print_the_counts_the_verdict_used(client, people, recused_ballot):
    client.force_login(people["qiu"].user)
    page = client.get(reverse("meetings:minutes", args=[recused_ballot.pk])).content.decode()
    assert "同意6票，反对0票，弃权0票" in page
    assert "同意7票" not in page
    word = _docx_text(client.get(reverse("meetings:minutes-docx", args=[recused_ballot.pk])).content)
    assert "同意6票，反对0票，弃权0票" in word
    assert "同意7票" not in word


def _item_id(m) -> str:
    return f"i{m.entries.get().item_id}"


@pytest.mark.django_db
def test_closing_stores_the_verdict_and_the_counts_in_the_archived_row(recused_ballot):
    version = ArchiveVersion.objects.get(meeting=recused_ballot)
    item = _item_id(recused_ballot)
    assert version.counts == {item: {"for": 6, "against": 0, "abstain": 0}}
    # The document the same pure `evaluate` gives for the archived record.
    assert version.evaluation == to_json(judge(recused_ballot).evaluation)
    judged = version.evaluation["items"][0]
    assert (judged["outcome"], judged["for"], judged["needed"]) == ("passed", 6, 4)
    assert "recusal" in [f["code"] for f in judged["findings"]]
    assert [(o["code"], o["due"]) for o in version.evaluation["obligations"]] == [("publish", "2026-06-26")]
    # Written in the row's INSERT, so the chain entry hashed it with the record.
    entry = ChainEntry.objects.get(kind="archive", ref=version.pk)
    assert {"record", "evaluation", "counts"} <= set(entry.fields.split(","))
    assert ledger.verify_database().ok


@pytest.mark.django_db
def test_the_obligation_is_due_when_the_verdict_says(recused_ballot):
    publish = Obligation.objects.get(kind="publish")
    due = ArchiveVersion.objects.get(meeting=recused_ballot).evaluation["obligations"][0]["due"]
    assert publish.due_at.date().isoformat() == due  # one publication_deadline for both


@pytest.mark.django_db
def test_api_and_supervision_read_the_counted_votes(client, people, recused_ballot):
    client.force_login(people["qiu"].user)
    detail = json.loads(client.get(f"/api/meetings/{recused_ballot.pk}").content)
    vote = detail["entries"][0]["vote"]
    assert (vote["for"], vote["against"], vote["abstain"]) == (6, 0, 0)
    evaluation = json.loads(client.get(f"/api/meetings/{recused_ballot.pk}/evaluation").content)
    assert evaluation == ArchiveVersion.objects.get(meeting=recused_ballot).evaluation
    assert passed_decision(recused_ballot.entries.get())


def _forged_later_version(m, **columns):
    """A later archive version whose stored verdict differs from what judging its record gives (as
    if the rules of the day had been changed afterwards): the readers must follow the stored one."""
    first = ArchiveVersion.objects.get(meeting=m, version=1)
    return ArchiveVersion.objects.create(
        township=m.township, meeting=m, version=2, record=first.record, minutes=first.minutes, **columns
    )


@pytest.mark.django_db
def test_every_reader_follows_the_stored_verdict_not_a_new_judgement(client, people, recused_ballot):
    item = _item_id(recused_ballot)
    stored = copy.deepcopy(ArchiveVersion.objects.get(meeting=recused_ballot, version=1).evaluation)
    stored["items"][0].update(outcome="rejected", **{"for": 2})
    stored["obligations"] = []
    _forged_later_version(
        recused_ballot, evaluation=stored, counts={item: {"for": 2, "against": 4, "abstain": 0}}
    )
    client.force_login(people["qiu"].user)
    page = client.get(reverse("meetings:minutes", args=[recused_ballot.pk])).content.decode()
    assert "同意2票，反对4票，弃权0票" in page and "未通过" in page
    word = _docx_text(client.get(reverse("meetings:minutes-docx", args=[recused_ballot.pk])).content)
    assert "同意2票，反对4票，弃权0票" in word
    evaluation = json.loads(client.get(f"/api/meetings/{recused_ballot.pk}/evaluation").content)
    assert evaluation["items"][0]["outcome"] == "rejected"
    assert judge_archive(recused_ballot)["evaluation"]["items"][0]["outcome"] == "rejected"
    assert not passed_decision(recused_ballot.entries.get())


@pytest.mark.django_db
def test_a_version_archived_before_verdicts_were_stored_is_judged_on_read(client, people, recused_ballot):
    # Rows archived before migration 0005_archive_verdict have null verdict columns, and cannot be updated.
    first = ArchiveVersion.objects.get(meeting=recused_ballot, version=1)
    old = _forged_later_version(recused_ballot)
    assert old.evaluation is None and old.counts is None
    verdict = verdict_of(old)
    assert not verdict.stored
    assert (verdict.document, verdict.counts) == (first.evaluation, first.counts)
    client.force_login(people["qiu"].user)
    page = client.get(reverse("meetings:minutes", args=[recused_ballot.pk])).content.decode()
    assert "同意6票，反对0票，弃权0票" in page
    assert judge_archive(recused_ballot)["evaluation"]["items"][0]["outcome"] == "passed"


@pytest.mark.django_db
def test_a_correction_keeps_the_verdict_of_the_record(people, recused_ballot):
    first = ArchiveVersion.objects.get(meeting=recused_ballot, version=1)
    entry = recused_ballot.entries.get()
    second = services.correct_meeting(
        recused_ballot,
        texts={entry.pk: {"resolution": "同意拨付（更正）"}},
        reason="记录笔误",
        version=recused_ballot.version,
        user=people["clerk"].user,
    )
    assert (second.evaluation, second.counts) == (first.evaluation, first.counts)
    assert second.minutes[f"i{entry.item_id}"]["resolution"] == "同意拨付（更正）"
    assert ledger.verify_database().ok
