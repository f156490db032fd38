"""R11 第八条(一) through the portal (issue 15): a 党务公开 page published on the township's site is
the committee's publication of its category, recorded with the page's address, and completes the
period's duty in the same transaction; other pages record nothing."""

import datetime

import pytest
import time_machine

from tests.portal.conftest import (
    make,
    people,  # noqa: F401 - the fixture
)
from zhidu.obligations import jobs
from zhidu.obligations.models import Obligation
from zhidu.openness.models import Publication
from zhidu.portal import services

pytestmark = pytest.mark.django_db
AT = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def duty(town, category):
    return Obligation.objects.get(
        township=town, kind="openness-publish", key__contains=f":committee:{category}:"
    )


def test_a_party_affairs_page_records_the_publication_and_completes_the_duty(people):  # noqa: F811
    town = people["clerk"].township
    with time_machine.travel(AT, tick=False):
        jobs.run()
        assert duty(town, "integrity").state == "open"
        article = make(
            people, category="party_affairs", subcategory="integrity", title="镇党委关于作风建设的通报"
        )
        services.submit(people["editor"].user, article)
        services.approve_and_publish(people["clerk"].user, article)
    row = Publication.objects.get(township=town, category="integrity")
    assert row.branch is None and row.published_on == AT.date()
    assert row.where.endswith(article.get_absolute_url()) and row.content == "镇党委关于作风建设的通报"
    assert row.recorded_by == people["clerk"]
    assert duty(town, "integrity").state == "done"
    assert duty(town, "decisions").state == "open"  # another category's duty stays


def test_a_news_page_records_no_publication(people):  # noqa: F811
    with time_machine.travel(AT, tick=False):
        services.publish(
            people["clerk"].user,
            township=people["clerk"].township,
            category="news",
            title="新闻",
            body="正文",
        )
    assert not Publication.objects.exists()
