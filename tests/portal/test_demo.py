"""The demo's comments (zhidu.portal.demo): built through the entry points, so what a first visitor
and the party office meet is the real moderation: two approved comments on the public page, the
queue with one held for prohibited content, one held as a near-duplicate and one awaiting, and one
refused, its reason shown to its author only."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.shared_world import rolled_back_at_the_end
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.portal import demo, public_session
from zhidu.portal.models import Article, Comment, PublicAccount

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker):
        yield create_demo()


@pytest.fixture
def township(db, _demo):
    return _demo


def commented(township) -> Article:
    return Article.objects.filter(township=township, comments__isnull=False).distinct().get()


def test_the_public_page_shows_the_approved_comments_only(township):
    article = commented(township)
    body = Client().get(article.get_absolute_url()).content.decode()
    for _who, text in demo.APPROVED:
        assert text in body
    assert "东沟村老刘" in body
    for _who, text, *_ in (demo.DUPLICATE, demo.PROHIBITED, demo.PENDING, demo.REFUSED):
        assert text not in body


def test_the_holds_are_the_checks_verdicts(township):
    rows = {c.body: c for c in Comment.objects.filter(township=township)}
    assert rows[demo.PROHIBITED[1]].hold == "prohibited" and "网赌" in rows[demo.PROHIBITED[1]].hold_detail
    duplicate = rows[demo.DUPLICATE[1]]
    first = rows[demo.APPROVED[0][1]]
    assert duplicate.hold == "duplicate" and f"#{first.pk}" in duplicate.hold_detail
    assert {c.state for c in rows.values()} == {"approved", "held", "pending", "refused"}


def test_the_party_office_queue_lists_the_held_and_awaiting(township, client):
    client.force_login(Person.objects.get(township=township, user__username="zhangmin").user)
    body = client.get(reverse("portal:staff-comments")).content.decode()
    for _who, text in (demo.PROHIBITED, demo.DUPLICATE, demo.PENDING):
        assert text in body
    held = min(body.index(demo.PROHIBITED[1]), body.index(demo.DUPLICATE[1]))
    assert held < body.index(demo.PENDING[1])  # held first
    for _who, text in demo.APPROVED:
        assert text not in body


def test_the_refused_comment_shows_its_reason_to_its_author(township):
    who, text, reason = demo.REFUSED
    author = PublicAccount.objects.get(township=township, nickname=demo.MEMBERS[who][1])
    reader = Client()
    public_session.start(response := reader.get("/"), author)
    reader.cookies.update(response.cookies)
    body = reader.get(commented(township).get_absolute_url()).content.decode()
    assert text in body and reason in body
