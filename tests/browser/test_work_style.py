"""R17 as its users live it: a team member (邱维兴) logs a contact with his poor household on his phone,
warned by the live check before saving; a cadre (林平) reports a village meal on his phone, the
principal (杨栋) records the committee's decision. Selectors are ids, not words."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.work_style.models import ReceptionRequest, SupportContact, SupportPair
from zhidu.work_style.services import contact_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
DONE = "入户走访，帮助申请冬季取暖补助（浏览器测试）"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_logs_a_contact_on_his_phone(new_page, start_logged_in):
    create_demo()
    today = timezone.localdate()
    pair = SupportPair.objects.get(member__name="邱维兴", kind="household")
    from zhidu.work_style import periodic

    periodic.generate(pair.township, today)
    duty = Obligation.objects.get(key=contact_key(pair, today))
    assert duty.state == "open"

    phone = new_page(**PHONE)
    start_logged_in(phone, "qiuweixing", "/work-style/")
    assert fits_the_screen(phone)
    expect(phone.locator(f'[data-pair="{pair.pk}"] [data-status="due"]')).to_be_visible()
    phone.locator(f"#log-{pair.pk}").click()
    # A date in the future: the live check says so before anything is saved.
    phone.locator("#id_contacted_on").fill((today + datetime.timedelta(days=3)).isoformat())
    phone.locator("#id_done").fill(DONE)
    expect(phone.locator('#findings [data-code="contact-future"]')).to_be_visible()
    phone.locator("#id_contacted_on").fill(today.isoformat())
    expect(phone.locator('#findings [data-code="contact-future"]')).to_have_count(0)
    phone.locator("#id_channel_0").check()
    assert fits_the_screen(phone)
    phone.locator("#submit-contact").click()
    expect(phone.locator(f'[data-pair="{pair.pk}"] [data-status="contacted"]')).to_be_visible()
    expect(phone.locator("#recent")).to_contain_text(DONE)
    assert fits_the_screen(phone)
    contact = SupportContact.objects.get(done=DONE)
    assert contact.pair == pair and contact.channel == "visit"
    duty.refresh_from_db()
    assert duty.state == "done"


def test_a_village_meal_is_reported_and_the_committee_decides(new_page, start_logged_in):
    create_demo()
    today = timezone.localdate()
    phone = new_page(**PHONE)
    start_logged_in(phone, "linping", "/work-style/receptions/")
    assert fits_the_screen(phone)
    phone.locator("#id_village").select_option(label="石门村")
    phone.locator("#id_meal_on").fill((today - datetime.timedelta(days=1)).isoformat())
    phone.locator("#id_guests").fill("市林业局防火检查组3人")
    phone.locator("#id_reason").fill("山林防火检查，点位偏远，确需在村简餐（浏览器测试）")
    expect(phone.locator('#findings [data-code="reception-after-meal"]')).to_be_visible()
    phone.locator("#id_meal_on").fill((today + datetime.timedelta(days=2)).isoformat())
    expect(phone.locator('#findings [data-code="reception-after-meal"]')).to_have_count(0)
    phone.locator("#report-meal").click()
    row = ReceptionRequest.objects.get(village__name="石门村")
    expect(phone.locator("#decision")).to_have_attribute("data-state", "pending")
    assert fits_the_screen(phone)

    principal = new_page(**PHONE)
    start_logged_in(principal, "yangdong", f"/work-style/receptions/{row.pk}/")
    principal.locator("#id_approve_0").check()
    principal.locator("#id_note").fill("确属特殊情况，同意按工作餐标准简餐")
    principal.locator("#decide").click()
    expect(principal.locator("#decision")).to_have_attribute("data-state", "approved")
    expect(principal.locator("#decision-note")).to_contain_text("确属特殊情况")
    assert fits_the_screen(principal)
    row.refresh_from_db()
    assert row.state == "approved" and row.decided_by.name == "杨栋"
    assert Obligation.objects.get(key=f"zero-reception-decision:r{row.pk}").state == "done"
