"""R1§7(6) in one click (zhidu.meetings.publishing): on a closed team meeting the party office
publishes a passed important item on the portal, title and text proposed from the archived
minutes; confidential personnel items are never offered; the "publish" duty completes."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import publishing, services
from zhidu.obligations.models import Obligation
from zhidu.portal.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(town):
    return team(town)


def hold(town, people, items, close=True):
    m = meeting(town, people, items)
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(
        m, version=m.version, statuses={p.pk: ("present", "") for k, p in people.items() if k != "clerk"},
        user=clerk_user(m),
    )  # fmt: skip
    m.refresh_from_db()
    for entry in m.entries.all():
        services.record_entry(
            entry, version=m.version, speakers=[], recused=set(), vote_method="named_ballot", counts=None,
            ballots={p.pk: "for" for k, p in people.items() if k != "clerk"}, opinions={}, deferred=False,
            resolution=f"同意{entry.item.title}方案，资金从镇财政列支。", user=clerk_user(entry),
        )  # fmt: skip
        m.refresh_from_db()
    if close:
        services.close_meeting(m, version=m.version, user=clerk_user(m))
        m.refresh_from_db()
    return m


@pytest.fixture
def closed(town, people):
    secret = services.propose_item(
        township=town, proposer=people["qiu"], title="推荐党政办副主任人选", category="personnel",
        owner=people["qiu"], confidential=True,
    )  # fmt: skip
    services.decide_item(secret, by=people["yang"], approve=True)
    general = approved_item(town, people, title="通报上半年工作", category="general", report=False)
    return hold(town, people, [approved_item(town, people), secret, general])


def test_only_the_passed_important_non_personnel_item_is_offered(closed):
    found = publishing.candidates(closed)
    assert [c.entry.item.title for c in found] == ["村级道路维修资金"]
    candidate = found[0]
    assert candidate.title == "关于村级道路维修资金的决定公示"
    assert "同意村级道路维修资金方案，资金从镇财政列支。" in candidate.body and "党委会议" in candidate.body
    assert candidate.article is None


def test_an_open_meeting_offers_nothing(town, people):
    assert publishing.candidates(hold(town, people, [approved_item(town, people)], close=False)) == []


def test_publishing_completes_the_duty_with_the_page_address(closed, people):
    clerk = people["clerk"].user
    candidate = publishing.candidates(closed)[0]
    duty = Obligation.objects.get(key=candidate.duty_key)
    assert duty.kind == "publish" and duty.state == "open"
    article = publishing.publish_decision(clerk, candidate.entry, title=candidate.title, body=candidate.body)
    assert (
        article.state == "published"
        and article.category == "party_affairs"
        and article.subcategory == "decisions"
    )
    assert article.source_type == "meetings.agendaentry" and article.source_id == str(candidate.entry.pk)
    duty.refresh_from_db()
    assert duty.state in ("done", "done_late")
    entry = AuditEntry.objects.get(action="meeting.publish")
    assert entry.detail["url"] == article.get_absolute_url() and entry.detail["duty_completed"] is True
    assert publishing.candidates(closed)[0].article == article
    again = publishing.publish_decision(clerk, candidate.entry, title="另一标题", body="正文内容")
    assert again == article and Article.objects.count() == 1


def test_a_confidential_item_cannot_be_published_by_hand(closed, people):
    secret = closed.entries.get(item__confidential=True)
    with pytest.raises(PermissionDenied):
        publishing.publish_decision(people["clerk"].user, secret, title="人选公示", body="正文内容正文内容")
    assert not Article.objects.exists()


def test_only_the_party_office_publishes(closed, people):
    candidate = publishing.candidates(closed)[0]
    with pytest.raises(PermissionDenied):
        publishing.publish_decision(
            people["yang"].user, candidate.entry, title=candidate.title, body=candidate.body
        )


def test_the_page_publishes_in_one_click(client, closed, people):
    client.force_login(people["clerk"].user)
    detail = client.get(f"/meetings/{closed.pk}/").content.decode()
    assert f'href="/meetings/{closed.pk}/publish/"' in detail
    page = client.get(f"/meetings/{closed.pk}/publish/").content.decode()
    assert "推荐党政办副主任人选" not in page and "通报上半年工作" not in page
    candidate = publishing.candidates(closed)[0]
    response = client.post(
        f"/meetings/{closed.pk}/publish/",
        {"entry": candidate.entry.pk, "title": candidate.title, "body": candidate.body},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.get_absolute_url() in client.get(f"/meetings/{closed.pk}/publish/").content.decode()


def test_the_page_refuses_an_empty_title_keeping_the_text(client, closed, people):
    client.force_login(people["clerk"].user)
    candidate = publishing.candidates(closed)[0]
    response = client.post(
        f"/meetings/{closed.pk}/publish/", {"entry": candidate.entry.pk, "title": "", "body": "保留的正文"}
    )
    assert response.status_code == 400 and "标题：请填写" in response.content.decode()
    assert "保留的正文" in response.content.decode() and not Article.objects.exists()


def test_a_secret_entry_posted_by_hand_is_refused(client, closed, people):
    client.force_login(people["clerk"].user)
    secret = closed.entries.get(item__confidential=True)
    client.post(f"/meetings/{closed.pk}/publish/", {"entry": secret.pk, "title": "人选", "body": "正文"})
    assert not Article.objects.exists()


def test_a_team_member_reads_but_cannot_publish(client, closed, people):
    client.force_login(people["hu"].user)
    assert client.get(f"/meetings/{closed.pk}/publish/").status_code == 200
    candidate = publishing.candidates(closed)[0]
    response = client.post(
        f"/meetings/{closed.pk}/publish/", {"entry": candidate.entry.pk, "title": "t", "body": "b"}
    )
    assert response.status_code == 403 and not Article.objects.exists()


def test_a_withdrawn_decision_is_offered_again(client, closed, people):
    from zhidu.portal import services as portal

    people["clerk"].department.head = people["clerk"]
    people["clerk"].department.save(update_fields=["head"])
    candidate = publishing.candidates(closed)[0]
    article = publishing.publish_decision(
        people["clerk"].user, candidate.entry, title=candidate.title, body=candidate.body
    )
    client.force_login(people["clerk"].user)
    assert (
        f'id="publish-{candidate.entry.pk}"'
        not in client.get(f"/meetings/{closed.pk}/publish/").content.decode()
    )
    portal.withdraw(people["clerk"].user, article, "金额有误，更正后重新公示")
    assert (
        f'id="publish-{candidate.entry.pk}"' in client.get(f"/meetings/{closed.pk}/publish/").content.decode()
    )
    again = publishing.publish_decision(
        people["clerk"].user, candidate.entry, title=candidate.title, body="更正后的正文内容"
    )
    assert again != article and again.state == "published"
