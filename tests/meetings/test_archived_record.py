"""After closing, the record pages show the archived values under an "已归档" banner with no form
control at all (issue 11), without leaning on the `inert` attribute that Chromium 80 ignores
(issue 16); a post sent from a page opened before closing is refused and changes nothing."""

import re

import pytest
from django.urls import reverse

from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.meetings import services

pytestmark = pytest.mark.django_db
CONTROLS = re.compile(r"<(form|input|select|textarea|button)\b")


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def closed(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    statuses = {p.pk: ("present", "") for k, p in people.items() if k not in ("clerk", "xu")}
    statuses[people["xu"].pk] = ("absent", "外出培训")
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    entry = m.entries.get()
    services.record_entry(
        entry, version=m.version, speakers=[people["qiu"].pk, people["yang"].pk], recused=set(),
        vote_method="named_ballot", counts=None,
        ballots={pk: "for" for pk, (status, _) in statuses.items() if status == "present"},
        opinions={}, deferred=False, discussion="大家认为道路急需维修", resolution="同意维修村级道路",
        implementer="交通办", user=clerk_user(entry),
    )  # fmt: skip
    m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    return m


def main_of(response) -> str:
    """The page's own content: the header keeps its language switch and log-out forms."""
    html = response.content.decode()
    return html[html.index('<main id="main">') : html.index("</main>")]


def test_the_attendance_page_is_read_only_with_the_archived_banner(client, people, closed):
    client.force_login(people["clerk"].user)
    answer = client.get(reverse("meetings:record", args=[closed.pk]))
    assert answer.status_code == 200
    main = main_of(answer)
    assert not CONTROLS.search(main), CONTROLS.search(main)
    assert "inert" not in main and "data-draft" not in main
    assert 'data-testid="archived"' in main
    assert "外出培训" in main and "杨栋" in main  # the values, as text
    assert reverse("meetings:record-entry", args=[closed.pk, closed.entries.get().pk]) in main


def test_the_item_page_is_read_only_with_the_archived_banner(client, people, closed):
    client.force_login(people["clerk"].user)
    entry = closed.entries.get()
    answer = client.get(reverse("meetings:record-entry", args=[closed.pk, entry.pk]))
    assert answer.status_code == 200
    main = main_of(answer)
    assert not CONTROLS.search(main), CONTROLS.search(main)
    assert 'data-testid="archived"' in main
    for text in ("大家认为道路急需维修", "同意维修村级道路", "交通办", "邱维兴"):
        assert text in main


def test_the_banner_reads_archived_in_chinese(client, people, closed):
    """Needs the lead's merged translations (tests/drafts and /tmp/zlog/tr/drafts.json)."""
    client.force_login(people["clerk"].user)
    main = main_of(client.get(reverse("meetings:record", args=[closed.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "已归档" in main and "本次会议已闭会归档（" in main and "记录不可再修改" in main


def test_a_post_from_a_page_opened_before_closing_is_refused(client, people, closed):
    client.force_login(people["clerk"].user)
    entry = closed.entries.get()
    before = (closed.version, entry.resolution)
    answer = client.post(
        reverse("meetings:record-entry", args=[closed.pk, entry.pk]),
        {"version": closed.version, "resolution": "改写", "vote_method": "show_of_hands"},
    )
    assert answer.status_code == 409 and not CONTROLS.search(main_of(answer))
    answer = client.post(reverse("meetings:record", args=[closed.pk]), {"version": closed.version})
    assert answer.status_code == 409
    closed.refresh_from_db()
    entry.refresh_from_db()
    assert (closed.version, entry.resolution) == before
