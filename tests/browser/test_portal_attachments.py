"""An article's attachment, as its users live it (issue 15): 李娜 of the party office drafts a notice
at her desk and attaches a file that is not a PDF (refused beside the field, her text kept), then the
signed notice as a PDF, and sends it for approval; 张敏, the office's head, reads the attachment and
publishes; a member of the public on a 360-px phone opens the article, sees the file's name, type
and size, and downloads it, and axe-core finds no serious or critical violation on the page.
Selectors are ids, data attributes and URLs, not words, so the test holds in both languages."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import audit
from zhidu.org.demo import create_demo
from zhidu.portal.models import Article, Attachment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NAME = "关于东沟村村道修缮的通知（盖章版）.pdf"
TITLE = "关于东沟村村道修缮的通知"
BODY = "经镇党委研究，决定于十月修缮东沟村村道。\n\n施工期间请绕行，通知原件见附件。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_an_editor_attaches_a_pdf_the_head_publishes_and_the_public_downloads_it_on_a_phone(
    new_page, start_logged_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    create_demo()

    # 李娜 at her desk: the notice, and first a file the portal does not offer.
    desk = new_page()
    start_logged_in(desk, "lina", "/site/staff/articles/new/?category=notices")
    desk.locator("#id_title").fill(TITLE)
    desk.locator("#id_body").fill(BODY)
    desk.locator("#id_tags").fill("村道、通知")
    desk.locator("#id_attachment").set_input_files(
        files=[{"name": "通知.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}]
    )
    desk.locator("#save-article").click()
    expect(desk.locator("#id_attachment_error")).to_contain_text("通知.exe")
    expect(desk.locator("#id_title")).to_have_value(TITLE)  # what she typed is kept
    expect(desk.locator("#id_body")).to_have_value(BODY)
    assert not Article.objects.filter(title=TITLE).exists()

    desk.locator("#id_attachment").set_input_files(
        files=[{"name": NAME, "mimeType": "application/pdf", "buffer": PDF}]
    )
    desk.locator("#save-article").click()
    expect(desk.locator("#article-state")).to_have_attribute("data-state", "draft")
    article = Article.objects.get(title=TITLE)
    attachment = Attachment.objects.get(article=article)
    assert attachment.name == NAME and NAME not in attachment.file.name
    expect(desk.locator(f"#attachment-{attachment.pk}")).to_contain_text(NAME)
    desk.locator("#submit-article").click()
    expect(desk.locator("#article-state")).to_have_attribute("data-state", "awaiting")

    # 张敏, the head of the party office, reads the file she publishes, then publishes.
    head = new_page()
    start_logged_in(head, "zhangmin", f"/site/staff/articles/{article.pk}/")
    staff_copy = head.request.get(f"/site/staff/attachments/{attachment.pk}/")
    assert staff_copy.ok and staff_copy.body() == PDF
    head.locator("#approve-article").click()
    expect(head.locator("#article-state")).to_have_attribute("data-state", "published")

    # A member of the public, on a phone, without an account.
    phone = new_page(**PHONE)
    phone.goto(article.get_absolute_url())
    expect(phone.locator("#article-title")).to_have_text(TITLE)
    link = phone.locator(f"#attachment-{attachment.pk}")
    expect(link).to_have_text(NAME)
    expect(link).to_have_attribute("data-type", "application/pdf")
    expect(phone.locator("#attachments li")).to_contain_text("PDF · 1 KB")
    assert fits_the_screen(phone)
    figures: dict = {}
    assert audit(phone, "article with an attachment", figures) == []
    print(figures)
    with phone.expect_download() as started:
        link.click()
    download = started.value
    assert download.suggested_filename == NAME
    assert download.failure() is None
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF
    # An attachment the article does not have: nothing (a 404), as for any unpublished one.
    answer = phone.request.get(f"/site/zhacun/a/{article.pk}/files/{attachment.pk + 1}/")
    assert answer.status == 404
