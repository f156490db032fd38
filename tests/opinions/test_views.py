"""R16 pages: the public form (captcha, rate limit, a refused submission keeps what was typed and
names the field, the live representative warning), the receipt and following by code (no personal
data), the privacy notice; the office's list and its filters, entering a letter, the opinion page
(the submitter's data to those handling it, audited), the steps by POST, the supervision item, the
publication and the monthly analysis."""

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.opinions.conftest import CONTENT, FIVE, NAME, PHONE, SIX, submit, through, village
from zhidu.core.models import AuditEntry
from zhidu.opinions.models import MonthlyAnalysis, Opinion
from zhidu.opinions.views import public
from zhidu.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db


def form_data(town, client, **extra):
    page = client.get(reverse("opinions:submit", args=[town.code]))
    key = page.content.decode().split('name="captcha_0" value="')[1].split('"')[0]
    data = {
        "topic": "livelihood", "place": f"v{village(town).pk}", "title": "路灯损坏", "content": CONTENT,
        "submitter_name": NAME, "submitter_phone": PHONE, "representatives": "", "supporter_count": "",
        "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }  # fmt: skip
    data.update(extra)
    return data


def test_a_sixth_representative_is_refused_with_everything_kept_then_five_pass(people, town):
    client = Client()
    url = reverse("opinions:submit", args=[town.code])
    response = client.post(url, form_data(town, client, representatives=SIX, supporter_count="20"))
    body = response.content.decode()
    assert response.status_code == 400 and not Opinion.objects.exists()
    assert "不超过5人" in body and CONTENT in body and NAME in body and "代表6 13800000006" in body
    assert 'id="representatives-warning"' in body  # the live panel says it too
    response = client.post(url, form_data(town, client, representatives=FIVE, supporter_count="20"))
    opinion = Opinion.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("opinions:receipt")
    assert opinion.representative_count == 5 and opinion.supporter_count == 20 and opinion.intake == "portal"
    receipt = client.get(reverse("opinions:receipt")).content.decode()
    assert opinion.code[:4] in receipt and NAME not in receipt and PHONE not in receipt


def test_a_wrong_captcha_names_the_field_and_keeps_the_text(people, town):
    client = Client()
    response = client.post(
        reverse("opinions:submit", args=[town.code]), form_data(town, client, captcha_1="WRONG")
    )
    body = response.content.decode()
    assert response.status_code == 400 and ("Captcha" in body or "验证码" in body)
    assert CONTENT in body and not Opinion.objects.exists()


def test_the_public_form_offers_the_villages_not_another_townships(people, town):
    other = factories.township("东山镇", "dongshan")
    from zhidu.org.models import Village

    foreign = Village.objects.create(township=other, name="外镇村")
    client = Client()
    body = client.get(reverse("opinions:submit", args=[town.code])).content.decode()
    assert "东沟村" in body and "外镇村" not in body
    response = client.post(
        reverse("opinions:submit", args=[town.code]), form_data(town, client, place=f"v{foreign.pk}")
    )
    assert response.status_code == 400 and not Opinion.objects.exists()
    assert client.get(reverse("opinions:submit", args=["nowhere"])).status_code == 404


def test_the_live_check_warns_of_a_sixth(people, town):
    url = reverse("opinions:check", args=[town.code])
    five = Client().post(url, {"representatives": FIVE}).content.decode()
    assert "representatives-warning" not in five and 'data-count="5"' in five
    six = Client().post(url, {"representatives": SIX}).content.decode()
    assert 'id="representatives-warning"' in six and "R16§16" in six
    assert Client().get(url).status_code == 405


def test_submissions_are_rate_limited(people, town):
    client = Client()
    url = reverse("opinions:submit", args=[town.code])
    for _ in range(public.SUBMISSIONS_PER_HOUR):
        assert client.post(url, {"title": "x"}).status_code == 400  # refused, still counted
    response = client.post(url, form_data(town, client))
    assert response.status_code == 429 and "Retry-After" in response and not Opinion.objects.exists()
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_following_by_code_shows_the_state_and_result_never_personal_data(people, town):
    opinion = through(submit(town, representatives=FIVE), people, to="done")
    from zhidu.opinions import services

    services.publish_results(township=town, by=people["clerk"])
    client = Client()
    response = client.post(reverse("opinions:follow"), {"code": opinion.code.lower()})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-state="published"' in body and "已修复路灯三盏" in body
    assert NAME not in body and PHONE not in body and "代表1" not in body and CONTENT not in body
    assert client.post(reverse("opinions:follow"), {"code": "ABCDEFGHJKMN"}).status_code == 404


def test_the_privacy_notice_says_what_why_and_how_long(town):
    body = Client().get(reverse("opinions:privacy")).content.decode()
    for section in ('id="what-h"', 'id="why-h"', 'id="who-h"', 'id="long-h"'):
        assert section in body


def test_the_list_filters_and_shows_each_their_own(login, people, town):
    submit(town, title="村里路灯")
    submit(town, title="单位食堂", department=people["unit"].department, village=None, topic="other")
    office = login(people["clerk"]).get(reverse("opinions:list"), {"topic": "other"}).content.decode()
    assert "单位食堂" in office and "村里路灯" not in office
    by_village = login(people["clerk"]).get(reverse("opinions:list"), {"place": f"v{village(town).pk}"})
    assert "村里路灯" in by_village.content.decode() and "单位食堂" not in by_village.content.decode()
    unit = login(people["unit"]).get(reverse("opinions:list")).content.decode()
    assert "单位食堂" in unit and "村里路灯" not in unit
    assert "单位食堂" not in login(people["cadre"]).get(reverse("opinions:list")).content.decode()


def test_the_office_enters_a_letter_and_a_refusal_keeps_the_text(login, people, town):
    client = login(people["clerk"])
    data = {"intake": "letter", "topic": "", "place": f"d{people['unit'].department.pk}", "title": "食堂卫生",
            "content": CONTENT, "submitter_name": NAME}  # fmt: skip
    response = client.post(reverse("opinions:new"), data)
    assert response.status_code == 400 and CONTENT in response.content.decode()
    data["topic"] = "livelihood"
    response = client.post(reverse("opinions:new"), data)
    opinion = Opinion.objects.get()
    assert (
        response.status_code == 302
        and opinion.intake == "letter"
        and opinion.department == people["unit"].department
    )
    assert login(people["cadre"]).get(reverse("opinions:new")).status_code == 403


def test_the_opinion_page_shows_the_submitter_to_those_handling_it(login, people, town):
    opinion = submit(town)
    url = reverse("opinions:detail", args=[opinion.pk])
    body = login(people["deputy"]).get(url).content.decode()
    assert NAME in body and 'id="verify-submit"' in body
    assert AuditEntry.objects.filter(action="opinions.read", actor=people["deputy"].user).count() == 1
    principal = login(people["secretary"]).get(url).content.decode()
    assert opinion.title in principal and NAME not in principal
    assert login(people["cadre"]).get(url).status_code == 403
    stranger = factories.personas(factories.township("东山镇", "dongshan"), prefix="ds-")["clerk"]
    assert login(stranger).get(url).status_code == 404


def test_the_steps_by_post(login, people, town):
    opinion = submit(town)
    deputy = login(people["deputy"])
    response = deputy.post(
        reverse("opinions:verify", args=[opinion.pk]), {"verification": "", "report": "on"}
    )
    assert response.status_code == 400
    deputy.post(
        reverse("opinions:verify", args=[opinion.pk]),
        {"verification": "核实属实", "emerging": "on", "report": "on"},
    )
    opinion.refresh_from_db()
    assert opinion.state == "reported" and opinion.emerging
    clerk = login(people["clerk"])
    clerk.post(
        reverse("opinions:analyse", args=[opinion.pk]), {"analysis": "普遍问题", "proposal": "统一维修"}
    )
    clerk.post(reverse("opinions:decide", args=[opinion.pk]), {"adopted": "yes", "note": "采用"})
    clerk.post(
        reverse("opinions:complete", args=[opinion.pk]),
        {"done_on": str(opinion.submitted_on), "done_note": "已修复"},
    )
    opinion.refresh_from_db()
    assert opinion.state == "done"
    assert login(people["cadre"]).post(reverse("opinions:analyse", args=[opinion.pk]), {}).status_code == 403
    response = login(people["clerk"]).post(reverse("opinions:publish"), {"title": ""})
    opinion.refresh_from_db()
    assert response.status_code == 302 and opinion.state == "published"


def test_a_supervision_item_in_one_click_from_the_proposed_values(login, people, town):
    unit = people["unit"].department
    opinion = through(submit(town, department=unit, village=None), people, to="analysed", verifier="unit")
    client = login(people["clerk"])
    page = client.get(reverse("opinions:detail", args=[opinion.pk])).content.decode()
    assert 'id="supervise-submit"' in page
    deadline = page.split('name="deadline" value="')[1].split('"')[0]
    response = client.post(reverse("opinions:supervise", args=[opinion.pk]), {
        "owner_department": people["unit"].department.pk, "owner_person": people["unit"].pk,
        "deadline": deadline, "requirements": "统一维修",
    })  # fmt: skip
    assert response.status_code == 302
    item = SupervisionItem.objects.get()
    assert item.source == "mailbox" and Opinion.objects.get().supervision_item == item


def test_the_monthly_analysis_page_and_its_record(login, people, town):
    submit(town)
    client = login(people["clerk"])
    body = client.get(reverse("opinions:analysis")).content.decode()
    assert 'id="by-topic"' in body and "东沟村" in body and 'id="trend"' in body
    row = MonthlyAnalysis.objects.create(
        township=town, month=Opinion.objects.get().submitted_on.replace(day=1)
    )
    response = client.post(reverse("opinions:analysis-record", args=[row.pk]), {"summary": "以民生为主"})
    row.refresh_from_db()
    assert response.status_code == 302 and row.done_on is not None
    assert login(people["cadre"]).get(reverse("opinions:analysis")).status_code == 403
    assert login(people["secretary"]).get(reverse("opinions:analysis")).status_code == 200


def test_the_portal_lists_the_opinion_pages_among_its_public_services(town):
    from zhidu.portal.links import public_links

    urls = [url for url, _label in public_links(town.code)]
    assert reverse("opinions:submit", args=[town.code]) in urls and reverse("opinions:follow") in urls


def test_the_office_form_warns_of_a_sixth_too_and_the_list_keeps_to_its_query_budget(
    login, people, town, django_assert_max_num_queries
):
    client = login(people["clerk"])
    page = client.get(reverse("opinions:new")).content.decode()
    assert 'id="representatives-check"' in page and reverse("opinions:check", args=[town.code]) in page
    for n in range(30):
        submit(town, title=f"意见{n}", representatives=FIVE if n % 2 else "")
    with django_assert_max_num_queries(15):
        body = client.get(reverse("opinions:list")).content.decode()
    assert body.count("data-opinion=") == 30
