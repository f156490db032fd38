import pytest

from tests import factories


@pytest.fixture
def people(town):
    cast = factories.personas(town)
    office = cast["clerk"].department
    office.head = cast["clerk"]
    office.save(update_fields=["head"])
    cast["editor"] = factories.person(town, "李党办", username="editor", dept_kind="party_office")
    return cast


@pytest.fixture
def publish(people):
    """Publish an article in one click, as the party office does (zhidu.portal.services.publish)."""
    from zhidu.portal import services

    def make(title, body, category="notices", **kwargs):
        p = people["clerk"]
        return services.publish(
            p.user, township=p.township, category=category, title=title, body=body, **kwargs
        )

    return make
