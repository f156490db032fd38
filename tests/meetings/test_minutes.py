"""Minutes after closing: the Word document, the chair's sign-off, corrections as new versions."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.models import ArchiveVersion


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def closed(town, people):
    secret = services.propose_item(
        township=town,
        proposer=people["qiu"],
        title="推荐党政办副主任人选",
        category="personnel",
        owner=people["qiu"],
        confidential=True,
    )
    services.decide_item(secret, by=people["yang"], approve=True)
    m = meeting(town, people, [approved_item(town, people), secret])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(
        m,
        version=m.version,
        statuses={p.pk: ("present", "") for k, p in people.items() if k != "clerk"},
        user=clerk_user(m),
    )
    m.refresh_from_db()
    for entry in m.entries.all():
        services.record_entry(
            entry,
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="named_ballot",
            counts=None,
            ballots={p.pk: "for" for k, p in people.items() if k != "clerk"},
            opinions={},
            deferred=False,
            resolution=f"同意：{entry.item.title}",
            user=clerk_user(entry),
        )
        m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    return m


def text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.django_db
def test_minutes_word_document(client, people, closed):
    client.force_login(people["hu"].user)
    response = client.get(reverse("meetings:minutes-docx", args=[closed.pk]))
    assert response.status_code == 200
    text = text_of(response.content)
    assert "中共柞村镇委员会" in text and "测党会纪〔2026〕1号" in text and "党委领导班子会议纪要" in text
    assert "同意：村级道路维修资金" in text
    # The confidential personnel item stays out of the minutes (R1§9).
    assert "推荐党政办副主任人选" not in text and "干部人事事项（保密" in text


@pytest.mark.django_db
def test_only_the_chair_signs_once(client, people, closed):
    client.force_login(people["qiu"].user)
    assert client.post(reverse("meetings:minutes-sign", args=[closed.pk])).status_code == 403
    client.force_login(people["yang"].user)
    assert client.post(reverse("meetings:minutes-sign", args=[closed.pk])).status_code == 302
    closed.minutes.refresh_from_db()
    assert closed.minutes.signed_by == people["yang"]
    with pytest.raises(ValidationError):
        services.sign_minutes(closed.minutes, by=people["qiu"])
    assert not services.sign_minutes(closed.minutes, by=people["yang"])


@pytest.mark.django_db
def test_a_correction_adds_a_version_and_keeps_the_old(client, people, closed):
    entry = closed.entries.get(item__category="large_funds")
    client.force_login(people["clerk"].user)
    url = reverse("meetings:meeting-correct", args=[closed.pk])
    response = client.post(
        url, {"version": closed.version, f"resolution_{entry.pk}": "更正后的决议", "reason": ""}
    )
    assert response.status_code == 400 and "更正须说明理由" in response.content.decode()
    assert "更正后的决议" in response.content.decode()  # what was typed is kept
    response = client.post(
        url, {"version": closed.version, f"resolution_{entry.pk}": "更正后的决议", "reason": "记录笔误"}
    )
    assert response.status_code == 302
    versions = list(ArchiveVersion.objects.filter(meeting=closed).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].minutes[f"i{entry.item_id}"]["resolution"] == "同意：村级道路维修资金"
    assert versions[1].minutes[f"i{entry.item_id}"]["resolution"] == "更正后的决议"
    assert versions[1].reason == "记录笔误"
    client.force_login(people["hu"].user)
    assert client.get(url).status_code == 403
