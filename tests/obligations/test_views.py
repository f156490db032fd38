import datetime

import pytest
from django.urls import reverse

from tests import factories
from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation


def make(town, person, key="k", day=datetime.date(2026, 11, 20)):
    return services.open_obligation(
        township=town,
        kind="periodic-report",
        article="R15",
        title=f"报告{key}",
        key=key,
        rule=DeadlineRule("after_days", day, 30),
        assignee=person,
    )[0]


@pytest.mark.django_db
def test_duties_lists_only_my_obligations(client, town, people):
    mine = make(town, people["deputy"], "mine")
    make(town, people["cadre"], "theirs")
    client.force_login(people["deputy"].user)
    body = client.get(reverse("duties")).content.decode()
    assert mine.title in body
    assert "报告theirs" not in body


@pytest.mark.django_db
def test_mark_done_from_the_page(client, town, people):
    ob = make(town, people["deputy"])
    client.force_login(people["deputy"].user)
    response = client.post(reverse("duty-complete", args=[ob.pk]), {"next": "/duties/"})
    assert response.status_code == 302
    ob.refresh_from_db()
    assert ob.state == Obligation.State.DONE


@pytest.mark.django_db
def test_mark_done_by_htmx_returns_the_row(client, town, people):
    ob = make(town, people["deputy"])
    client.force_login(people["deputy"].user)
    response = client.post(reverse("duty-complete", args=[ob.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="duty-{ob.pk}"' in response.content.decode()


@pytest.mark.django_db
def test_completion_refusals(client, town, people):
    ob = make(town, people["deputy"])
    client.force_login(people["cadre"].user)
    assert client.post(reverse("duty-complete", args=[ob.pk])).status_code == 403  # not theirs
    assert client.get(reverse("duty-complete", args=[ob.pk])).status_code == 405
    # The party office may record completion for others.
    client.force_login(people["clerk"].user)
    assert client.post(reverse("duty-complete", args=[ob.pk])).status_code == 302
    # Another township's obligation does not exist for this user.
    other = factories.township()
    stranger = factories.person(other, "外镇", username="stranger", dept_kind="party_office")
    client.force_login(stranger.user)
    assert client.post(reverse("duty-complete", args=[ob.pk])).status_code == 404
    assert client.post(reverse("duty-complete", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_compliance_is_scoped_to_the_township_and_bounded_in_queries(
    client, town, people, django_assert_max_num_queries
):
    for i in range(30):
        make(town, people["deputy"], f"a{i}")
    other = factories.township()
    outsider = factories.person(other, "外镇人")
    make(other, outsider, "foreign")
    client.force_login(people["secretary"].user)
    with django_assert_max_num_queries(13):
        body = client.get(reverse("compliance")).content.decode()
    assert "外镇人" not in body
    assert "邱副书记" in body


@pytest.mark.django_db
def test_duties_query_budget_does_not_grow_with_rows(client, town, people, django_assert_max_num_queries):
    for i in range(60):
        make(town, people["deputy"], f"d{i}")
    client.force_login(people["deputy"].user)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("duties")).status_code == 200
