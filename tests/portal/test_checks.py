"""zhidu.portal.checks: what an article needs before publication, just inside and just outside."""

from zhidu.portal import checks
from zhidu.portal.models import Category, Subcategory

CATS, SUBS = set(Category.values), set(Subcategory.values)


def judge(**kwargs):
    values = {
        "category": "news",
        "subcategory": "",
        "title": "标题",
        "body": "正" * checks.SHORT_BODY,
        "tags": "新闻",
    }
    values.update(kwargs)
    return {(f.field, f.severity) for f in checks.findings(checks.Draft(**values), CATS, SUBS)}


def test_a_complete_draft_has_no_finding():
    assert judge() == set()


def test_party_affairs_needs_one_of_r11s_eight_categories():
    assert ("subcategory", "invalid") in judge(category="party_affairs")
    assert judge(category="party_affairs", subcategory="decisions") == set()
    assert ("subcategory", "invalid") in judge(subcategory="decisions")  # only for 党务公开
    f = checks.findings(checks.Draft("party_affairs", "", "t", "正" * 20, "x"), CATS, SUBS)[0]
    assert f.finding.article == "R11§8"


def test_title_and_body_limits():
    assert judge(title="") == {("title", "invalid")}
    assert judge(title="标" * 200) == set() and judge(title="标" * 201) == {("title", "invalid")}
    assert judge(body="正" * 19) == {("body", "advice")}
    assert judge(body="") == {("body", "invalid")}
    assert judge(category="") == {("category", "invalid")}
    assert judge(tags="") == {("tags", "advice")}


def test_tags_are_normalized_once_each():
    assert checks.normalize_tags("村道，公告, 公告；水利 ") == "村道、公告、水利"
    assert checks.normalize_tags(("a", "b", "a")) == "a、b"
    assert checks.normalize_tags("") == ""
