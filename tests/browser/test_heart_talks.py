"""R20 as the principal lives it: 杨栋 records a talk with 胡新璐 at his desk (the live panel warns
first that no point of part 三 is ticked), then opens the quotas: this year his quota with 胡新璐 is
met; last year's shows 邱维兴 met and the others missed. The expected states come from the quotas
and talks in the database, not from the page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.heart_talks import periodic, services
from zhidu.heart_talks.models import TalkQuota
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_principal_sees_the_r20_quotas_met_and_missed(new_page, start_logged_in):
    town = create_demo()
    people = {p.user.username: p for p in Person.objects.filter(township=town, user__isnull=False)}
    yang, qiu, hu = people["yangdong"], people["qiuweixing"], people["huxinlu"]
    last_year = timezone.localdate().year - 1
    periodic.generate(town, datetime.date(last_year, 6, 1))
    for day in (datetime.date(last_year, 3, 2), datetime.date(last_year, 9, 1)):
        services.record_talk(talker=yang, participants=[qiu], held_on=day, mode="one_to_one", manner="inspiring",
                             contents=[1], notes="谈话", user=yang.user)  # fmt: skip
    this_year = TalkQuota.objects.get(township=town, talker=yang, talkee=hu, period=str(last_year + 1))
    assert (
        periodic.held(town.pk, yang.pk, hu.pk, this_year.starts_on, this_year.ends_on)
        == this_year.required - 1
    )

    page = new_page()
    start_logged_in(page, "yangdong", "/heart-talks/")
    page.locator("#record-talk").click()
    page.locator(f'input[name="participants"][value="{hu.pk}"]').check()
    page.locator("#id_manner").select_option("encouraging")
    expect(page.locator('#check-panel [data-code="no-contents"]')).to_be_visible()
    page.locator('input[name="contents"][value="5"]').check()
    expect(page.locator('#check-panel [data-code="ok"]')).to_be_visible()
    page.locator("#id_notes").fill("谈宣传思想工作和个人成长。")
    page.locator("#submit-talk").click()
    expect(page.locator("#talk-participants")).to_have_text(hu.name)

    page.goto("/heart-talks/")
    page.locator("#see-quotas").click()
    expect(page.locator(f'[data-quota="{this_year.pk}"]')).to_have_attribute("data-status", "met")
    page.locator("#year").fill(str(last_year))
    page.locator("#show-year").click()
    old = TalkQuota.objects.filter(township=town, starts_on__year=last_year)
    met = old.get(talker=yang, talkee=qiu)
    expect(page.locator(f'[data-quota="{met.pk}"]')).to_have_attribute("data-status", "met")
    missed = old.get(talker=yang, talkee=hu)
    expect(page.locator(f'[data-quota="{missed.pk}"]')).to_have_attribute("data-status", "missed")
    expect(page.locator('[data-count="missed"]')).to_have_text(str(old.count() - 1))
