import pytest

from tests import factories


@pytest.fixture
def people(town):
    """The personas; the clerk heads the party office (党政办主任), `editor` is a clerk of it."""
    cast = factories.personas(town)
    office = cast["clerk"].department
    office.head = cast["clerk"]
    office.save(update_fields=["head"])
    cast["editor"] = factories.person(town, "李党办", username="editor", dept_kind="party_office")
    return cast


def make(people, who="editor", **kwargs):
    from zhidu.portal import services

    kwargs.setdefault("category", "notices")
    kwargs.setdefault("title", "关于村道修缮的公告")
    kwargs.setdefault("body", "经镇党委研究，决定于十月修缮东沟村村道。\n\n施工期间请绕行。")
    kwargs.setdefault("tags", "村道、公告")
    p = people[who]
    return services.draft(p.user, township=p.township, **kwargs)
