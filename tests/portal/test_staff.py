"""The party office's pages, by persona: the list, the form with its live check, the refusals
(403, 404, 405), submit, approve, withdraw, the site profile."""

import pytest

from tests import factories
from tests.portal.conftest import make
from zhidu.portal import services
from zhidu.portal.models import Article, SiteProfile

pytestmark = pytest.mark.django_db

FORM = {"category": "notices", "subcategory": "", "title": "关于村道修缮的公告",
        "body": "经镇党委研究，决定于十月修缮东沟村村道，施工期间请绕行。", "tags": "村道"}  # fmt: skip


def login(client, person):
    client.force_login(person.user)
    return client


def test_the_editor_drafts_through_the_form(client, people):
    login(client, people["editor"])
    assert client.get("/site/staff/articles/new/").status_code == 200
    response = client.post("/site/staff/articles/new/", FORM)
    article = Article.objects.get()
    assert response.url == f"/site/staff/articles/{article.pk}/" and article.state == "draft"
    assert client.get("/site/staff/articles/").content.decode().count(article.title) == 1


def test_a_refused_form_names_the_field_and_keeps_the_text(client, people):
    login(client, people["editor"])
    response = client.post("/site/staff/articles/new/", {**FORM, "title": "", "category": "party_affairs"})
    body = response.content.decode()
    assert response.status_code == 400 and "标题：请填写" in body and "党务公开类别" in body
    assert "经镇党委研究" in body and not Article.objects.exists()


def test_the_live_check_warns_before_publishing(client, people):
    login(client, people["editor"])
    body = client.post("/site/staff/articles/check/", {**FORM, "body": "", "tags": ""}).content.decode()
    assert (
        'data-field="body" data-severity="invalid"' in body
        and 'data-field="tags" data-severity="advice"' in body
    )
    assert 'id="article-ready"' in client.post("/site/staff/articles/check/", FORM).content.decode()
    assert client.get("/site/staff/articles/check/").status_code == 405


def test_submit_approve_withdraw_through_the_pages(client, people):
    article = make(people)
    login(client, people["editor"])
    client.post(f"/site/staff/articles/{article.pk}/submit/")
    assert client.post(f"/site/staff/articles/{article.pk}/approve/").status_code == 403  # a plain clerk
    login(client, people["clerk"])
    page = client.get(f"/site/staff/articles/{article.pk}/").content.decode()
    assert 'id="approve-article"' in page
    client.post(f"/site/staff/articles/{article.pk}/approve/")
    article.refresh_from_db()
    assert article.state == "published"
    client.post(f"/site/staff/articles/{article.pk}/withdraw/", {"reason": ""})
    article.refresh_from_db()
    assert article.state == "published"  # a reason is needed
    client.post(f"/site/staff/articles/{article.pk}/withdraw/", {"reason": "日期有误"})
    article.refresh_from_db()
    assert article.state == "withdrawn" and article.withdrawal_reason == "日期有误"


def test_edit_keeps_versions_and_a_published_article_is_not_edited(client, people):
    article = make(people)
    login(client, people["editor"])
    client.post(f"/site/staff/articles/{article.pk}/", {**FORM, "title": "修改后的标题", "version": 1})
    article.refresh_from_db()
    assert article.title == "修改后的标题" and article.version == 2
    stale = client.post(f"/site/staff/articles/{article.pk}/", {**FORM, "title": "旧页面", "version": 1})
    assert stale.status_code == 400 and "刚被别人修改过" in stale.content.decode()
    services.submit(people["editor"].user, article)
    services.approve_and_publish(people["clerk"].user, article)
    client.post(f"/site/staff/articles/{article.pk}/", {**FORM, "title": "偷改", "version": article.version})
    article.refresh_from_db()
    assert article.title == "修改后的标题"


def test_who_may_open_the_staff_pages(client, people):
    article = make(people)
    for who, status in (
        ("cadre", 403),
        ("discipline", 403),
        ("deputy", 403),
        ("secretary", 200),
        ("organization", 200),
    ):
        login(client, people[who])
        assert client.get("/site/staff/articles/").status_code == status, who
        assert client.get(f"/site/staff/articles/{article.pk}/").status_code == status, who
    client.logout()
    assert client.get("/site/staff/articles/").url.startswith("/login/")


def test_another_townships_article_is_404(client, people):
    other = factories.township("河口镇", "hekou")
    stranger = factories.person(other, "外镇党办", username="hk-clerk", dept_kind="party_office")
    article = services.draft(stranger.user, township=other, category="news", title="外镇", body="外镇正文")
    login(client, people["clerk"])
    assert client.get(f"/site/staff/articles/{article.pk}/").status_code == 404
    assert client.post(f"/site/staff/articles/{article.pk}/submit/").status_code == 404


def test_the_party_office_keeps_the_site_profile(client, people):
    login(client, people["organization"])
    assert client.get("/site/staff/profile/").status_code == 403
    login(client, people["editor"])
    client.post(
        "/site/staff/profile/", {"address": "人民路1号", "phone": "0914-1234567", "office_hours": "工作日"}
    )
    assert SiteProfile.objects.get().address == "人民路1号"
    assert "人民路1号" in client.get("/site/zhacun/").content.decode()


def test_the_live_panel_previews_the_page(client, people):
    login(client, people["editor"])
    body = client.post(
        "/site/staff/articles/check/", {**FORM, "body": "第一段<b>粗</b>\n\n第二段"}
    ).content.decode()
    assert (
        'id="article-preview"' in body
        and "<p>第一段&lt;b&gt;粗&lt;/b&gt;</p>" in body
        and "<p>第二段</p>" in body
    )
