"""A member of the public comments on a published article (issue 15), on a 360-px phone: signs up
with their e-mail address, the captcha and the code they receive, posts a comment and sees it
awaiting moderation while nobody else does, posts it again and sees it held as a duplicate; 张党办
of the party office refuses the duplicate (the author reads why) and approves the first, which
then shows under the article to everyone. Selectors are ids; words through zh() (the English
msgid until the translations are merged)."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests import factories
from tests.portal.conftest import published
from zhidu.portal.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
TEXT = "村道修好后，建议在东沟村村口加装两盏路灯。"


def zh(msgid: str) -> str:
    with translation.override("zh-hans"):
        return gettext(msgid)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_of_the_public_signs_up_comments_and_the_clerk_approves(
    new_page, start_logged_in, town, monkeypatch
):
    monkeypatch.setenv("ZHIDU_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    monkeypatch.delenv("ZHIDU_SMTP_HOST", raising=False)
    mail.outbox = []
    people = factories.personas(town)
    article = published(people)

    phone = new_page(**PHONE)
    phone.goto(article.get_absolute_url())
    expect(phone.locator("#no-comments")).to_be_visible()
    phone.locator("#sign-in-to-comment").click()
    assert "/account/" in phone.url and fits_the_screen(phone)

    # Step 1: the e-mail address and the captcha drawn by the server.
    phone.locator("#id_contact").fill("reader@example.cn")
    key = phone.locator('input[name="captcha_0"]').input_value()
    phone.locator("#id_captcha_1").fill(CaptchaStore.objects.get(hashkey=key).response)
    phone.locator("#send-code").click()
    expect(phone.locator("#code-sent")).to_contain_text("reader@example.cn")
    assert fits_the_screen(phone)
    [message] = mail.outbox
    assert message.to == ["reader@example.cn"]
    code = re.search(r"验证码是 (\d{6})", message.body).group(1)

    # Step 2: the code; back to the article, signed in.
    phone.locator("#id_code").fill(code)
    phone.locator("#id_nickname").fill("东沟村民")
    phone.locator("#verify-code").click()
    expect(phone.locator("#comment-form")).to_be_visible()
    assert phone.url.split("#")[0].endswith(article.get_absolute_url())
    expect(phone.locator("#public-account")).to_have_text("东沟村民")

    phone.locator("#id_body").fill(TEXT)
    phone.locator("#comment-submit").click()
    comment = Comment.objects.latest("pk")
    expect(phone.locator(f"#comment-{comment.pk}-state")).to_have_text(zh("Awaiting moderation"))
    expect(phone.locator(f"#comment-{comment.pk}")).to_contain_text(TEXT)
    assert fits_the_screen(phone)

    # The same text again: held as a duplicate, and the author is told so.
    phone.locator("#id_body").fill(TEXT + "！")
    phone.locator("#comment-submit").click()
    again = Comment.objects.latest("pk")
    assert again.hold == "duplicate"
    expect(phone.locator(f"#comment-{again.pk}-state")).to_have_text(zh("Awaiting moderation"))
    expect(phone.locator(f"#comment-{again.pk}")).to_contain_text(zh("it repeats an earlier comment"))

    # Someone else, on another phone: nothing yet.
    neighbour = new_page(**PHONE)
    neighbour.goto(article.get_absolute_url())
    expect(neighbour.locator(f"#comment-{comment.pk}")).to_have_count(0)

    # The clerk of the party office, at a desk: the queue, one click.
    desk = new_page()
    start_logged_in(desk, "clerk", "/site/staff/comments/")
    expect(desk.locator(f"#moderate-{comment.pk}")).to_contain_text(TEXT)
    expect(desk.locator(f"#hold-{again.pk}")).to_be_visible()  # held ones first, with why
    assert desk.locator("article.card").first.get_attribute("id") == f"moderate-{again.pk}"
    expect(desk.locator(f"#reason-{again.pk}")).to_have_value("与已有评论重复")  # offered, editable
    desk.locator(f"#refuse-{again.pk}").click()
    expect(desk.locator(f"#moderate-{again.pk}")).to_have_count(0)
    desk.locator(f"#approve-{comment.pk}").click()
    expect(desk.locator("#no-waiting")).to_be_visible()
    comment.refresh_from_db()
    assert comment.state == "approved"

    # Shown to everyone now, without the "awaiting" mark.
    neighbour.reload()
    expect(neighbour.locator(f"#comment-{comment.pk}")).to_contain_text(TEXT)
    expect(neighbour.locator(f"#comment-{comment.pk}")).to_contain_text("东沟村民")
    expect(neighbour.locator(f"#comment-{again.pk}")).to_have_count(0)
    phone.reload()
    expect(phone.locator(f"#comment-{comment.pk}-state")).to_have_count(0)
    # The refused one: to its author only, with the reason.
    expect(phone.locator(f"#comment-{again.pk}-state")).to_have_text(zh("Not approved"))
    expect(phone.locator(f"#comment-{again.pk}-reason")).to_contain_text("与已有评论重复")
    assert fits_the_screen(phone) and fits_the_screen(neighbour)

    # Keyboard: the comment form is reachable and labelled.
    expect(phone.locator("label[for=id_body]")).to_be_visible()
