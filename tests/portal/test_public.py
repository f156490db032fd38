"""The public pages, as a member of the public (no log-in): the townships, a township's home, a
category with pages, an article (withdrawn too), the feeds, the sitemap; reads counted without a
write per read and without a trace of the reader."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.portal.conftest import make
from zhidu.portal import counter, services
from zhidu.portal.models import Article, SiteProfile

pytestmark = pytest.mark.django_db


def published(people, **kwargs):
    article = make(people, **kwargs)
    services.submit(people["editor"].user, article)
    return services.approve_and_publish(people["clerk"].user, article)


@pytest.fixture(autouse=True)
def _empty_counter():
    counter.take()
    yield
    counter.take()


def test_anonymous_root_shows_the_portal_and_the_only_township(client, people):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/site/zhacun/"
    assert b'id="staff-login"' in response.content and b'href="/login/"' in response.content


def test_signed_in_root_still_goes_to_the_duties(client, people):
    client.force_login(people["clerk"].user)
    assert client.get("/").url == "/duties/"


def test_several_townships_are_listed(client, people):
    factories.township("河口镇", "hekou")
    body = client.get("/site/").content.decode()
    assert "/site/hekou/" in body and "/site/zhacun/" in body


def test_home_shows_the_latest_per_category_and_the_identity(client, people):
    SiteProfile.objects.create(township=people["clerk"].township, address="柞村镇人民路1号", phone="0914-1234567",
                               office_hours="工作日 8:30–12:00")  # fmt: skip
    article = published(people)
    draft = make(people, title="尚未发布的草稿")
    body = client.get("/site/zhacun/").content.decode()
    assert article.title in body and draft.title not in body
    assert "柞村镇人民路1号" in body and "0914-1234567" in body and "工作日 8:30–12:00" in body
    assert 'href="/petitions/follow/"' in body  # the areas' public services


def test_a_draft_and_another_townships_article_are_404(client, people):
    draft = make(people)
    assert client.get(f"/site/zhacun/a/{draft.pk}/").status_code == 404
    article = published(people)
    factories.township("河口镇", "hekou")
    assert client.get(f"/site/hekou/a/{article.pk}/").status_code == 404
    assert client.get("/site/nowhere/").status_code == 404
    assert client.get("/site/zhacun/c/nothing/").status_code == 404


def test_article_page_escapes_the_text_and_links_its_neighbours(client, people):
    first = published(people, title="第一篇", body="<script>alert(1)</script>\n\n第二段")
    second = published(people, title="第二篇")
    body = client.get(first.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    assert body.count("<p>") >= 2 and 'id="next-article"' in body and second.get_absolute_url() in body
    assert 'href="/site/zhacun/c/notices/?tag=%E6%9D%91%E9%81%93"' in body  # the tag 村道
    assert 'id="previous-article"' in client.get(second.get_absolute_url()).content.decode()


def test_withdrawn_article_says_so_and_leaves_the_lists(client, people):
    article = published(people)
    services.withdraw(people["clerk"].user, article, "施工日期调整，另行公告")
    body = client.get(article.get_absolute_url()).content.decode()
    assert 'id="withdrawn-notice"' in body and "施工日期调整，另行公告" in body
    assert article.title not in client.get("/site/zhacun/c/notices/").content.decode()


def test_category_pages_and_tag_filter(client, people):
    for n in range(17):
        published(people, title=f"公告{n:02d}", tags="村道" if n % 2 else "水利")
    first = client.get("/site/zhacun/c/notices/").content.decode()
    assert "公告16" in first and "公告01" not in first and 'rel="next"' in first
    second = client.get("/site/zhacun/c/notices/?page=2").content.decode()
    assert "公告01" in second and "公告16" not in second
    tagged = client.get("/site/zhacun/c/notices/?tag=水利").content.decode()
    assert "公告16" in tagged and "公告15" not in tagged


def test_reading_writes_nothing_and_the_job_flushes_the_counts(client, people):
    article = published(people)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(article.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert re.search(r'id="view-count">4\D', client.get(article.get_absolute_url()).content.decode())
    assert counter.pending(article.pk) == 4
    assert counter.flush() == 4
    assert Article.objects.get(pk=article.pk).views == 4 and counter.pending(article.pk) == 0


def test_the_counter_keeps_nothing_about_the_reader():
    """The counter is article id -> number: no address, no session, no time."""
    counter.hit(7)
    counter.hit(7)
    assert counter.take() == {7: 2}
    field_names = {f.name for f in Article._meta.get_fields()}
    assert not field_names & {"reader", "readers", "address", "session"}


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_job_flushes_and_its_dry_run_does_not(people):
    from zhidu.obligations import jobs

    article = published(people)
    counter.hit(article.pk)
    jobs.run(dry_run=True)
    assert Article.objects.get(pk=article.pk).views == 0 and counter.pending(article.pk) == 1
    jobs.run()
    assert Article.objects.get(pk=article.pk).views == 1 and counter.pending(article.pk) == 0


def test_feeds_and_sitemap(client, people):
    article = published(people)
    rss = client.get("/site/zhacun/c/notices/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert article.title in rss.content.decode() and article.get_absolute_url() in rss.content.decode()
    atom = client.get("/site/zhacun/c/notices/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml") and article.title in atom.content.decode()
    sitemap = client.get("/site/sitemap.xml").content.decode()
    assert article.get_absolute_url() in sitemap and "/site/zhacun/c/news/" in sitemap
    draft = make(people)
    assert draft.get_absolute_url() not in client.get("/site/sitemap.xml").content.decode()


def test_english_frame(client, people):
    published(people)
    client.post("/i18n/setlang/", {"language": "en", "next": "/site/zhacun/"})
    body = client.get("/site/zhacun/").content.decode()
    assert 'lang="en"' in body and "Notices and announcements" in body and "Staff log-in" in body


def test_the_home_page_query_budget(client, people, django_assert_max_num_queries):
    for n in range(5):
        published(people, title=f"公告{n}")
    with django_assert_max_num_queries(10):
        client.get("/site/zhacun/")


def test_the_article_and_category_query_budgets(client, people, django_assert_max_num_queries):
    for n in range(20):
        article = published(people, title=f"公告{n}")
    # One more for the article's comments (issue 15), whatever their number: their authors come
    # with them (select_related), and a reader without the public cookie costs no query.
    _comments_under(article, 12)
    # And one for its attachments, whatever their number (rows only: the page never opens a file).
    _attachments_of(article, 3)
    with django_assert_max_num_queries(8):
        client.get(article.get_absolute_url())
    with django_assert_max_num_queries(6):
        client.get("/site/zhacun/c/notices/")


def _attachments_of(article, count):
    from django.utils import timezone

    from zhidu.portal.models import Attachment

    for n in range(count):
        Attachment.objects.create(
            township=article.township, article=article, file=f"townships/{article.township_id}/portal/attachments/{n}.pdf",
            name=f"附件{n}.pdf", size=2048, content_type="application/pdf", sha256="0" * 64, uploaded_at=timezone.now(),
        )  # fmt: skip


def _comments_under(article, count):
    from django.utils import timezone

    from zhidu.portal.models import Comment, PublicAccount

    for n in range(count):
        account = PublicAccount.objects.create(
            township=article.township, channel="email", contact_digest=f"budget-{n}",
            contact=f"r{n}@example.cn", nickname=f"网友{n}", created_at=timezone.now(),
        )  # fmt: skip
        Comment.objects.create(
            township=article.township, article=article, account=account, body=f"评论{n}",
            state=Comment.State.APPROVED, created_at=timezone.now(),
        )  # fmt: skip
