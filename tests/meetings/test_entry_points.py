"""The meeting entry points own their state change: the permission of the actor (whoever calls,
a view, a command or code), the version bump of every write, and the audit entry's address."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests import factories
from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.core.permissions import SYSTEM
from zhidu.meetings import services
from zhidu.meetings.models import Attendance

pytestmark = pytest.mark.django_db
P, A = Attendance.Status.PRESENT, Attendance.Status.ABSENT


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def m(town, people):
    return meeting(town, people, [approved_item(town, people)])


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


def all_present(m, people):
    return {p.pk: (P, "") for k, p in people.items() if k != "clerk"}


# --- the permission travels with the entry point --------------------------------------------------


def test_a_cadre_is_refused_by_the_entry_point_as_by_the_page(client, town, people, m):
    cadre = factories.person(town, "吴干部", username="cadre")
    client.force_login(cadre.user)
    assert client.post(url("meeting-notice", m.pk), {"version": m.version}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.send_notice(m, version=m.version, user=cadre.user)
    with pytest.raises(PermissionDenied):
        services.record_attendance(m, version=m.version, statuses=all_present(m, people), user=cadre.user)
    m.refresh_from_db()
    assert m.notice_sent_at is None and m.version == 1
    assert not AuditEntry.objects.filter(action__in=["meeting.notice", "meeting.attendance"]).exists()


def test_no_actor_and_the_system_are_refused_a_persons_work(m, people):
    for actor in (None, SYSTEM):
        with pytest.raises(PermissionDenied):
            services.send_notice(m, version=m.version, user=actor)
        with pytest.raises(PermissionDenied):
            services.close_meeting(m, version=m.version, user=actor)


def test_another_townships_clerk_is_refused_and_so_is_the_county_view(m, people):
    other = factories.township()
    stranger = factories.person(other, "外镇党办", username="stranger", dept_kind="party_office")
    with pytest.raises(PermissionDenied):
        services.send_notice(m, version=m.version, user=stranger.user)
    # Issue 18: the county reads its townships and writes none of them (acts_in).
    county_clerk = factories.person(
        other, "县党办", username="county", dept_kind="party_office", county_view=True
    )
    with pytest.raises(PermissionDenied):
        services.send_notice(m, version=m.version, user=county_clerk.user)
    m.refresh_from_db()
    assert m.notice_sent_at is None
    services.send_notice(m, version=m.version, user=people["clerk"].user)
    m.refresh_from_db()
    assert m.notice_sent_at is not None


def test_a_member_answers_only_for_themselves(m, people):
    with pytest.raises(PermissionDenied):
        services.request_absence(m, people["hu"], "出差", user=people["lin"].user)
    with pytest.raises(PermissionDenied):  # the clerk does not register a member's absence either
        services.request_absence(m, people["hu"], "出差", user=people["clerk"].user)
    services.request_absence(m, people["hu"], "出差", user=people["hu"].user)
    assert m.attendance.get(person=people["hu"]).status == A


def test_only_the_principal_approves_an_item(town, people):
    item = services.propose_item(
        township=town, proposer=people["qiu"], title="一般事项", category="general", owner=people["qiu"]
    )
    with pytest.raises(PermissionDenied):
        services.decide_item(item, by=people["qiu"], approve=True)
    with pytest.raises(PermissionDenied):  # the principal's name, someone else's login
        services.decide_item(item, by=people["yang"], approve=True, user=people["qiu"].user)
    assert services.decide_item(item, by=people["yang"], approve=True)


# --- every write bumps the version -----------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        lambda m, people: services.request_absence(m, people["hu"], "出差", user=people["hu"].user),
        lambda m, people: services.confirm_notice(m, people["hu"], user=people["hu"].user),
        lambda m, people: services.declare_conflict(m.entries.get(), people["hu"], user=people["hu"].user),
        lambda m, people: services.record_reserved_opinion(
            m.entries.get(), people["hu"].pk, "保留意见", user=clerk_user(m)
        ),
    ],
    ids=["absence", "receipt", "conflict", "reserved"],
)
def test_every_write_bumps_so_a_stale_form_is_refused(m, people, answer):
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(m, version=m.version, statuses=all_present(m, people), user=clerk_user(m))
    m.refresh_from_db()
    loaded = m.version  # the clerk's form is open with this version
    answer(m, people)
    m.refresh_from_db()
    assert m.version == loaded + 1
    with pytest.raises(services.Conflicting):
        services.record_attendance(m, version=loaded, statuses=all_present(m, people), user=clerk_user(m))


def test_the_clerks_stale_attendance_form_does_not_overwrite_a_registered_absence(client, people, m):
    """The hole of issue 10: the clerk's open attendance form ("Everyone present") would mark a
    member present again who registered an absence meanwhile. Now the save is refused (409) with
    what the clerk typed kept, and the absence stands."""
    client.force_login(people["clerk"].user)
    page = client.get(url("record", m.pk))
    assert page.status_code == 200
    loaded = m.version
    member = client.__class__()
    member.force_login(people["hu"].user)
    assert member.post(url("meeting-absence", m.pk), {"reason": "市委党校培训"}).status_code == 302
    posted = {"version": loaded, "chair": people["yang"].pk}
    for k, p in people.items():
        if k != "clerk":
            posted[f"status_{p.pk}"] = P
            posted[f"reason_{p.pk}"] = ""
    posted[f"reason_{people['lin'].pk}"] = "已到，迟到十分钟"  # something the clerk typed
    response = client.post(url("record", m.pk), posted)
    assert response.status_code == 409
    body = response.content.decode()
    assert "已到，迟到十分钟" in body  # the typed form is kept
    hu = m.attendance.get(person=people["hu"])
    assert (hu.status, hu.reason) == (A, "市委党校培训")


# --- the address ------------------------------------------------------------------------------------


def test_a_meeting_entry_written_through_the_web_carries_the_address(client, people, m):
    client.force_login(people["clerk"].user)
    client.post(url("meeting-notice", m.pk), {"version": m.version}, REMOTE_ADDR="10.20.30.40")
    entry = AuditEntry.objects.get(action="meeting.notice")
    assert entry.address == "10.20.30.40" and entry.actor == people["clerk"].user
    member = client.__class__()
    member.force_login(people["hu"].user)
    member.post(url("meeting-absence", m.pk), {"reason": "出差"}, REMOTE_ADDR="10.20.30.41")
    assert AuditEntry.objects.get(action="meeting.absence").address == "10.20.30.41"


def test_outside_a_request_the_address_is_empty(m):
    services.send_notice(m, version=m.version, user=clerk_user(m))
    assert AuditEntry.objects.get(action="meeting.notice").address is None
