"""Minutes after closing: the Word document, the chair's sign-off, corrections as new versions."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.core.official import check_pdf, check_xml, paragraphs, parts
from tests.meetings.decisions_helpers import at, members
from tests.meetings.decisions_helpers import closed as closed_meeting
from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.models import ArchiveVersion, Reconsideration


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
    """The document's paragraphs, the 版记's (in its text box at the foot) last."""
    return "\n".join(t for t in paragraphs(parts(content)["word/document.xml"]) if t)


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


@pytest.fixture
def recorded(town, people):
    """A closed meeting whose one item has everything the minutes must carry: a member absent with a
    written opinion (R1§7(3)), a recused member (R1§7(4)) and a reserved opinion (R1§11)."""
    m = meeting(town, people, [approved_item(town, people)])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    statuses = {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}
    statuses[people["xu"].pk] = ("absent", "外出学习")
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    entry = m.entries.get()
    voters = [p for k, p in people.items() if k not in ("clerk", "xu", "lin")]
    services.record_entry(
        entry,
        version=m.version,
        speakers=[],
        recused={people["lin"].pk},
        vote_method="named_ballot",
        counts=None,
        ballots={p.pk: "for" for p in voters},
        opinions={people["xu"].pk: "against"},
        deferred=False,
        resolution="同意维修",
        user=clerk_user(entry),
    )
    m.refresh_from_db()
    services.record_reserved_opinion(entry, people["hu"].pk, "资金来源应再论证", user=clerk_user(entry))
    m.refresh_from_db()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    return m


@pytest.mark.django_db
def test_the_word_minutes_carry_the_record_and_sign_off_only_once_signed(client, people, recorded):
    client.force_login(people["hu"].user)
    url = reverse("meetings:minutes-docx", args=[recorded.pk])
    content = client.get(url).content
    text = text_of(content)
    assert "回避：林平。" in text
    assert "徐文同志（缺席）书面意见：不同意。" in text
    assert "胡新璐同志保留意见：资金来源应再论证" in text
    # Nothing recorded, nothing printed: no empty basis, supervision, referral or 复议 lines.
    for absent in ("依据和理由", "监督办法", "请求上级裁决", "复议变更", "暂缓表决"):
        assert absent not in text
    # Not signed yet: no 签发, and the 版记 leaves the issue date blank (R1§9).
    assert "签发" not in text and text.endswith("柞村镇党政办公室\t　　年　月　日印发")
    check_xml(content, township="柞村镇")
    client.force_login(people["yang"].user)
    assert client.post(reverse("meetings:minutes-sign", args=[recorded.pk])).status_code == 302
    recorded.minutes.refresh_from_db()
    signed = timezone.localtime(recorded.minutes.signed_at).date()
    content = client.get(url).content
    text = text_of(content)
    day = f"{signed.year}年{signed.month}月{signed.day}日"
    assert f"签发：杨栋\n{day}" in text and text.endswith(f"柞村镇党政办公室\t{day}印发")
    # An important item (large funds): the minutes also go to the city-level leader (R1§9).
    assert "抄送：市级分管领导。" in text
    pages, texts = check_pdf(content)
    assert pages >= 1 and any("保留意见" in t.text.replace(" ", "") for t in texts)
    pdf = client.get(reverse("meetings:minutes-pdf", args=[recorded.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


@pytest.mark.django_db
def test_the_word_minutes_carry_basis_supervision_referral_and_reconsideration(client, town, people):
    """R1§9 basis and supervision, R1§7(4) a referral to the superior, R1§12(4) 复议 both ways: the
    Word minutes carry what the web minutes show."""
    with time_machine.travel(at(2026, 6, 18, 18), tick=False):
        old = closed_meeting(
            town, people, [approved_item(town, people)], held_at=at(2026, 6, 18, 15),
            basis="依据《村级道路管理办法》", supervision="由纪委全程监督",
        )  # fmt: skip
    old_entry = old.entries.get()
    with time_machine.travel(at(2026, 7, 9, 18), tick=False):
        change = services.propose_item(
            township=town, proposer=people["qiu"], title="调整村级道路维修资金", category="general",
            owner=people["qiu"], reconsiders=old_entry,
        )  # fmt: skip
        services.decide_item(change, by=people["yang"], approve=True)
        split = approved_item(town, people, title="撤并村小学", category="general", report=False)
        new = meeting(town, people, [change, split], held_at=at(2026, 7, 9, 15))
        services.send_notice(new, version=new.version, user=clerk_user(new))
        new.refresh_from_db()
        statuses = {p.pk: ("present", "") for p in members(people).values()}
        services.record_attendance(new, version=new.version, statuses=statuses, user=clerk_user(new))
        by_item = {e.item_id: e for e in new.entries.all()}
        for entry, fields in (
            (by_item[change.pk], {"vote_method": "named_ballot", "resolution": "调整为分两年拨付",
                                  "ballots": {p.pk: "for" for p in members(people).values()}}),
            (by_item[split.pk], {"vote_method": "", "ballots": None, "referred": True, "discussion": "意见分歧较大"}),
        ):  # fmt: skip
            new.refresh_from_db()
            services.record_entry(
                entry, version=new.version, speakers=[], recused=set(), counts=None, opinions={},
                deferred=False, user=clerk_user(entry), **fields,
            )  # fmt: skip
        new.refresh_from_db()
        services.close_meeting(new, version=new.version, user=clerk_user(new))
    assert Reconsideration.objects.get().changed == old_entry
    old_label, new_label = old.minutes.label, new.minutes.label
    client.force_login(people["hu"].user)
    content = client.get(reverse("meetings:minutes-docx", args=[old.pk])).content
    text = text_of(content)
    assert "依据和理由：依据《村级道路管理办法》" in text and "监督办法：由纪委全程监督" in text
    assert f"本项决定已被{new_label}“调整村级道路维修资金”复议变更。" in text
    assert "复议变更" + old_label not in text and "请求上级裁决" not in text
    check_xml(content, township="柞村镇")
    content = client.get(reverse("meetings:minutes-docx", args=[new.pk])).content
    text = text_of(content)
    assert f"复议变更{old_label}“村级道路维修资金”。" in text
    assert "本议题请求上级裁决。" in text and "意见分歧较大" in text
    assert "已被" not in text and "依据和理由" not in text and "监督办法" not in text
    check_xml(content, township="柞村镇")
    pages, texts = check_pdf(content)
    assert pages >= 1 and any("请求上级裁决" in t.text.replace(" ", "") for t in texts)
