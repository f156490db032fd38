"""R1§8: a meeting is recorded and closed on or after its day, before it only for an emergency with
its reason; every refusal cites its article; closing names what it archives as invalid, item by item."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.models import Meeting

HELD = datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH)
EVE = datetime.datetime(2026, 6, 17, 23, 59, tzinfo=SH)


@pytest.fixture
def people(town):
    return team(town)


def everyone(people):
    return {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}


@pytest.mark.django_db
def test_recording_and_closing_before_the_day_are_refused_citing_r1_8(town, people):
    m = meeting(town, people, [approved_item(town, people, "一般事项", "general")], held_at=HELD)
    with time_machine.travel(EVE, tick=False):
        with pytest.raises(ValidationError) as refused:
            services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
        (message,) = refused.value.message_dict["emergency_reason"]
        assert "2026年6月18日" in message and message.endswith("（R1§8）")
        with pytest.raises(ValidationError, match="R1§8"):
            services.close_meeting(m, version=m.version, user=clerk_user(m))
        with pytest.raises(ValidationError, match="R1§8"):
            services.record_entry(
                m.entries.get(),
                version=m.version,
                speakers=[],
                recused=set(),
                vote_method="",
                counts=None,
                ballots=None,
                opinions={},
                deferred=True,
                user=clerk_user(m),
            )
    m.refresh_from_db()
    assert m.state == Meeting.State.DRAFT and not m.attendance.filter(status="present").exists()
    # On the day itself it is allowed.
    with time_machine.travel(HELD - datetime.timedelta(hours=6), tick=False):
        services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))


@pytest.mark.django_db
def test_an_emergency_reason_allows_it_and_is_audited(town, people):
    m = meeting(town, people, [], held_at=HELD)
    with time_machine.travel(EVE, tick=False):
        services.record_attendance(
            m,
            version=m.version,
            statuses=everyone(people),
            emergency_reason="防汛紧急处置",
            user=clerk_user(m),
        )
        m.refresh_from_db()
        with pytest.raises(ValidationError, match="R1§8"):
            services.close_meeting(m, version=m.version, emergency_reason="  ", user=clerk_user(m))
        services.close_meeting(m, version=m.version, emergency_reason="防汛紧急处置", user=clerk_user(m))
    entry = AuditEntry.objects.get(action="meeting.close")
    assert entry.detail["emergency_reason"] == "防汛紧急处置"
    assert AuditEntry.objects.get(action="meeting.attendance").detail["emergency_reason"] == "防汛紧急处置"


@pytest.mark.django_db
def test_the_vote_total_refusal_cites_its_article(town, people):
    m = meeting(town, people, [approved_item(town, people, "一般事项", "general")])
    services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
    m.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.record_entry(
            m.entries.get(),
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="show_of_hands",
            counts=(6, 2, 0),
            ballots=None,
            opinions={},
            deferred=False,
            user=clerk_user(m),
        )
    assert refused.value.message_dict["votes_for"] == ["票数合计 8 超过可投票的到会成员 7 人（R1§7(5)）"]


@pytest.mark.django_db
def test_closing_names_each_item_it_archives_as_invalid(client, town, people):
    ok = approved_item(town, people, "通报安全生产情况", "general")
    m = meeting(town, people, [ok])
    services.send_notice(m, version=m.version, at=HELD - datetime.timedelta(days=3), user=clerk_user(m))
    m.refresh_from_db()
    late = approved_item(town, people, "临时增加的资金议题")
    services.add_item(m, late, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
    client.force_login(people["clerk"].user)
    page = client.get(reverse("meetings:record", args=[m.pk])).content.decode()
    preview = page[page.index('data-testid="closing-preview"') :]
    preview = preview[: preview.index("</div>")]
    assert "临时增加的资金议题" in preview and "R1§12(3)" in preview
    assert "通报安全生产情况" not in preview
    # The confirmation names it too, not "some items are judged invalid".
    assert "临时增加的资金议题" in page[page.index("data-confirm=") :].split(">")[0]


@pytest.mark.django_db
def test_the_record_page_asks_for_the_reason_before_the_day(client, town, people):
    m = meeting(town, people, [approved_item(town, people, "一般事项", "general")], held_at=HELD)
    client.force_login(people["clerk"].user)
    with time_machine.travel(EVE, tick=False):
        page = client.get(reverse("meetings:record", args=[m.pk])).content.decode()
        assert 'data-testid="before-the-day"' in page and 'name="emergency_reason"' in page
        response = client.post(
            reverse("meetings:record", args=[m.pk]),
            {"version": m.version, f"status_{people['hu'].pk}": "present"},
        )
        assert response.status_code == 400 and "R1§8" in response.content.decode()
        response = client.post(
            reverse("meetings:record", args=[m.pk]),
            {"version": m.version, "emergency_reason": "防汛紧急处置"}
            | {f"status_{p.pk}": "present" for k, p in people.items() if k != "clerk"},
        )
        assert response.status_code == 302
        m.refresh_from_db()
        response = client.post(
            reverse("meetings:meeting-close", args=[m.pk]),
            {"version": m.version, "emergency_reason": "防汛紧急处置"},
        )
        assert response.status_code == 302
    assert Meeting.objects.get(pk=m.pk).state == Meeting.State.CLOSED
    after = client.get(reverse("meetings:record", args=[m.pk])).content.decode()
    assert 'data-testid="before-the-day"' not in after
