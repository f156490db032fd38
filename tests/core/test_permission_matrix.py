"""What the URL × role × owner crawl (tests/core/test_access_crawl.py) does not cover: roles follow the
organization, an account without a township, the county view's township switch. The crawl is the one
automated persona × view table: every URL must declare its action there, and every persona's answer
is derived from the matrix."""

import pytest
from django.urls import reverse

from tests import factories
from zhidu.core.permissions import Role, roles_of


@pytest.mark.django_db
def test_roles_follow_the_organization(town, people):
    assert Role.PRINCIPAL in roles_of(people["secretary"].user)
    assert Role.TEAM_MEMBER in roles_of(people["deputy"].user)
    assert roles_of(people["clerk"].user) == {Role.CADRE, Role.PARTY_OFFICE}
    # A member whose term has ended is no longer on the team.
    term = people["deputy"].terms.get()
    term.ends_on = term.starts_on
    term.save()
    people["deputy"].refresh_from_db()
    assert Role.TEAM_MEMBER not in roles_of(people["deputy"].user)


@pytest.mark.django_db
def test_an_account_without_a_township_sees_nothing(client):
    user = factories.person(factories.township(), "x", username="lonely").user
    user.person.delete()
    client.force_login(user)
    assert client.get(reverse("duties")).status_code == 403


@pytest.mark.django_db
def test_county_view_switches_township_and_others_cannot(client, town, people):
    other = factories.township("河口镇", "hekou")
    outsider = factories.person(other, "河口镇干部")
    import datetime

    from zhidu.obligations import services
    from zhidu.obligations.deadlines import DeadlineRule

    services.open_obligation(
        township=other,
        kind="periodic-report",
        article="R15",
        title="河口镇的报告",
        key="x",
        rule=DeadlineRule("after_days", datetime.date(2026, 11, 1), 3),
        assignee=outsider,
    )
    county = factories.person(town, "县委组织部", username="county", county_view=True)
    client.force_login(county.user)
    assert "河口镇干部" not in client.get(reverse("compliance")).content.decode()
    response = client.post(reverse("switch-township"), {"township": other.pk, "next": "/compliance/"})
    assert response.status_code == 302
    assert "河口镇干部" in client.get(reverse("compliance")).content.decode()
    # An ordinary secretary cannot switch.
    client.force_login(people["secretary"].user)
    assert client.post(reverse("switch-township"), {"township": other.pk}).status_code == 403
    assert "河口镇干部" not in client.get(reverse("compliance")).content.decode()
