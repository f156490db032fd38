"""zhidu.portal.services by persona: draft → submit → approve and publish, publish at once,
withdraw; every version kept, every change audited, refusals naming the field."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests import factories
from tests.portal.conftest import make
from zhidu.core.models import AuditEntry
from zhidu.portal import services
from zhidu.portal.models import Article, ArticleVersion

pytestmark = pytest.mark.django_db


def test_editor_drafts_submits_and_the_head_publishes(people):
    article = make(people, tags="村道，公告 公告")
    assert article.state == "draft" and article.version == 1 and article.tags == "村道、公告"
    services.submit(people["editor"].user, article)
    assert article.state == "awaiting"
    services.approve_and_publish(people["clerk"].user, article)
    assert article.state == "published" and article.published_at is not None
    assert list(ArticleVersion.objects.filter(article=article).values_list("version", "state")) == [
        (1, "draft"), (2, "awaiting"), (3, "published"),
    ]  # fmt: skip
    actions = set(AuditEntry.objects.filter(target_id=str(article.pk)).values_list("action", flat=True))
    assert actions == {"portal.draft", "portal.submit", "portal.publish"}
    assert article.get_absolute_url() == f"/site/zhacun/a/{article.pk}/"


def test_the_principal_approves_but_a_plain_clerk_or_the_submitter_does_not(people):
    article = make(people, who="clerk")
    services.submit(people["clerk"].user, article)
    with pytest.raises(PermissionDenied):
        services.approve_and_publish(people["editor"].user, article)  # not the office's head
    with pytest.raises(PermissionDenied):
        services.approve_and_publish(people["clerk"].user, article)  # four eyes: the submitter
    services.approve_and_publish(people["secretary"].user, article)
    assert article.state == "published"


def test_a_cadre_or_discipline_cannot_draft(people):
    for who in ("cadre", "discipline", "deputy"):
        with pytest.raises(PermissionDenied):
            make(people, who=who)


def test_another_township_is_refused(people):
    other = factories.township("河口镇", "hekou")
    with pytest.raises(PermissionDenied):
        services.draft(people["editor"].user, township=other, category="news", title="标题", body="正文")


def test_refusals_name_the_field(people):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        make(people, title=" ", body="", category="party_affairs")
    errors = caught.value.message_dict
    assert errors["title"] == ["标题：请填写"] and errors["body"] == ["正文：请填写"]
    assert "subcategory" in errors
    article = make(people, category="party_affairs", subcategory="decisions")
    assert article.subcategory == "decisions"


def test_editing_keeps_every_version_and_refuses_a_stale_one(people):
    article = make(people)
    stale = Article.objects.get(pk=article.pk)
    services.edit(people["editor"].user, article, category="news", title="新标题", body="新正文内容。")
    assert article.version == 2 and article.title == "新标题"
    with pytest.raises(ValidationError) as caught:
        services.edit(people["editor"].user, stale, category="news", title="另一标题", body="正文。")
    assert "version" in caught.value.message_dict
    assert ArticleVersion.objects.filter(article=article).count() == 2
    assert ArticleVersion.objects.get(article=article, version=1).title == "关于村道修缮的公告"


def test_publish_at_once_is_the_party_offices_and_once_per_source(people):
    clerk = people["editor"]
    first = services.publish(
        clerk.user, township=clerk.township, category="party_affairs", subcategory="decisions",
        title="决定", body="镇党委会议决定……", source_type="meetings.agendaentry", source_id=7,
    )  # fmt: skip
    again = services.publish(
        clerk.user, township=clerk.township, category="party_affairs", subcategory="decisions",
        title="决定", body="镇党委会议决定……", source_type="meetings.agendaentry", source_id=7,
    )  # fmt: skip
    assert first.pk == again.pk and first.state == "published" and first.source_id == "7"
    assert services.published_for(clerk.township, "meetings.agendaentry", 7) == first
    with pytest.raises(PermissionDenied):
        services.publish(
            people["organization"].user, township=clerk.township, category="news", title="t", body="b"
        )


def test_withdrawal_keeps_the_page_and_needs_a_reason(people):
    article = make(people)
    services.submit(people["editor"].user, article)
    services.approve_and_publish(people["clerk"].user, article)
    with pytest.raises(ValidationError) as caught:
        services.withdraw(people["clerk"].user, article, "  ")
    assert "reason" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.withdraw(people["editor"].user, article, "有误")
    services.withdraw(people["clerk"].user, article, "施工日期调整，另行公告")
    assert article.state == "withdrawn" and article.withdrawal_reason == "施工日期调整，另行公告"
    assert article.is_public
    with pytest.raises(ValidationError):
        services.withdraw(people["clerk"].user, article, "再次撤回")


def test_the_openness_vocabulary_is_r11s():
    from zhidu.openness.checks import CATEGORIES
    from zhidu.portal.models import OPENNESS_CATEGORIES, Subcategory

    assert OPENNESS_CATEGORIES == tuple((code, name) for code, name, _mode in CATEGORIES)
    assert set(Subcategory.values) == {code for code, _n in OPENNESS_CATEGORIES}


def test_a_published_hook_runs_in_the_publishing_transaction(people):
    seen = []
    services.register_published_hook("test", lambda article, actor: seen.append((article.title, actor)))
    try:
        article = make(people)
        services.submit(people["editor"].user, article)
        assert seen == []
        services.approve_and_publish(people["clerk"].user, article)
        clerk = people["editor"]
        services.publish(clerk.user, township=clerk.township, category="news", title="新闻", body="新闻正文")
        assert seen == [("关于村道修缮的公告", people["clerk"].user), ("新闻", clerk.user)]

        def fail(article, actor):
            raise RuntimeError("the area's duty could not complete")

        services.register_published_hook("test", fail)
        with pytest.raises(RuntimeError):
            services.publish(
                clerk.user, township=clerk.township, category="news", title="未发布", body="正文"
            )
        assert not Article.objects.filter(title="未发布").exists()  # the page goes with its duty
    finally:
        services._published_hooks.pop("test", None)


def test_the_demo_site_has_its_identity_and_pages():
    from zhidu.org.demo import create_demo
    from zhidu.portal.models import SiteProfile

    town = create_demo()
    assert SiteProfile.objects.get(township=town).phone
    assert Article.objects.filter(township=town, state="published").count() >= 3
    # The demo's passed decision is left for the party office to publish (R1§7(6)).
    assert not Article.objects.filter(township=town, source_type="meetings.agendaentry").exists()


def test_public_links_skip_what_does_not_reverse():
    from zhidu.portal.links import public_links, register_public_link

    register_public_link("nowhere:page", "无", 1)
    try:
        links = public_links("zhacun")
        assert any(u == "/petitions/follow/" for u, _l in links)
        assert all("nowhere" not in u for u, _l in links)
        assert any(u == "/petitions/public/zhacun/schedule/" for u, _l in links)
        assert not any("schedule" in u for u, _l in public_links(None))
    finally:
        from zhidu.portal import links as module

        module._links.pop("nowhere:page", None)


def test_a_concurrent_twin_publication_makes_one_page(people):
    """Two clerks click "publish" on the same decision at once: the other request's page is in
    the database already (its check found nothing either); the partial unique constraint (on
    SQLite and PostgreSQL alike) refuses the second page and the call returns the first."""
    clerk = people["editor"]
    args = dict(
        township=clerk.township,
        category="notices",
        title="决定",
        body="决定正文",
        source_type="x.y",
        source_id=1,
    )
    d = services.validate(category="notices", title="决定", body="决定正文")
    twin = services._create_published(clerk.township, d, "x.y", "1", clerk.user, timezone.now())
    page = services.publish(clerk.user, **args)
    assert page == twin and Article.objects.filter(source_type="x.y").count() == 1
    services.withdraw(people["clerk"].user, page, "更正后重新公示")
    again = services.publish(clerk.user, **args)
    assert again != page and again.state == "published"  # after a withdrawal, published anew
