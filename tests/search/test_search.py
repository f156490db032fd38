"""zhidu.search over the portal's published articles: kept in step with publishing and
withdrawal, every article containing the query found (against an icontains scan), title matches
first, the query's words highlighted in escaped snippets, filters and pages."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from zhidu.portal import services
from zhidu.portal.models import Article
from zhidu.search import segment
from zhidu.search.models import Document
from zhidu.search.query import search

pytestmark = pytest.mark.django_db

TEXTS = [
    ("关于召开2026年度民主生活会的通知", "镇党委定于十二月召开领导班子民主生活会，请各位班子成员做好准备。"),
    ("东沟村村道修缮公告", "经镇党委研究，决定于十月修缮东沟村村道。施工期间请绕行。"),
    ("民主评议党员工作安排", "各支部开展民主评议党员，生活会上人人发言。"),
    ("乡村振兴简报", "我镇推进乡村振兴，召开专题民主生活会议，查摆问题十二条。"),
    ("Party school notice", "The PARTY school opens on Monday; 党校 培训 <b>不得缺席</b>。"),
    ("村务公开栏更新", "村务公开、党务公开同步更新，接受群众监督。"),
]
PHRASES = [
    "民主生活会",
    "生活会",
    "主生",
    "党委",
    "公开",
    "村道",
    "party",
    "十二",
    "<b>",
    "振兴",
    "查摆问题",
    "不存在的词",
]


@pytest.fixture
def articles(publish):
    return [publish(title, body) for title, body in TEXTS]


def scan(town, phrase):
    from django.db.models import Q

    rows = Article.objects.filter(township=town, state="published")
    return set(
        rows.filter(Q(title__icontains=phrase) | Q(body__icontains=phrase)).values_list("pk", flat=True)
    )


def found(town, phrase):
    r = search(town, phrase, page=1)
    ids = {int(h.document.source_id) for h in r.hits}
    assert r.count == len(ids) or r.count > 10
    return r, ids


def test_segmentation_indexes_compounds_and_their_parts():
    assert {"民主", "生活", "生活会", "民主生活会"} <= set(segment.words("召开民主生活会"))
    assert segment.characters("Party 党委，2026") == list("party党委2026")


def test_publishing_indexes_and_withdrawal_removes(people, publish):
    a = publish("关于民主生活会的通知", "定于下周召开。")
    assert Document.objects.filter(source_id=str(a.pk)).exists()
    assert search(a.township, "民主生活会").count == 1
    services.withdraw(people["clerk"].user, a, "内容有误")
    assert not Document.objects.filter(source_id=str(a.pk)).exists()
    assert search(a.township, "民主生活会").count == 0


def test_approved_article_is_indexed_and_a_draft_is_not(people):
    p = people["editor"]
    draft = services.draft(
        p.user, township=p.township, category="news", title="村道通车", body="东沟村村道今日通车。"
    )
    assert search(p.township, "通车").count == 0
    services.submit(p.user, draft)
    assert search(p.township, "通车").count == 0
    services.approve_and_publish(people["clerk"].user, Article.objects.get(pk=draft.pk))
    assert search(p.township, "通车").count == 1


@pytest.mark.parametrize("phrase", PHRASES)
def test_recall_contains_every_article_an_icontains_scan_finds(articles, phrase):
    town = articles[0].township
    r = search(town, phrase, page=1)
    ids = {int(h.document.source_id) for h in r.hits}
    assert ids >= scan(town, phrase)
    assert r.count == len(ids)


def test_title_matches_come_first(articles):
    r = search(articles[0].township, "民主生活会")
    titles = [h.document.title for h in r.hits]
    assert titles[0] == "关于召开2026年度民主生活会的通知"
    assert set(titles) == {"关于召开2026年度民主生活会的通知", "乡村振兴简报"}  # 生活会议 contains it too


def test_snippet_highlights_the_words_and_escapes_html(articles):
    r = search(articles[0].township, "不得缺席")
    (hit,) = r.hits
    assert "<mark>不得缺席</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet and "<b>" not in hit.snippet
    r = search(articles[0].township, "民主生活会")
    assert "<mark>民主生活会</mark>" in r.hits[0].title


def test_other_townships_articles_are_not_found(articles):
    other = factories.township("东村镇", "dongcun")
    assert search(other, "党委").count == 0
    assert search(articles[0].township, "党委").count == 2


def test_filters_by_category_and_year_and_pages(people, publish):
    for i in range(12):
        publish(f"通知第{i}号", "请按时参加学习。", category="notices" if i % 2 else "news")
    town = people["clerk"].township
    assert search(town, "学习").count == 12
    assert search(town, "学习", category="news").count == 6
    year = timezone.localtime().year
    assert search(town, "学习", year=year).count == 12
    assert search(town, "学习", year=year - 1).count == 0
    first, second = search(town, "学习", page=1), search(town, "学习", page=2)
    assert (first.pages, len(first.hits), len(second.hits)) == (2, 10, 2)
    assert not {h.document.pk for h in first.hits} & {h.document.pk for h in second.hits}


def test_year_is_the_local_year(people, publish):
    a = publish("跨年通知", "元旦安排。")
    # 2025-12-31 17:00 UTC is 2026-01-01 01:00 in Asia/Shanghai.
    Article.objects.filter(pk=a.pk).update(
        published_at=datetime.datetime(2025, 12, 31, 17, tzinfo=datetime.UTC)
    )
    a.refresh_from_db()
    from zhidu.search.index import sync_article

    sync_article(a)
    assert Document.objects.get(source_id=str(a.pk)).year == 2026


def test_punctuation_only_query_finds_nothing_without_error(articles):
    assert search(articles[0].township, "，。！").count == 0
    assert search(articles[0].township, '"* OR AND NEAR(').count == 0


def test_a_single_character_is_found_wherever_it_stands(publish):
    a = publish("会", "开会。")
    b = publish("通知", "明天全体干部参加学习")
    town = a.township
    assert {int(h.document.source_id) for h in search(town, "会").hits} == {a.pk}
    assert {int(h.document.source_id) for h in search(town, "习").hits} == {b.pk}  # the last character


def test_a_phrase_late_in_a_very_long_text_is_found(publish):
    from zhidu.search.index import MAX_INDEXED

    a = publish("长篇报告", "工作报告。" * (MAX_INDEXED // 4) + "最后提到古树名木保护。")
    assert Document.objects.get(source_id=str(a.pk)).long_text
    publish("古树名木保护通知", "请保护古树名木。")
    r = search(a.township, "古树名木")
    assert r.count == 2
    assert r.hits[0].document.title == "古树名木保护通知"  # the title match first
    assert "<mark>古树名木</mark>" in r.hits[1].snippet


def test_past_rank_all_title_matches_come_first_and_pages_cover_every_match(monkeypatch, publish):
    from zhidu.search import query

    monkeypatch.setattr(query, "RANK_ALL", 3)
    made = [publish(f"第{i}期简报", "本期内容：党委工作要点。") for i in range(5)]
    titled = publish("党委工作通知", "请阅。")
    town = titled.township
    first, second = search(town, "党委", per_page=4), search(town, "党委", page=2, per_page=4)
    assert first.count == 6 and first.hits[0].document.title == "党委工作通知"
    seen = [int(h.document.source_id) for h in first.hits + second.hits]
    assert sorted(seen) == sorted([a.pk for a in made] + [titled.pk])
    assert seen[1:] == sorted(seen[1:], reverse=True)  # then newest first
