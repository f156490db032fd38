"""The public search page: no log-in, the portal's frame, highlighted escaped results, filters,
pages, an unknown township is a 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_anyone_searches_and_sees_highlighted_results(client, publish):
    a = publish("关于召开民主生活会的通知", "镇党委定于十二月召开民主生活会。<script>x</script>")
    page = client.get(f"/search/{a.township.code}/", {"q": "民主生活会"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-result="{a.pk}"' in html
    assert "<mark>民主生活会</mark>" in html
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert 'id="staff-login"' in html  # the portal's frame
    assert f'href="{a.get_absolute_url()}"' in html
    assert 'data-count="1"' in html


def test_empty_query_shows_the_form_only_and_bad_filters_are_ignored(client, publish):
    a = publish("村道通车", "东沟村村道今日通车。")
    page = client.get(f"/search/{a.township.code}/")
    assert page.status_code == 200 and 'id="search-q"' in page.content.decode()
    assert 'id="search-count"' not in page.content.decode()
    page = client.get(
        f"/search/{a.township.code}/", {"q": "通车", "category": "bogus", "year": "x", "page": "zz"}
    )
    assert 'data-count="1"' in page.content.decode()
    page = client.get(f"/search/{a.township.code}/", {"q": "通车", "category": "news"})
    assert 'data-count="0"' in page.content.decode() and 'id="search-empty"' in page.content.decode()


def test_pages_keep_the_query(client, publish):
    for i in range(11):
        a = publish(f"学习通知{i}", "请按时参加学习。")
    page = client.get(f"/search/{a.township.code}/", {"q": "学习"})
    html = page.content.decode()
    assert 'id="search-next"' in html and "page=2" in html and "q=%E5%AD%A6%E4%B9%A0" in html
    page2 = client.get(f"/search/{a.township.code}/", {"q": "学习", "page": 2})
    assert page2.content.decode().count("data-result=") == 1


def test_unknown_township_is_404(client, town):
    assert client.get("/search/nowhere/", {"q": "党委"}).status_code == 404


def test_searches_are_limited_per_address(client, publish, monkeypatch):
    from zhidu.search import views

    monkeypatch.setattr(views, "SEARCHES_PER_MINUTE", 3)
    a = publish("村道通车", "东沟村村道今日通车。")
    url = f"/search/{a.township.code}/"
    statuses = [client.get(url, {"q": "通车"}, REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(url, {"q": "通车"}, REMOTE_ADDR="203.0.113.10").status_code == 200  # another reader
