"""The supervision pages by persona (users.md), with the refusal paths: 403, 404 for another
township's item or one the user may not see, 405 for GET on a POST view, 409 for a stale page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from tests.supervision.helpers import assigned, at, cast, register, submitted
from zhidu.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db
State = SupervisionItem.State


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


PAGES = {"item-list": "view", "overdue": "view", "item-register": "register", "report": "report"}
ALLOWED = {
    "view": {"secretary", "deputy", "clerk", "discipline", "organization", "cadre", "owner"},
    "register": {"clerk", "discipline"},
    "report": {"secretary", "deputy", "clerk", "discipline", "organization"},
}


@pytest.mark.parametrize("persona", sorted(ALLOWED["view"]))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_matrix(client, people, persona, page):
    client.force_login(people[persona].user)
    expected = 200 if persona in ALLOWED[PAGES[page]] else 403
    assert client.get(url(page)).status_code == expected


def test_anonymous_is_sent_to_log_in(client, people):
    assert client.get(url("item-list"))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("discipline", 200),
        ("secretary", 200),
        ("deputy", 200),
        ("owner", 200),
        ("colleague", 200),
        ("social", 404),
        ("cadre", 404),
    ],
)
def test_who_sees_an_item(client, town, people, persona, status):
    item = register(town, people)
    client.force_login(people[persona].user)
    assert client.get(url("item-detail", item.pk)).status_code == status
    listed = "落实秸秆禁烧工作" in client.get(url("item-list")).content.decode()
    assert listed == (status == 200)


def test_another_townships_item_is_not_found(client, town, people):
    other = factories.township("河口镇", "hekou")
    theirs = register(other, cast(other, prefix="h"))
    client.force_login(people["discipline"].user)
    assert client.get(url("item-detail", theirs.pk)).status_code == 404
    assert client.post(url("chase", theirs.pk), {"kind": "call", "note": "x"}).status_code == 404
    assert client.get(url("notice", theirs.pk)).status_code == 404


@pytest.mark.parametrize(
    "name", ["approve", "assign", "chase", "feedback", "accept", "reject", "close", "reopen"]
)
def test_post_views_refuse_get(client, town, people, name):
    item = register(town, people)
    client.force_login(people["discipline"].user)
    assert client.get(url(name, item.pk)).status_code == 405


def test_only_the_principal_approves_and_only_the_office_decides(client, town, people):
    item = register(town, people)
    client.force_login(people["discipline"].user)
    assert client.post(url("approve", item.pk), {}).status_code == 403
    client.force_login(people["secretary"].user)
    page = client.get(url("item-detail", item.pk)).content.decode()
    assert url("approve", item.pk) in page
    assert client.post(url("approve", item.pk), {"note": "同意", "version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.state == State.APPROVED
    client.force_login(people["owner"].user)
    assert client.post(url("assign", item.pk), {"deadline": "2026-09-25"}).status_code == 403


def test_feedback_by_the_owner_department_only(client, town, people):
    item = assigned(town, people)
    client.force_login(people["clerk"].user)  # sees the item, does not answer for it
    assert client.post(url("feedback", item.pk), {"completed": "yes", "text": "x"}).status_code == 403
    client.force_login(people["colleague"].user)
    assert url("feedback", item.pk) in client.get(url("item-detail", item.pk)).content.decode()
    response = client.post(url("feedback", item.pk), {"completed": "yes", "text": "巡查完毕"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.FEEDBACK_SUBMITTED


def test_register_from_the_form_and_bad_input_keeps_what_was_typed(client, town, people):
    client.force_login(people["discipline"].user)
    data = {
        "source": "media",
        "matter": "处理媒体反映的道路积水问题",
        "requirements": "查明原因，限期整改",
        "owner_department": people["economy"].pk,
        "owner_person": people["owner"].pk,
        "other_departments": [people["social_dept"].pk],
        "deadline": "2026-09-14",
    }
    response = client.post(url("item-register"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "反馈期限：不能早于立项登记日期（2026年9月15日）" in body
    assert "处理媒体反映的道路积水问题" in body and not SupervisionItem.objects.exists()
    outsider = factories.department(factories.township("河口镇", "hekou"), "party_office")
    response = client.post(
        url("item-register"), data | {"deadline": "2026-09-30", "owner_department": outsider.pk}
    )
    assert response.status_code == 400 and "承办单位：" in response.content.decode()
    response = client.post(url("item-register"), data | {"deadline": "2026-09-30"})
    item = SupervisionItem.objects.get()
    assert response["Location"] == url("item-detail", item.pk)
    assert list(item.other_departments.values_list("name", flat=True)) == ["社会事务办公室"]


def test_a_refused_rejection_keeps_the_text_and_names_the_field(client, town, people):
    item = submitted(town, people)
    client.force_login(people["discipline"].user)
    response = client.post(
        url("reject", item.pk),
        {
            "note": "台账不全，需补充",
            "requirements": "",
            "new_deadline": "2026-09-01",
            "version": item.version,
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "整改要求：" in body and "新的反馈期限：不能早于今天（2026年9月15日）" in body
    assert "台账不全，需补充" in body
    item.refresh_from_db()
    assert item.state == State.FEEDBACK_SUBMITTED


def test_a_stale_page_is_refused_with_409_and_a_second_acceptance_is_told(client, town, people):
    item = submitted(town, people)
    client.force_login(people["discipline"].user)
    stale = item.version
    assert client.post(url("accept", item.pk), {"version": stale}).status_code == 302
    response = client.post(url("close", item.pk), {"version": stale})
    assert response.status_code == 409 and "他人刚刚修改" in response.content.decode()
    response = client.post(url("accept", item.pk), {"version": stale})
    assert response.status_code == 400 and "不能重复验收" in response.content.decode()


def test_the_overdue_list(client, town, people):
    late = assigned(town, people, matter="逾期的事项", deadline=datetime.date(2026, 9, 16))
    assigned(town, people, matter="未到期的事项", deadline=datetime.date(2026, 9, 30))
    with time_machine.travel(at(2026, 9, 17), tick=False):
        client.force_login(people["discipline"].user)
        body = client.get(url("overdue")).content.decode()
        assert "逾期的事项" in body and "未到期的事项" not in body
        assert late.doc_number in body
        assert "未到期的事项" in client.get(url("item-list") + "?state=assigned").content.decode()


def test_register_from_a_passed_team_decision(client):
    from zhidu.meetings.models import AgendaEntry
    from zhidu.org.demo import create_demo

    with time_machine.travel(at(2026, 6, 15), tick=False):
        create_demo()
    passed = AgendaEntry.objects.get(item__title="拨付村级道路维修资金")
    briefing = AgendaEntry.objects.get(item__title="通报第四季度安全生产情况")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="sunli"))
    body = client.get(url("item-register") + f"?entry={passed.pk}").content.decode()
    assert 'value="拨付村级道路维修资金"' in body and "同意拨付村级道路维修资金" in body
    assert f'value="{passed.pk}"' in body
    body = client.get(url("item-register") + f"?entry={briefing.pk}").content.decode()
    assert "只能依据已结束的党委会议上通过的议题" in body
