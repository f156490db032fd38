"""R1§14–16: checks over archived records, by reproducible sample or by complaint."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from zhidu.meetings import audit, services
from zhidu.meetings.models import ArchiveVersion


@pytest.fixture
def people(town):
    p = team(town)
    p["org"] = factories.person(town, "赵组织", username="org", dept_kind="organization_office")
    return p


def closed(town, people, day, with_vote=True):
    held = datetime.datetime(2026, 6, day, 9, tzinfo=SH)
    m = meeting(town, people, [approved_item(town, people, f"议题{day}", "major_decision")], held_at=held)
    services.send_notice(m, version=m.version, at=held - datetime.timedelta(days=7), user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(
        m,
        version=m.version,
        statuses={p.pk: ("present", "") for k, p in people.items() if k not in ("clerk", "org")},
        user=clerk_user(m),
    )
    m.refresh_from_db()
    if with_vote:
        services.record_entry(
            m.entries.get(),
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="named_ballot",
            counts=None,
            ballots={p.pk: "for" for k, p in people.items() if k not in ("clerk", "org")},
            opinions={},
            deferred=False,
            user=clerk_user(m.entries.get()),
        )
        m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    return m


@pytest.mark.django_db
def test_sample_is_reproducible_and_judges_the_archive(town, people):
    meetings = [closed(town, people, d) for d in (2, 3, 4, 5)]
    first = audit.draw_sample(town, datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), 2, seed=42)
    again = audit.draw_sample(town, datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), 2, seed=42)
    assert first == again and len(first) == 2
    report = audit.run_check(
        township=town,
        reason="sample",
        period_from=datetime.date(2026, 6, 1),
        period_to=datetime.date(2026, 6, 30),
        size=10,
    )
    assert report.meetings.count() == 4 and report.seed is not None
    assert all(r["evaluation"]["items"][0]["outcome"] == "passed" for r in report.results)
    # The archive, not the live rows, is judged: a later tampering with a row changes nothing.
    meetings[0].entries.update(vote_method="circulation")
    again = audit.judge_archive(meetings[0])
    assert again["evaluation"]["items"][0]["outcome"] == "passed"
    assert ArchiveVersion.objects.filter(meeting=meetings[0]).count() == 1


@pytest.mark.django_db
def test_complaint_finds_the_missing_vote(town, people):
    bad = closed(town, people, 8, with_vote=False)
    report = audit.run_check(township=town, reason="complaint", note="群众反映未经表决", meetings=[bad])
    codes = [f["code"] for f in report.results[0]["evaluation"]["items"][0]["findings"]]
    assert codes == ["no-vote"]
    with pytest.raises(ValidationError):
        audit.run_check(township=town, reason="complaint", note="", meetings=[bad])
    with pytest.raises(ValidationError):
        audit.run_check(
            township=town,
            reason="sample",
            period_from=datetime.date(2026, 7, 1),
            period_to=datetime.date(2026, 6, 1),
            size=1,
        )
    assert audit.mark_sent(report) and not audit.mark_sent(report)


@pytest.mark.django_db
def test_check_pages(client, town, people):
    bad = closed(town, people, 9, with_vote=False)
    client.force_login(people["org"].user)
    response = client.post(
        reverse("meetings:check-list"), {"reason": "complaint", "note": "投诉", "meetings": [bad.pk]}
    )
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "无效" in body and "R1§2" in body
    client.force_login(people["clerk"].user)
    assert client.get(reverse("meetings:check-list")).status_code == 403
    client.force_login(people["org"].user)
    response = client.post(reverse("meetings:check-list"), {"reason": "sample", "size": "2"})
    assert response.status_code == 200 and "抽查期间无效" in response.content.decode()
