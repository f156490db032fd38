"""The item pages (议题): who may list, propose, read and decide (R1§7(1), R4); the refusals
(403, 404 for another township, 405, anonymous to log in); proposing refuses what the rules
refuse with the field named in Chinese; a decision is taken once and audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.models import Item, Material

pytestmark = pytest.mark.django_db

PERSONAS = ["secretary", "deputy", "clerk", "discipline", "organization", "cadre"]
CAN_VIEW = {"secretary", "deputy", "clerk", "discipline", "organization"}
CAN_PROPOSE = {"secretary", "deputy", "clerk"}
CAN_DECIDE = {"secretary"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(name="论证评估报告.pdf", content=b"%PDF-1.4 evaluation"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_item(town, people, *, title="村级道路维修资金拨付", category="general", **kw) -> Item:
    return services.propose_item(
        township=town,
        proposer=kw.pop("proposer", people["clerk"]),
        title=title,
        category=category,
        owner=kw.pop("owner", people["deputy"]),
        **kw,
    )


def proposal(people, **changes):
    data = {
        "title": "拨付村级道路维修资金",
        "category": "general",
        "owner": people["deputy"].pk,
        "description": "东沟村道路维修，申请资金三十万元。",
        "department": "",
    }
    data.update(changes)
    return data


def text(response) -> str:
    return response.content.decode()


# --- who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_and_detail_by_role(client, town, people, persona):
    item = make_item(town, people)
    client.force_login(people[persona].user)
    expected = 200 if persona in CAN_VIEW else 403
    assert client.get(reverse("meetings:item-list")).status_code == expected
    assert client.get(reverse("meetings:item-detail", args=[item.pk])).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_propose_page_by_role(client, people, persona):
    client.force_login(people[persona].user)
    response = client.get(reverse("meetings:item-propose"))
    assert response.status_code == (200 if persona in CAN_PROPOSE else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_decide_by_role(client, town, people, persona):
    item = make_item(town, people)
    client.force_login(people[persona].user)
    response = client.post(reverse("meetings:item-decide", args=[item.pk]), {"decision": "approve"})
    item.refresh_from_db()
    if persona in CAN_DECIDE:
        assert response.status_code == 302
        assert item.state == Item.State.APPROVED
    else:
        assert response.status_code == 403
        assert item.state == Item.State.PROPOSED


def test_anonymous_is_sent_to_log_in(client, town, people):
    item = make_item(town, people)
    login = reverse("login")
    for url in [
        reverse("meetings:item-list"),
        reverse("meetings:item-propose"),
        reverse("meetings:item-detail", args=[item.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login), url
    response = client.post(reverse("meetings:item-decide", args=[item.pk]), {"decision": "approve"})
    assert response.status_code == 302 and response["Location"].startswith(login)
    item.refresh_from_db()
    assert item.state == Item.State.PROPOSED


def test_another_townships_item_is_not_found(client, town, people):
    other_town = factories.township()
    others = factories.personas(other_town, prefix="o_")
    theirs = make_item(other_town, others, category="large_funds", evaluation_report=upload())
    client.force_login(people["secretary"].user)
    assert client.get(reverse("meetings:item-detail", args=[theirs.pk])).status_code == 404
    assert (
        client.get(reverse("meetings:item-detail", args=[theirs.pk]) + "?download=report").status_code == 404
    )
    response = client.post(reverse("meetings:item-decide", args=[theirs.pk]), {"decision": "approve"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == Item.State.PROPOSED
    assert theirs.title not in text(client.get(reverse("meetings:item-list")))


def test_get_on_decide_is_refused(client, town, people):
    item = make_item(town, people)
    client.force_login(people["secretary"].user)
    assert client.get(reverse("meetings:item-decide", args=[item.pk])).status_code == 405


# --- the list ---------------------------------------------------------------------------------------


def test_principal_sees_waiting_items_first_with_a_count(client, town, people):
    make_item(town, people, title="甲议题")
    make_item(town, people, title="乙议题")
    approved = make_item(town, people, title="丙议题")
    services.decide_item(approved, by=people["secretary"], approve=True)
    client.force_login(people["secretary"].user)
    page = text(client.get(reverse("meetings:item-list")))
    assert "等待您审批的议题：2 个" in page
    assert page.index("待审批（2）") < page.index("已批准（1）") < page.index("已退回（0）")
    assert page.index("甲议题") < page.index("丙议题")
    assert "提出议题" in page


def test_clerk_sees_the_propose_button_not_the_count(client, town, people):
    make_item(town, people)
    client.force_login(people["clerk"].user)
    page = text(client.get(reverse("meetings:item-list")))
    assert "提出议题" in page
    assert "等待您审批" not in page
    client.force_login(people["discipline"].user)
    assert "提出议题" not in text(client.get(reverse("meetings:item-list")))


def test_filter_by_state(client, town, people):
    make_item(town, people, title="待批议题")
    done = make_item(town, people, title="已批议题")
    services.decide_item(done, by=people["secretary"], approve=True)
    client.force_login(people["clerk"].user)
    page = text(client.get(reverse("meetings:item-list") + "?state=approved"))
    assert "已批议题" in page and "待批议题" not in page


def test_list_query_count_does_not_grow_with_items(client, town, people, django_assert_max_num_queries):
    client.force_login(people["clerk"].user)
    dept = factories.department(town, "other", "经济发展办公室")
    for n in range(30):
        item = make_item(town, people, title=f"议题{n}", department=dept)
        if n % 3 == 1:
            services.decide_item(item, by=people["secretary"], approve=True)
        elif n % 3 == 2:
            services.decide_item(item, by=people["secretary"], approve=False, note="材料不全")
    client.get(reverse("meetings:item-list"))  # the session's first request records its activity
    # Session, user, the verified second factor, person and terms (middleware); the counts; one
    # query per state.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("meetings:item-list"))
    assert response.status_code == 200
    # One state: the counts, the page's rows and the paginator's count.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("meetings:item-list") + "?state=returned").status_code == 200


# --- proposing --------------------------------------------------------------------------------------


def test_clerk_proposes_an_item_with_materials(client, town, people):
    client.force_login(people["clerk"].user)
    data = proposal(
        people,
        category="large_funds",
        evaluation_report=upload(),
        materials=[upload("预算表.xlsx", b"sheet"), upload("现场照片.jpg", b"jpeg")],
    )
    response = client.post(reverse("meetings:item-propose"), data, follow=True)
    item = Item.objects.get()
    assert response.redirect_chain[-1][0] == reverse("meetings:item-detail", args=[item.pk])
    assert (item.state, item.proposed_by, item.owner) == (
        Item.State.PROPOSED,
        people["clerk"],
        people["deputy"],
    )
    assert item.evaluation_report.read() == b"%PDF-1.4 evaluation"
    assert set(Material.objects.filter(item=item).values_list("name", flat=True)) == {
        "预算表.xlsx",
        "现场照片.jpg",
    }
    page = text(response)
    assert "议题已提出" in page and "待审批" in page and "预算表.xlsx" in page
    actions = set(
        AuditEntry.objects.filter(target_id=str(item.pk), action__startswith="item.").values_list(
            "action", flat=True
        )
    )
    assert actions == {"item.propose", "item.materials"}


def test_missing_title_is_refused_with_the_field_named(client, people):
    client.force_login(people["clerk"].user)
    response = client.post(reverse("meetings:item-propose"), proposal(people, title=""))
    assert response.status_code == 200
    page = text(response)
    assert "议题名称：" in page
    assert "东沟村道路维修，申请资金三十万元。" in page  # what was typed is kept
    assert f'<option value="{people["deputy"].pk}" selected>' in page
    assert not Item.objects.exists()
    assert not AuditEntry.objects.filter(action="item.propose").exists()


@pytest.mark.parametrize("category", ["large_funds", "major_project"])
def test_evaluation_report_required(client, people, category):
    client.force_login(people["clerk"].user)
    response = client.post(reverse("meetings:item-propose"), proposal(people, category=category))
    page = text(response)
    assert "论证评估报告：" in page and "R1§5(2)" in page
    assert 'value="拨付村级道路维修资金"' in page
    assert not Item.objects.exists()


def test_owner_must_be_on_the_team_today(client, town, people):
    client.force_login(people["clerk"].user)
    former = factories.person(
        town,
        "离任委员",
        team_role="member",
        ends_on=datetime.date(2022, 1, 1),
        starts_on=datetime.date(2021, 1, 1),
    )
    for owner in [people["cadre"], former]:
        response = client.post(reverse("meetings:item-propose"), proposal(people, owner=owner.pk))
        assert "分管领导：请选择现任领导班子成员。" in text(response)
    page = text(client.get(reverse("meetings:item-propose")))
    assert "离任委员" not in page and people["cadre"].name not in page
    assert not Item.objects.exists()


def test_department_of_another_township_is_refused(client, people):
    other = factories.department(factories.township(), "other", "外镇部门")
    client.force_login(people["clerk"].user)
    response = client.post(reverse("meetings:item-propose"), proposal(people, department=other.pk))
    assert "提出部门：" in text(response)
    assert not Item.objects.exists()


def test_only_personnel_items_are_confidential(client, people):
    client.force_login(people["deputy"].user)
    response = client.post(reverse("meetings:item-propose"), proposal(people, confidential="on"))
    assert "只有干部人事议题可以标为保密" in text(response)
    assert not Item.objects.exists()
    response = client.post(
        reverse("meetings:item-propose"), proposal(people, category="personnel", confidential="on")
    )
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.confidential and item.proposed_by == people["deputy"]


# --- reading and deciding ------------------------------------------------------------------------


def test_detail_shows_files_and_decision_forms_only_to_the_principal(client, town, people):
    item = make_item(town, people, category="large_funds", evaluation_report=upload())
    url = reverse("meetings:item-detail", args=[item.pk])
    client.force_login(people["clerk"].user)
    page = text(client.get(url))
    assert "论证评估报告" in page and "?download=report" in page
    assert "批准列入议程" not in page
    download = client.get(url + "?download=report")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 evaluation"
    assert download["Content-Disposition"].startswith("attachment")
    assert client.get(url + "?download=999").status_code == 404
    client.force_login(people["cadre"].user)
    assert client.get(url + "?download=report").status_code == 403
    client.force_login(people["secretary"].user)
    page = text(client.get(url))
    assert "批准列入议程" in page and "退回" in page


def test_approve_then_a_second_decision_is_refused(client, town, people):
    item = make_item(town, people)
    url = reverse("meetings:item-decide", args=[item.pk])
    client.force_login(people["secretary"].user)
    response = client.post(url, {"decision": "approve", "note": "同意上会"}, follow=True)
    item.refresh_from_db()
    assert (item.state, item.decided_by, item.decision_note) == (
        Item.State.APPROVED,
        people["secretary"],
        "同意上会",
    )
    page = text(response)
    assert "已批准列入议程" in page and "杨书记" in page and "同意上会" in page
    assert "批准列入议程</button>" not in page  # no second form
    response = client.post(url, {"decision": "return", "note": "再议"}, follow=True)
    assert "不能重复审批" in text(response)
    item.refresh_from_db()
    assert item.state == Item.State.APPROVED and item.decision_note == "同意上会"
    entries = AuditEntry.objects.filter(target_id=str(item.pk), action__in=["item.approve", "item.return"])
    assert [(e.action, e.actor) for e in entries] == [("item.approve", people["secretary"].user)]


def test_returning_requires_a_note(client, town, people):
    item = make_item(town, people)
    url = reverse("meetings:item-decide", args=[item.pk])
    client.force_login(people["secretary"].user)
    response = client.post(url, {"decision": "return", "note": "  "})
    assert response.status_code == 200
    assert "审批意见：退回时请说明理由" in text(response)
    item.refresh_from_db()
    assert item.state == Item.State.PROPOSED
    response = client.post(url, {"decision": "return", "note": "请补充论证材料"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.decision_note) == (Item.State.RETURNED, "请补充论证材料")
    entry = AuditEntry.objects.get(action="item.return", target_id=str(item.pk))
    assert entry.detail["note"] == "请补充论证材料" and entry.township == town


def test_unknown_decision_is_refused(client, town, people):
    item = make_item(town, people)
    client.force_login(people["secretary"].user)
    response = client.post(reverse("meetings:item-decide", args=[item.pk]), {"decision": "maybe"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.state == Item.State.PROPOSED
