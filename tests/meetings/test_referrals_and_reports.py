"""R1§7(4) items referred to the superior and deferred items on the next agenda; R1§8 emergency action
without a meeting and its report to the next team meeting; R1§9 important minutes sent to the
city-level leader in charge. The duties are time-travelled across National Day 2026."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.meetings.decisions_helpers import approved_item, at, clerk_user, closed, members
from tests.meetings.meeting_factory import meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.models import EmergencyAction
from zhidu.obligations import services as obligations
from zhidu.obligations.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(town):
    return team(town)


def recorded(entry, people, **changes):
    meeting = entry.meeting
    meeting.refresh_from_db()
    fields = {"speakers": [], "recused": set(), "vote_method": "", "counts": None, "ballots": None,
              "opinions": {}, "deferred": False} | changes  # fmt: skip
    services.record_entry(entry, version=meeting.version, user=clerk_user(entry), **fields)


def open_meeting(town, people, items, held_at):
    m = meeting(town, people, items, held_at=held_at)
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(
        m,
        version=m.version,
        statuses={p.pk: ("present", "") for p in members(people).values()},
        user=clerk_user(m),
    )
    m.refresh_from_db()
    return m


# --- R1§7(4): referred to the superior, and back on the next agenda --------------------------------


def test_a_referred_item_is_minuted_as_such_and_offered_on_the_next_agenda(client, town, people):
    with time_machine.travel(at(2026, 6, 18, 18), tick=False):
        split, later = (
            approved_item(town, people, title="撤并村小学"),
            approved_item(town, people, title="修路"),
        )
        m = open_meeting(town, people, [split, later], at(2026, 6, 18, 15))
        first, second = m.entries.all()
        with pytest.raises(ValidationError) as refused:
            recorded(first, people, referred=True, vote_method="show_of_hands", counts=(4, 3, 0))
        assert "R1§7(4)" in str(refused.value)
        recorded(first, people, referred=True, discussion="意见分歧较大")
        recorded(second, people, deferred=True)
        m.refresh_from_db()
        services.close_meeting(m, version=m.version, user=clerk_user(m))
    first.refresh_from_db()
    assert first.referred and first.deferred  # not decided: the record says deferred
    assert m.archive.get().evaluation["items"][0]["outcome"] == "deferred"
    client.force_login(people["hu"].user)
    assert 'data-testid="referred"' in client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()
    nxt = meeting(town, people, [], held_at=at(2026, 7, 9, 15))
    client.force_login(clerk_user(nxt))
    page = client.get(reverse("meetings:meeting-detail", args=[nxt.pk])).content.decode()
    assert 'data-testid="carried-over"' in page and "撤并村小学" in page and "修路" in page
    response = client.post(
        reverse("meetings:meeting-add-item", args=[nxt.pk]), {"item": split.pk, "version": nxt.version}
    )
    assert response.status_code == 302 and nxt.entries.get().item == split
    page = client.get(reverse("meetings:meeting-detail", args=[nxt.pk])).content.decode()
    carried = page.split('data-testid="carried-over"')[1].split("</section>")[0]
    assert "修路" in carried and "撤并村小学" not in carried


# --- R1§8: emergency action without a meeting ------------------------------------------------------


TAKEN_AT = at(2026, 9, 28, 10)


def emergency(town, people, taken_at=TAKEN_AT):
    with time_machine.travel(taken_at.replace(hour=11), tick=False):
        return services.record_emergency_action(
            township=town, taken_by=people["qiu"], action="组织转移山洪危险区群众", reason="暴雨预警，来不及开会",
            taken_at=taken_at, user=clerk_user(town),
        )  # fmt: skip


def test_emergency_action_opens_its_report_due_across_national_day(town, people):
    action = emergency(town, people)
    assert AuditEntry.objects.filter(action="meeting.emergency_action").count() == 1
    duty = Obligation.objects.get(kind="emergency-report")
    # 9-28 + 10 working days, National Day 10-01..10-07 off and 10-10 a working Saturday: 10-16.
    # The party office has no head here: the member who took the action is reminded.
    assert (duty.article, duty.assignee, duty.due_at) == ("R1§8", people["qiu"], at(2026, 10, 16, 23, 59, 59))
    assert duty.department == town.department_set.get(kind="party_office")
    with time_machine.travel(at(2026, 10, 16, 23), tick=False):
        obligations.sweep()
    duty.refresh_from_db()
    assert duty.state == "open"
    with time_machine.travel(at(2026, 10, 17, 0, 30), tick=False):
        obligations.sweep()
    duty.refresh_from_db()
    assert duty.state == "overdue"
    assert (duty.source_type, duty.source_id) == ("meetings.emergencyaction", str(action.pk))


def test_the_next_team_meeting_lists_it_and_one_click_reports_it(client, town, people):
    action = emergency(town, people)
    nxt = meeting(town, people, [], held_at=at(2026, 10, 12, 15))
    client.force_login(clerk_user(nxt))
    with time_machine.travel(at(2026, 10, 9, 10), tick=False):
        page = client.get(reverse("meetings:meeting-detail", args=[nxt.pk])).content.decode()
        assert 'data-testid="emergencies"' in page and "组织转移山洪危险区群众" in page
        url = reverse("meetings:meeting-report-emergency", args=[nxt.pk])
        assert client.post(url, {"emergency": action.pk, "version": nxt.version}).status_code == 302
    entry = nxt.entries.select_related("item").get()
    assert entry.item.title.startswith("报告紧急处置情况") and entry.item.state == "approved"
    action.refresh_from_db()
    assert action.report_item == entry.item
    duty = Obligation.objects.get(kind="emergency-report")
    assert duty.state == "done" and duty.completed_at == at(2026, 10, 9, 10)
    page = client.get(reverse("meetings:meeting-detail", args=[nxt.pk])).content.decode()
    assert 'data-testid="emergencies"' not in page
    nxt.refresh_from_db()
    with pytest.raises(ValidationError):  # once only
        services.report_emergency_action(nxt, action, version=nxt.version, user=clerk_user(nxt))
    client.force_login(people["hu"].user)
    page = client.get(reverse("meetings:emergency-detail", args=[action.pk])).content.decode()
    assert reverse("meetings:meeting-detail", args=[nxt.pk]) in page


def test_only_a_team_meeting_hears_the_report(town, people):
    action = emergency(town, people)
    office = meeting(town, people, [], held_at=at(2026, 10, 12, 15), body="secretary_office")
    with pytest.raises(ValidationError) as refused:
        services.report_emergency_action(office, action, version=office.version, user=clerk_user(office))
    assert "R1§8" in str(refused.value)


def test_recording_refuses_bad_input_by_name_and_keeps_it(client, town, people):
    client.force_login(clerk_user(town))
    url = reverse("meetings:emergency-list")
    response = client.post(url, {"taken_by": people["qiu"].pk, "day": "2099-01-01", "time": "10:00",
                                 "action": "封闭危桥", "reason": "桥体开裂"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and "处置时间不能晚于现在" in page and "封闭危桥" in page
    response = client.post(url, {"taken_by": people["clerk"].pk, "day": "2026-09-28", "time": "10:00",
                                 "action": "封闭危桥", "reason": "桥体开裂"})  # fmt: skip
    assert response.status_code == 400 and "封闭危桥" in response.content.decode()
    assert not EmergencyAction.objects.exists()
    response = client.post(url, {"taken_by": people["qiu"].pk, "day": "2026-09-28", "time": "10:00",
                                 "action": "封闭危桥", "reason": "桥体开裂"})  # fmt: skip
    assert response.status_code == 302 and EmergencyAction.objects.get().taken_by == people["qiu"]


def test_a_team_member_cannot_record_emergency_action(client, town, people):
    client.force_login(people["hu"].user)
    assert client.get(reverse("meetings:emergency-list")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.record_emergency_action(
            township=town, taken_by=people["qiu"], action="x", reason="y", taken_at=at(2026, 9, 28, 10),
            user=people["hu"].user,
        )  # fmt: skip


# --- R1§9: important minutes sent to the city-level leader in charge -------------------------------


def test_important_minutes_open_the_sending_due_across_national_day(client, town, people):
    with time_machine.travel(at(2026, 9, 28, 18), tick=False):
        m = closed(town, people, [approved_item(town, people)], held_at=at(2026, 9, 28, 15))
    duty = Obligation.objects.get(kind="send-minutes")
    # 9-28 + 5 working days: 9-29, 9-30, 10-08, 10-09 and the working Saturday 10-10.
    assert (duty.article, duty.due_at) == ("R1§9", at(2026, 10, 10, 23, 59, 59))
    with time_machine.travel(at(2026, 10, 11, 9), tick=False):
        obligations.sweep()
        client.force_login(clerk_user(m))
        page = client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()
        assert 'data-testid="send-minutes"' in page
        response = client.post(
            reverse("meetings:minutes-sent", args=[m.pk]),
            {"day": "2026-10-09", "time": "16:00", "how": "机要交换"},
        )
    assert response.status_code == 302
    duty.refresh_from_db()
    m.minutes.refresh_from_db()
    assert (m.minutes.sent_at, m.minutes.sent_how) == (at(2026, 10, 9, 16), "机要交换")
    assert duty.state == "done" and duty.completed_at == at(2026, 10, 9, 16)  # sent in time
    assert AuditEntry.objects.filter(action="minutes.sent").count() == 1
    assert not services.record_minutes_sent(
        m.minutes, sent_at=at(2026, 10, 10, 9), how="再次", user=clerk_user(m)
    )


def test_sending_needs_how_and_a_sensible_time(town, people):
    with time_machine.travel(at(2026, 9, 28, 18), tick=False):
        m = closed(town, people, [approved_item(town, people)], held_at=at(2026, 9, 28, 15))
        for when, how, field in [
            (at(2026, 9, 28, 18), " ", "sent_how"),
            (at(2026, 9, 27, 9), "邮寄", "sent_at"),
        ]:
            with pytest.raises(ValidationError) as refused:
                services.record_minutes_sent(m.minutes, sent_at=when, how=how, user=clerk_user(m))
            assert field in refused.value.message_dict


def test_minutes_without_important_items_need_no_sending(town, people):
    with time_machine.travel(at(2026, 9, 28, 18), tick=False):
        closed(
            town,
            people,
            [approved_item(town, people, category="general", report=False)],
            held_at=at(2026, 9, 28, 15),
        )
    assert not Obligation.objects.filter(kind="send-minutes").exists()


# --- refusals of the new pages -------------------------------------------------------------------


def test_another_townships_emergency_is_not_found_and_gets_are_refused(client, town, people):
    from tests import factories

    other = factories.township("河口镇", "hekou")
    theirs = {
        "qiu": factories.person(other, "何川", username="he", team_role="deputy_secretary"),
        "clerk": factories.person(other, "李静", username="lijing", dept_kind="party_office"),
    }
    their_action = emergency(other, theirs)
    ours = meeting(town, people, [], held_at=at(2026, 10, 12, 15))
    client.force_login(clerk_user(town))
    assert client.get(reverse("meetings:emergency-detail", args=[their_action.pk])).status_code == 404
    url = reverse("meetings:meeting-report-emergency", args=[ours.pk])
    assert client.post(url, {"emergency": their_action.pk, "version": ours.version}).status_code == 404
    assert client.get(url).status_code == 405
    assert client.get(reverse("meetings:minutes-sent", args=[ours.pk])).status_code == 405
    their_action.refresh_from_db()
    assert their_action.report_item is None and not ours.entries.exists()


def test_a_stale_agenda_page_does_not_add_the_report(client, town, people):
    action = emergency(town, people)
    ours = meeting(town, people, [], held_at=at(2026, 10, 12, 15))
    client.force_login(clerk_user(town))
    url = reverse("meetings:meeting-report-emergency", args=[ours.pk])
    response = client.post(url, {"emergency": action.pk, "version": ours.version - 1}, follow=True)
    assert response.status_code == 200 and not ours.entries.exists()
    action.refresh_from_db()
    assert action.report_item is None
    assert Obligation.objects.get(kind="emergency-report").state == "open"
