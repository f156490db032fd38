"""The meeting's notice on paper (R1§7(2): in writing, with the items and their materials): the
printable page, the Word document in the official layout (GB/T 9704-2012, checked as every
document is, tests/core/official.py) and its PDF; a confidential personnel item is named only as
保密的干部人事议题; who may print it; a changed notice says so."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests import factories
from tests.core.official import check_pdf, check_xml, colophon_text, paragraphs, parts
from tests.meetings import meeting_factory as mf
from zhidu.meetings import services
from zhidu.meetings.models import Material

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
SENT_AT = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=SH)  # Monday; the meeting on Thursday 18th


@pytest.fixture
def world():
    town = factories.township()
    people = mf.team(town)
    roads = mf.approved_item(town, people)
    Material.objects.create(
        township=town, item=roads, name="村级道路维修资金测算表", file=ContentFile(b"x", name="a.xlsx")
    )
    secret = mf.approved_item(town, people, title="拟任免某村党支部书记", category="personnel")
    secret.confidential = True
    secret.save(update_fields=["confidential"])
    Material.objects.create(
        township=town, item=secret, name="干部考察材料", file=ContentFile(b"x", name="b.pdf")
    )
    meeting = mf.meeting(town, people, [roads, secret])
    return town, people, meeting


def text_of(content: bytes) -> list[str]:
    return [t for t in paragraphs(parts(content)["word/document.xml"]) if t]


def test_the_word_notice_lists_items_and_materials_in_the_official_layout(world, client):
    town, people, meeting = world
    client.force_login(mf.clerk_user(meeting))
    response = client.get(reverse("meetings:notice-docx", args=[meeting.pk]))
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    content = response.content
    check_xml(content, township=town.name)
    texts = text_of(content)
    assert texts[0] == f"中共{town.name}委员会" and texts[1] == "关于召开党委会议的通知"
    joined = "\n".join(texts)
    assert "2026年6月18日（星期四）15:00" in joined
    assert "（一）村级道路维修资金（汇报人：邱维兴）" in joined
    assert "1. 《村级道路维修资金测算表》（议题一）" in joined
    # R1§9: a confidential personnel item leaves only as such, its title and materials left out.
    assert "（二）保密的干部人事议题" in joined
    assert "拟任免" not in joined and "干部考察材料" not in joined
    # Not sent yet: the date is blank for the hand, never a made-up day.
    assert colophon_text(content).endswith("　　年　月　日印发")
    pages, texts_pdf = check_pdf(content)
    assert pages >= 1 and any("会议议题" in t.text.replace(" ", "") for t in texts_pdf)
    pdf = client.get(reverse("meetings:notice-pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_once_sent_and_changed_the_paper_is_dated_and_says_what_changed(world, client):
    town, people, meeting = world
    services.send_notice(meeting, version=meeting.version, at=SENT_AT, user=mf.clerk_user(meeting))
    meeting.refresh_from_db()
    services.edit_meeting(
        meeting, version=meeting.version, title=meeting.title, held_at=meeting.held_at, place="三楼会议室",
        body=meeting.body, chair=people["yang"], user=mf.clerk_user(meeting),
    )  # fmt: skip
    client.force_login(people["hu"].user)
    content = client.get(reverse("meetings:notice-docx", args=[meeting.pk])).content
    texts = text_of(content)
    assert texts[1] == "关于召开党委会议的通知（变更）"
    # Dated the day of the send in force (the re-send), what changed said before the rest.
    sent = meeting.notice_sends.get(revision=2).sent_at.astimezone(SH).date()
    assert any("三楼会议室" in t for t in texts[3:6]), texts[:6]
    assert colophon_text(content).endswith(f"{sent.year}年{sent.month}月{sent.day}日印发")


def test_the_printable_page_and_who_may_print_it(world, client):
    town, people, meeting = world
    url = reverse("meetings:notice-print", args=[meeting.pk])
    client.force_login(people["hu"].user)  # a team member: views confidential titles elsewhere
    page = client.get(url).content.decode()
    assert 'data-testid="notice-paper"' in page and "@media print" in page and "@page" in page
    assert page.count('data-testid="notice-item"') == 2
    assert "保密的干部人事议题" in page and "拟任免" not in page and "干部考察材料" not in page
    assert reverse("meetings:notice-docx", args=[meeting.pk]) in page
    detail = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert url in detail and reverse("meetings:notice-pdf", args=[meeting.pk]) in detail
    # The county's viewers read the meeting page, not the notice paper; another township's is a 404.
    county = factories.person(town, "县委督查", username="countyview", county_view=True)
    client.force_login(county.user)
    assert client.get(url).status_code == 403
    other = factories.township()
    stranger = factories.person(other, "外镇办事员", username="otherclerk", dept_kind="party_office")
    client.force_login(stranger.user)
    assert client.get(url).status_code == 404
