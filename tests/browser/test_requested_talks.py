"""R19 as its users live it: 吴芳 (社会事务办干事) books a talk on her phone; the live panel warns
that 徐文 is not a leader the hierarchy names for her and that the day is not a talk day, then clears
for 胡新璐 (her leader in charge) as an urgent talk; 胡新璐 records the talk with a request, hands the
follow-up card to 经济发展办公室; its head 周强 answers; 吴芳 sees the answer on her phone. Selectors
are ids and data attributes, so the test holds in both languages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.core.models import AuditEntry
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.requested_talks.models import FollowUpCard, TalkBooking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
SUMMARY = "想反映社区养老服务站建设的困难（浏览器测试）"
REQUEST = "请协调经济发展办公室提供养老服务站选址资料"
ANSWER = "已提供三处备选地块资料，并安排现场踏勘"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_cadre_books_a_talk_and_the_card_is_answered(new_page, start_logged_in):
    town = create_demo()
    people = {p.user.username: p for p in Person.objects.filter(township=town, user__isnull=False)}

    phone = new_page(**PHONE)
    start_logged_in(phone, "wufang", "/requested-talks/")
    assert fits_the_screen(phone)
    phone.locator("#book-talk").click()
    phone.locator("#id_talker").select_option(str(people["xuwen"].pk))
    expect(phone.locator('#check-panel [data-code="wrong-talker"]')).to_be_visible()
    expect(phone.locator('#check-panel [data-code="no-day"]')).to_be_visible()
    phone.locator("#id_talker").select_option(str(people["huxinlu"].pk))
    expect(phone.locator('#check-panel [data-code="wrong-talker"]')).to_have_count(0)
    phone.locator("#id_urgent").check()
    phone.locator("#id_day").fill(timezone.localdate().isoformat())
    phone.locator("#id_topics_0").check()
    phone.locator("#id_summary").fill(SUMMARY)
    expect(phone.locator('#check-panel [data-code="ok"]')).to_be_visible()
    assert fits_the_screen(phone)
    phone.locator("#submit-booking").click()
    expect(phone.locator("#booking-summary")).to_have_text(SUMMARY)
    booking = TalkBooking.objects.get(cadre=people["wufang"], talker=people["huxinlu"], urgent=True)
    assert SUMMARY not in booking.summary.token

    leader = new_page()
    start_logged_in(leader, "huxinlu", f"/requested-talks/{booking.pk}/")
    leader.locator("#id_record").fill("听取了吴芳的想法，作了沟通。")
    leader.locator("#id_requests").fill(REQUEST)
    leader.locator("#submit-record").click()
    expect(leader.locator("#booking-state")).to_have_attribute("data-state", "held")
    card = FollowUpCard.objects.get(booking=booking)
    leader.locator(f'[data-card="{card.pk}"] a').first.click()
    expect(leader.locator("#card-request")).to_have_text(REQUEST)
    leader.locator("#id_department").select_option(str(people["zhouqiang"].department_id))
    leader.locator("#submit-hand").click()
    expect(leader.locator("#card-state")).to_have_attribute("data-state", "handed")

    unit = new_page()
    start_logged_in(unit, "zhouqiang", "/requested-talks/")
    unit.locator(f'[data-card="{card.pk}"] a').click()
    expect(unit.locator("#card-request")).to_have_text(REQUEST)
    unit.locator("#id_answer").fill(ANSWER)
    unit.locator("#submit-answer").click()
    expect(unit.locator("#card-state")).to_have_attribute("data-state", "answered")
    # The unit's head reads the card, never the talk itself.
    assert unit.goto(f"/requested-talks/{booking.pk}/").status == 403

    phone.goto(f"/requested-talks/{booking.pk}/")
    expect(phone.locator(f'[data-answer="{card.pk}"]')).to_contain_text(ANSWER)
    assert fits_the_screen(phone)
    assert AuditEntry.objects.filter(action="requested_talks.read", actor__username="zhouqiang").exists()
