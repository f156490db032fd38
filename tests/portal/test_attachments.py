"""Attachments of an article (issue 15): the editor attaches files to a draft and removes them
(zhidu.portal.services.attachments: permission, states, version, audit), the checks refuse what the
portal does not offer, naming the field; the public downloads a published article's attachment and
nothing else (a draft's, a withdrawn article's, another township's: 404), as an attachment with its
Chinese name (RFC 5987), its stored type and nosniff.

The default storage is Django's in-memory one here: the code reaches files through the Storage API
only (open, save, delete), as object storage behind default_storage requires."""

import hashlib
import re
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.portal.conftest import make
from zhidu.core.models import AuditEntry
from zhidu.portal import checks, services
from zhidu.portal.models import Attachment
from zhidu.portal.services import attachments

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NAME = "关于村道修缮的通知（盖章版）.pdf"


@pytest.fixture(autouse=True)
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


def pdf(name=NAME, content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored(town):
    try:
        _folders, files = default_storage.listdir(f"townships/{town.pk}/portal/attachments")
    except FileNotFoundError:  # nothing was ever stored for the township
        return []
    return files


def publish(people, article):
    services.submit(people["editor"].user, article)
    return services.approve_and_publish(people["clerk"].user, article)


# --- the checks (pure) -----------------------------------------------------------------------------


def errors(name, content, limit_mb=20, count=0):
    return checks.attachment_errors(name, len(content), content[:16], limit_mb=limit_mb, count=count)


def test_the_checks_offer_the_listed_types_by_name_and_content():
    assert errors("通知.PDF", PDF) == []
    assert errors("表.xlsx", b"PK\x03\x04rest") == [] and errors("公文.ofd", b"PK\x03\x04") == []
    assert errors("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....") == []
    assert errors("照片.jpg", b"\xff\xd8\xff\xe0") == [] and errors("图.png", b"\x89PNG\r\n\x1a\nIHDR") == []
    (refused,) = errors("setup.exe", b"MZ\x90\x00")
    assert refused.startswith("附件：") and "setup.exe" in refused and "PDF" in refused
    (renamed,) = errors("通知.pdf", b"MZ\x90\x00")
    assert renamed.startswith("附件：") and "通知.pdf" in renamed
    assert errors("无扩展名", PDF) and errors(".pdf", PDF)  # no extension at all
    assert "为空" in errors("空.pdf", b"")[0]


def test_the_checks_refuse_a_file_over_the_limit_and_one_attachment_too_many():
    (big,) = errors("大.pdf", PDF + b"0" * (1024 * 1024), limit_mb=1)
    assert big.startswith("附件：") and "1.0 MB" in big and "1 MB" in big
    assert errors("通知.pdf", PDF, count=checks.ATTACHMENTS_MAX - 1) == []
    assert "20" in errors("通知.pdf", PDF, count=checks.ATTACHMENTS_MAX)[0]
    assert checks.size_label(80) == "1 KB" and checks.size_label(350 * 1024) == "350 KB"
    assert checks.size_label(int(1.25 * 1024 * 1024)) == "1.2 MB"
    assert checks.clean_file_name("C:\\Users\\张三\\通知\x00.pdf") == "通知.pdf"


# --- the entry points ------------------------------------------------------------------------------


def test_the_editor_attaches_a_file_stored_under_a_token_with_a_version_and_an_audit(people):
    article = make(people)
    town = people["editor"].township
    found = attachments.attach(people["editor"].user, article, pdf())
    assert (found.name, found.size, found.content_type) == (NAME, len(PDF), "application/pdf")
    assert found.sha256 == hashlib.sha256(PDF).hexdigest() and found.uploaded_by == people["editor"].user
    # Under its township, a random token for a name: never what the uploader called it.
    assert re.fullmatch(rf"townships/{town.pk}/portal/attachments/[0-9a-f]{{32}}\.pdf", found.file.name)
    assert "村道" not in found.file.name and stored(town) == [found.file.name.rsplit("/", 1)[1]]
    with default_storage.open(found.file.name, "rb") as handle:
        assert handle.read() == PDF
    article.refresh_from_db()
    assert article.version == 2 and article.versions.get(version=2).note == f"添加附件：{NAME}"
    entry = AuditEntry.objects.get(action="portal.attach")
    assert entry.target_id == str(article.pk) and entry.detail["sha256"] == found.sha256
    assert attachments.listed(article) == [found]


def test_an_attachment_sends_an_awaiting_article_back_to_draft(people):
    article = make(people)
    services.submit(people["editor"].user, article)
    attachments.attach(people["editor"].user, article, pdf())
    article.refresh_from_db()
    assert article.state == "draft" and article.submitted_by is None  # the approver approves what they read


def test_a_refused_upload_names_the_field_and_stores_nothing(people, settings):
    settings.ZHIDU_PORTAL_ATTACHMENT_MAX_MB = 1
    article = make(people)
    town = people["editor"].township
    for upload in (
        pdf("病毒.exe", b"MZ\x90\x00"),
        pdf("改名.pdf", b"<html>not a pdf</html>"),
        pdf("大文件.pdf", PDF + b"0" * (1024 * 1024)),
    ):
        with pytest.raises(ValidationError) as refused:
            attachments.attach(people["editor"].user, article, upload)
        assert list(refused.value.message_dict) == ["attachment"]
        assert refused.value.message_dict["attachment"][0].startswith("附件：")
    assert not Attachment.objects.exists() and stored(town) == []
    article.refresh_from_db()
    assert article.version == 1


def test_a_published_article_keeps_its_attachments(people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    publish(people, article)
    with pytest.raises(ValidationError) as refused:
        attachments.attach(people["editor"].user, article, pdf())
    assert "附件" in refused.value.message_dict["attachment"][0]
    with pytest.raises(ValidationError):
        attachments.remove(people["editor"].user, found)
    assert attachments.listed(article) == [found]


def test_only_the_portal_editors_of_the_township_attach_and_remove(people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    for who in ("cadre", "secretary", "discipline"):  # no portal.edit (the principal approves, not edits)
        with pytest.raises(PermissionDenied):
            attachments.attach(people[who].user, article, pdf())
        with pytest.raises(PermissionDenied):
            attachments.remove(people[who].user, found)
    outsider = factories.person(
        factories.township(), "外镇党办", username="o-office", dept_kind="party_office"
    )
    with pytest.raises(PermissionDenied):
        attachments.attach(outsider.user, article, pdf())
    with pytest.raises(PermissionDenied):
        attachments.remove(outsider.user, found)
    attachments.attach(people["organization"].user, article, pdf("组织.pdf"))  # the organization office edits


def test_removing_keeps_the_row_and_deletes_the_file_after_the_commit(
    people, django_capture_on_commit_callbacks
):
    article = make(people)
    town = people["editor"].township
    found = attachments.attach(people["editor"].user, article, pdf())
    with django_capture_on_commit_callbacks(execute=True):
        attachments.remove(people["editor"].user, found)
    found.refresh_from_db()
    assert found.removed_at is not None and found.removed_by == people["editor"].user
    assert found.sha256 and stored(town) == [] and attachments.listed(article) == []
    article.refresh_from_db()
    assert article.version == 3 and article.versions.get(version=3).note == f"删除附件：{NAME}"
    assert AuditEntry.objects.filter(action="portal.remove_attachment", target_id=str(article.pk)).exists()
    with pytest.raises(ValidationError):  # a second click
        attachments.remove(people["editor"].user, found)


# --- the public download ---------------------------------------------------------------------------


def test_the_public_downloads_a_published_articles_attachment(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    publish(people, article)
    url = f"/site/zhacun/a/{article.pk}/files/{found.pk}/"
    assert found.get_absolute_url() == url
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert "no-cache" in response["Cache-Control"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and NAME in page and "PDF · 1 KB" in page


def test_an_ascii_name_is_a_plain_filename(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf("notice-2026.pdf"))
    publish(people, article)
    response = client.get(found.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="notice-2026.pdf"'


def test_a_draft_an_awaiting_a_withdrawn_or_a_removed_attachment_is_a_404(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    removed = attachments.attach(people["editor"].user, article, pdf("旧版.pdf"))
    url = f"/site/zhacun/a/{article.pk}/files/{found.pk}/"
    assert client.get(url).status_code == 404  # a draft
    client.force_login(people["clerk"].user)
    assert client.get(url).status_code == 404  # not even to its staff, here (theirs: staff-attachment)
    client.logout()
    attachments.remove(people["editor"].user, removed)
    services.submit(people["editor"].user, article)
    assert client.get(url).status_code == 404  # awaiting approval
    services.approve_and_publish(people["clerk"].user, article)
    assert client.get(url).status_code == 200
    assert client.get(f"/site/zhacun/a/{article.pk}/files/{removed.pk}/").status_code == 404
    assert (
        client.get(f"/site/zhacun/a/{article.pk + 1}/files/{found.pk}/").status_code == 404
    )  # not its article
    services.withdraw(people["clerk"].user, article, "附件有误")
    assert client.get(url).status_code == 404
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and NAME not in page.content.decode()  # the page stays, the file goes


def test_another_townships_address_is_a_404(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    publish(people, article)
    factories.township("河口镇", "hekou")
    assert client.get(f"/site/hekou/a/{article.pk}/files/{found.pk}/").status_code == 404
    assert client.get(f"/site/nowhere/a/{article.pk}/files/{found.pk}/").status_code == 404


def test_a_file_missing_from_the_storage_is_a_404_not_an_error(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    publish(people, article)
    default_storage.delete(found.file.name)
    assert client.get(found.get_absolute_url()).status_code == 404


# --- the staff editor ------------------------------------------------------------------------------

FORM = {"category": "notices", "subcategory": "", "title": "关于村道修缮的公告",
        "body": "经镇党委研究，决定于十月修缮东沟村村道，施工期间请绕行。", "tags": "村道"}  # fmt: skip


def test_the_editor_uploads_with_the_text_and_a_refusal_keeps_what_was_typed(client, people):
    client.force_login(people["editor"].user)
    response = client.post("/site/staff/articles/new/", {**FORM, "attachment": pdf("病毒.exe", b"MZ")})
    body = response.content.decode()
    assert response.status_code == 400 and 'id="id_attachment_error"' in body and "附件：" in body
    assert "经镇党委研究" in body and "关于村道修缮的公告" in body
    from zhidu.portal.models import Article

    assert not Article.objects.exists()  # no draft without its refused file
    response = client.post("/site/staff/articles/new/", {**FORM, "attachment": pdf()})
    article = Article.objects.get()
    assert response.url == f"/site/staff/articles/{article.pk}/"
    found = Attachment.objects.get(article=article)
    page = client.get(response.url).content.decode()
    assert (
        f'href="/site/staff/attachments/{found.pk}/"' in page and f'id="remove-attachment-{found.pk}"' in page
    )
    # An edit with a refused file: the new text is kept on the form, not saved.
    edited = {**FORM, "title": "关于村道修缮的补充公告", "version": article.version}
    response = client.post(
        f"/site/staff/articles/{article.pk}/", {**edited, "attachment": pdf("空.pdf", b"")}
    )
    assert response.status_code == 400 and "关于村道修缮的补充公告" in response.content.decode()
    article.refresh_from_db()
    assert article.title == FORM["title"]
    # A second file alone is no new text: one version, its note.
    version = article.version
    client.post(
        f"/site/staff/articles/{article.pk}/", {**FORM, "version": version, "attachment": pdf("附表.pdf")}
    )
    article.refresh_from_db()
    assert (
        article.version == version + 1
        and article.versions.get(version=version + 1).note == "添加附件：附表.pdf"
    )


def test_the_editor_removes_through_the_page_and_the_staff_read_a_drafts_file(client, people):
    article = make(people)
    found = attachments.attach(people["editor"].user, article, pdf())
    client.force_login(people["secretary"].user)  # portal.view: the approver reads what they publish
    response = client.get(f"/site/staff/attachments/{found.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]  # a signed-in page (zhidu.core)
    assert client.post(f"/site/staff/attachments/{found.pk}/remove/").status_code == 403
    client.force_login(people["cadre"].user)
    assert client.get(f"/site/staff/attachments/{found.pk}/").status_code == 403
    client.force_login(people["editor"].user)
    assert client.get(f"/site/staff/attachments/{found.pk}/remove/").status_code == 405
    response = client.post(f"/site/staff/attachments/{found.pk}/remove/")
    assert response.url == f"/site/staff/articles/{article.pk}/"
    found.refresh_from_db()
    assert found.removed_at is not None
    assert client.get(f"/site/staff/attachments/{found.pk}/").status_code == 404
    other = factories.person(factories.township(), "外镇党办", username="o-office", dept_kind="party_office")
    client.force_login(other.user)
    assert client.post(f"/site/staff/attachments/{found.pk}/remove/").status_code == 404


def test_the_live_check_never_receives_the_file(client, people):
    client.force_login(people["editor"].user)
    page = client.get("/site/staff/articles/new/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'hx-params="not attachment"' in page
    assert 'accept=".pdf,.doc,.docx,.xls,.xlsx,.ofd,.jpg,.jpeg,.png,.zip"' in page


def test_content_file_uploads_work_too(people):
    """What a command or the API would pass: any django File, not only a form's upload."""
    article = make(people)
    found = attachments.attach(people["editor"].user, article, ContentFile(PDF, name="决定.pdf"))
    assert found.name == "决定.pdf" and found.size == len(PDF)
