"""The permission matrix, checked the way OpenSlides does: one table of persona × view, one loop.
Every URL of the application must declare its action, so a new view cannot forget its guard."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from zhidu.core.permissions import MATRIX, Role, roles_of

# name -> (url, action). Views that need an object are covered in their own modules.
PAGES = {
    "duties": "duties.view",
    "compliance": "compliance.view",
    "organization": "organization.view",
    "calendar": "calendar.view",
    "audit": "audit.view",
}
PUBLIC = {"login", "logout", "set_language", "home"}

EXPECTED = {
    # persona: pages they may open
    "secretary": {"duties", "compliance", "organization", "calendar"},
    "deputy": {"duties", "organization", "calendar"},
    "clerk": {"duties", "compliance", "organization", "calendar"},
    "discipline": {"duties", "compliance", "organization", "calendar", "audit"},
    "organization": {"duties", "compliance", "organization", "calendar", "audit"},
    "cadre": {"duties", "organization", "calendar"},
}


def _patterns(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin"} or str(p.pattern).startswith("i18n"):
                continue
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield p


def test_every_view_declares_an_action_of_the_matrix():
    for p in _patterns(get_resolver()):
        if p.name in PUBLIC:
            continue
        action = getattr(p.callback, "zhidu_action", None)
        assert action in MATRIX, f"view {p.name} has no permission action from the matrix"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_matrix(client, people, persona, page):
    client.force_login(people[persona].user)
    response = client.get(reverse(page))
    expected = 200 if page in EXPECTED[persona] else 403
    assert response.status_code == expected, (persona, page, sorted(roles_of(people[persona].user)))


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES))
def test_anonymous_is_sent_to_log_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


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
