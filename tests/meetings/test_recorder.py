"""R1§9, R2, R3: a named recorder keeps the minutes; the secretary's office is recorded by the deputy
secretary, the five-person group by the organization member."""

import pytest
from django.urls import reverse

from tests.meetings.meeting_factory import clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.checks import check_recorder
from zhidu.meetings.models import Meeting


def test_no_recorder_is_a_violation_citing_the_article_and_naming_who_should_record():
    (team_finding,) = check_recorder("team", None)
    assert (team_finding.code, team_finding.severity, team_finding.article) == (
        "no-recorder",
        "violation",
        "R1§9",
    )
    (office,) = check_recorder("secretary_office", "")
    assert office.article == "R1§9, R2" and "应由党委副书记记录" in office.message
    (group,) = check_recorder("five_person_group", None)
    assert group.article == "R1§9, R3" and "应由组织委员记录" in group.message


def test_the_right_recorder_per_body():
    # R1§9: any named recorder keeps a team meeting's minutes, the party office's clerk included.
    assert check_recorder("team", "张敏") == []
    assert check_recorder("secretary_office", "邱维兴", ("deputy_secretary",)) == []
    assert check_recorder("five_person_group", "曲坚强", ("organization_member",)) == []
    (advice,) = check_recorder("secretary_office", "张敏")
    assert (advice.code, advice.severity, advice.article) == ("recorder-role", "advice", "R2")
    assert "一般由党委副书记记录，本次记录人为张敏" in advice.message
    (advice,) = check_recorder("five_person_group", "邱维兴", ("deputy_secretary",))
    assert (advice.code, advice.article) == ("recorder-role", "R3")


@pytest.mark.django_db
def test_the_live_panel_and_the_minutes_show_the_missing_recorder(client, town):
    people = team(town)
    m = meeting(town, people, [])
    Meeting.objects.filter(pk=m.pk).update(recorder=None)
    client.force_login(people["clerk"].user)
    panel = client.get(reverse("meetings:findings", args=[m.pk])).content.decode()
    assert "党委领导班子会议没有指定记录人" in panel and "R1§9" in panel
    page = client.get(reverse("meetings:meeting-detail", args=[m.pk])).content.decode()
    assert "没有指定记录人" in page
    m.refresh_from_db()
    statuses = {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    minutes = client.get(reverse("meetings:minutes", args=[m.pk])).content.decode()
    assert 'data-testid="no-recorder"' in minutes and 'data-testid="recorder-finding"' in minutes
    assert "没有指定记录人" in minutes


@pytest.mark.django_db
def test_a_named_recorder_leaves_no_finding(client, town):
    people = team(town)
    m = meeting(town, people, [])
    client.force_login(people["clerk"].user)
    panel = client.get(reverse("meetings:findings", args=[m.pk])).content.decode()
    assert "记录人" not in panel
