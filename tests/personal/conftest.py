import base64
import datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from zhidu.org.models import Person

KEYS = "t1:" + base64.b64encode(bytes(range(100, 116))).decode()


@pytest.fixture(autouse=True)
def _field_keys(settings):
    settings.ZHIDU_FIELD_KEYS = KEYS


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Shanghai"))


def ranked(town, name, username, rank=Person.Rank.DEPUTY_SECTION, **kwargs) -> Person:
    person = factories.person(town, name, username=username, **kwargs)
    person.rank = rank
    person.save(update_fields=["rank"])
    return person


@pytest.fixture
def people(town):
    """The users.md personas, plus two cadres at deputy section level (R8 第二条) and a staff member."""
    cast = factories.personas(town)
    cast["reporter"] = ranked(town, "周强", "reporter", dept_kind="other")
    cast["colleague"] = ranked(town, "陈刚", "colleague", dept_kind="other")
    cast["staff"] = ranked(town, "吴芳", "staff", rank=Person.Rank.STAFF)
    return cast


@pytest.fixture
def elsewhere(db):
    other = factories.township("东山镇", "dongshan")
    cast = factories.personas(other, prefix="ds-")
    cast["reporter"] = ranked(other, "东山干部", "ds-reporter")
    return cast
