"""R17 pages: a member's pairs on the phone, a refused contact form naming the field with the text
kept, the live checks, the party office's view with its findings, a meal decided."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.work_style.helpers import pairs
from zhidu.work_style.models import ReceptionRequest, SupportContact

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 12, 2, 10, tzinfo=SH)


@pytest.fixture
def p(town, people):
    return pairs(town, people)


@time_machine.travel(NOW, tick=False)
def test_a_member_logs_a_contact_and_a_refusal_keeps_the_text(login, people, p):
    client = login(people["deputy"])
    body = client.get(reverse("work_style:index")).content.decode()
    assert (
        f'data-pair="{p["deputy_household"].pk}"' in body
        and f'data-pair="{p["secretary_village"].pk}"' not in body
    )
    url = reverse("work_style:contact", args=[p["deputy_household"].pk])
    answer = client.post(url, {"contacted_on": "2026-12-09", "channel": "visit", "done": "送去冬衣两件"})
    text = answer.content.decode()
    assert answer.status_code == 400 and 'id="id_contacted_on_error"' in text and "送去冬衣两件" in text
    assert not SupportContact.objects.exists()
    answer = client.post(url, {"contacted_on": "2026-12-02", "channel": "visit", "done": "送去冬衣两件"})
    assert answer.status_code == 302 and SupportContact.objects.get().done == "送去冬衣两件"
    # Another member's pair: refused.
    assert client.get(reverse("work_style:contact", args=[p["secretary_village"].pk])).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_live_checks(login, people, p):
    body = login(people["deputy"]).post(reverse("work_style:contact-check", args=[p["deputy_village"].pk]),
                                        {"contacted_on": "2026-12-09", "channel": "visit", "done": ""}).content.decode()  # fmt: skip
    assert 'data-code="contact-future"' in body and 'data-code="contact-empty"' in body and "R17§3(1)" in body
    body = login(people["cadre"]).post(reverse("work_style:reception-check"),
                                       {"meal_on": "2026-11-30", "guests": "x", "reason": "y"}).content.decode()  # fmt: skip
    assert 'data-code="reception-after-meal"' in body
    body = login(people["discipline"]).post(reverse("work_style:inspection-check"),
                                            {"inspected_on": "2026-12-01", "findings": "问题"}).content.decode()  # fmt: skip
    assert 'data-code="rectify-no-deadline"' in body


@time_machine.travel(NOW, tick=False)
def test_the_party_office_sees_a_member_without_a_household(login, people, p):
    body = login(people["clerk"]).get(reverse("work_style:team")).content.decode()
    assert 'data-code="pair-household-missing"' in body and "杨书记未确定帮扶贫困户" in body
    assert login(people["cadre"]).get(reverse("work_style:team")).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_a_meal_reported_and_decided(login, people, p):
    answer = login(people["cadre"]).post(reverse("work_style:receptions"), {
        "village": p["village"].pk, "meal_on": "2026-12-05", "guests": "调研组3人", "reason": "山区调研"})  # fmt: skip
    row = ReceptionRequest.objects.get()
    assert answer.status_code == 302
    assert login(people["cadre"]).post(reverse("work_style:reception-decide", args=[row.pk]),
                                       {"approve": "yes", "note": "x"}).status_code == 403  # fmt: skip
    answer = login(people["secretary"]).post(
        reverse("work_style:reception-decide", args=[row.pk]), {"approve": "no", "note": ""}
    )
    assert answer.status_code == 400 and 'id="id_note_error"' in answer.content.decode()
    login(people["secretary"]).post(reverse("work_style:reception-decide", args=[row.pk]),
                                    {"approve": "no", "note": "不属于特殊情况"})  # fmt: skip
    row.refresh_from_db()
    assert row.state == "refused" and row.decision_note == "不属于特殊情况"


@time_machine.travel(NOW, tick=False)
def test_the_monthly_duty_opens_the_contact_form_and_is_not_marked_done_by_hand(town, login, people, p):
    from zhidu.obligations.models import Obligation
    from zhidu.work_style import periodic, services

    periodic.generate(town, NOW.date())
    duty = Obligation.objects.get(key=services.contact_key(p["deputy_village"], NOW.date()))
    client = login(people["deputy"])
    body = client.get(reverse("duties")).content.decode()
    assert reverse("work_style:contact", args=[p["deputy_village"].pk]) in body
    client.post(reverse("duty-complete", args=[duty.pk]))
    duty.refresh_from_db()
    assert duty.state == "open"


@time_machine.travel(NOW, tick=False)
def test_the_quarterly_check_opens_the_form_for_its_village(town, login, people, p):
    from zhidu.obligations.models import Obligation
    from zhidu.obligations.templatetags.obligations import source_url
    from zhidu.work_style import periodic, services

    periodic.generate(town, NOW.date())
    duty = Obligation.objects.get(key=services.inspection_key(p["village"], NOW.date()))
    client = login(people["discipline"])
    url = reverse("work_style:village-inspect", args=[p["village"].pk])
    assert source_url(duty) == url  # the duty's link, on the department's list
    body = client.get(url, follow=True).content.decode()
    assert f'<option value="{p["village"].pk}" selected>' in body
    client.post(
        reverse("work_style:inspections"),
        {"village": p["village"].pk, "inspected_on": "2026-12-01", "findings": ""},
    )
    duty.refresh_from_db()
    assert duty.state == "done"
