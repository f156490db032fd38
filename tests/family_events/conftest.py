import base64
import datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from zhidu.org.models import Person

KEYS = "t1:" + base64.b64encode(bytes(range(40, 56))).decode()
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _field_keys(settings):
    settings.ZHIDU_FIELD_KEYS = KEYS


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SH)


def ranked(town, name, username, rank=Person.Rank.DEPUTY_SECTION, **kwargs) -> Person:
    person = factories.person(town, name, username=username, **kwargs)
    person.rank = rank
    person.save(update_fields=["rank"])
    return person


@pytest.fixture
def people(town):
    """The users.md personas, two leading cadres (deputy section level) and a staff member."""
    cast = factories.personas(town)
    cast["cadre_a"] = ranked(town, "林平", "cadre-a", dept_kind="other")
    cast["cadre_b"] = ranked(town, "陈刚", "cadre-b", dept_kind="other")
    cast["staff"] = ranked(town, "吴芳", "staff", rank=Person.Rank.STAFF)
    return cast


@pytest.fixture
def elsewhere(db):
    other = factories.township("东山镇", "dongshan")
    cast = factories.personas(other, prefix="ds-")
    cast["cadre_a"] = ranked(other, "东山干部", "ds-cadre-a")
    return cast
