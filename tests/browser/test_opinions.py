"""R16 as its users live it: a member of the public on a 360-px phone raises a group opinion with
six representatives (warned while typing, then refused with everything typed kept), then with five
(accepted), gets the receipt code and follows it without an account; the party office (张敏, at a
desk) records the village's verification, analyses and proposes, records the adoption, then what
was done and publishes the results; the follower sees each change of state and the published result,
never a name. Selectors are ids and data attributes, not words, so the test holds in both languages."""

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from tests.browser.conftest import OUTPUT
from zhidu.opinions.models import Opinion
from zhidu.org.demo import create_demo
from zhidu.org.models import Village

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
NAME = "浏览器测试反映人"
CONTENT = "东沟村三组至村委的道路路灯损坏已一个月，老人夜间出行不便（浏览器测试）。"
FIVE = "\n".join(f"代表{n} 1390000000{n}" for n in range(1, 6))
SIX = FIVE + "\n代表6 13900000006"
DONE = "已更换东沟村三组路灯五盏。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def answer_captcha(page) -> None:
    key = page.locator('input[name="captcha_0"]').input_value()
    page.locator('input[name="captcha_1"]').fill(CaptchaStore.objects.get(hashkey=key).response)


def follow(page, code: str, state: str) -> None:
    page.goto("/opinions/follow/")
    page.locator("#id_code").fill(code.lower())
    page.locator("#follow-submit").click()
    expect(page.locator("#follow-state")).to_have_attribute("data-state", state)
    expect(page.locator("body")).not_to_contain_text(NAME)
    expect(page.locator("body")).not_to_contain_text("13900000001")


def test_a_group_opinion_refused_with_six_accepted_with_five_and_followed_to_its_result(
    new_page, start_logged_in
):
    town = create_demo()
    village = Village.objects.get(township=town, name="东沟村")

    public = new_page(**PHONE)
    public.goto(f"/opinions/public/{town.code}/")
    assert fits_the_screen(public)
    public.locator("#id_topic").select_option("livelihood")
    public.locator("#id_place").select_option(f"v{village.pk}")
    public.locator("#id_title").fill("路灯损坏")
    public.locator("#id_content").fill(CONTENT)
    public.locator("#id_submitter_name").fill(NAME)
    public.locator("#id_submitter_phone").fill("13900000001")
    public.locator("#id_representatives").fill(SIX)
    # Warned while typing (htmx), before the mistake is sent.
    expect(public.locator("#representatives-warning")).to_be_visible()
    expect(public.locator("#representatives-check")).to_have_attribute("data-count", "6")
    public.locator("#id_supporter_count").fill("30")
    answer_captcha(public)
    public.locator("#opinion-submit").click()

    # Refused: the field is named, everything typed is still there.
    expect(public.get_by_role("alert")).to_be_visible()
    expect(public.locator("#id_representatives_error")).to_contain_text("R16§16")
    expect(public.locator("#id_content")).to_have_value(CONTENT)
    expect(public.locator("#id_submitter_name")).to_have_value(NAME)
    expect(public.locator("#id_supporter_count")).to_have_value("30")
    assert public.locator("#id_representatives").input_value().count("\n") == 5
    assert not Opinion.objects.filter(title="路灯损坏").exists()
    assert fits_the_screen(public)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    public.screenshot(path=str(OUTPUT / "opinions-six-representatives-refused.png"), full_page=True)

    public.locator("#id_representatives").fill(FIVE)
    expect(public.locator("#representatives-warning")).to_have_count(0)
    expect(public.locator("#representatives-check")).to_have_attribute("data-count", "5")
    answer_captcha(public)
    public.locator("#opinion-submit").click()
    code = public.locator("#receipt-code").inner_text()
    opinion = Opinion.objects.get(title="路灯损坏")
    assert code.replace("-", "") == opinion.code and opinion.representative_count == 5
    assert opinion.supporter_count == 30 and NAME not in opinion.submitter_name.token
    assert fits_the_screen(public)
    public.locator("#follow-link").click()
    public.locator("#id_code").fill(code)
    public.locator("#follow-submit").click()
    expect(public.locator("#follow-state")).to_have_attribute("data-state", "submitted")
    assert fits_the_screen(public)

    desk = new_page()
    start_logged_in(desk, "zhangmin", "/opinions/?state=submitted")
    desk.locator(f'[data-opinion="{opinion.pk}"] a').click()
    expect(desk.locator("#submitter-name")).to_have_text(NAME)
    expect(desk.locator("#representatives")).to_contain_text("代表5")
    desk.locator("#verify_verification").fill("村委走访核实：路灯损坏属实。")
    desk.locator("#verify_emerging").check()
    desk.locator("#verify-submit").click()
    expect(desk.locator("#opinion-state")).to_have_attribute("data-state", "reported")
    follow(public, code, "reported")

    desk.locator("#analyse_analysis").fill("多村反映路灯老化，属普遍性问题。")
    desk.locator("#analyse_proposal").fill("统一排查更换老化路灯。")
    desk.locator("#analyse-submit").click()
    expect(desk.locator("#opinion-state")).to_have_attribute("data-state", "analysed")
    desk.locator("#decide_adopted_0").check()
    desk.locator("#decide_note").fill("采用：统一排查更换老化路灯。")
    desk.locator("#decide-submit").click()
    expect(desk.locator("#opinion-state")).to_have_attribute("data-state", "adopted")
    follow(public, code, "adopted")

    desk.locator("#complete_done_note").fill(DONE)
    desk.locator("#complete-submit").click()
    expect(desk.locator("#opinion-state")).to_have_attribute("data-state", "done")
    desk.goto("/opinions/publish/")
    expect(desk.locator(f'#publishable [data-opinion="{opinion.pk}"]')).to_contain_text(DONE)
    desk.locator("#publish-submit").click()
    expect(desk.locator("#nothing-to-publish")).to_be_visible()

    follow(public, code, "published")
    expect(public.locator("#follow-result")).to_contain_text(DONE)
    expect(public.locator('#follow-steps [data-state="verified"]')).to_be_visible()
    assert fits_the_screen(public)
